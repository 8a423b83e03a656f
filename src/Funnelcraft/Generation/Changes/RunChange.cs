using Funnelcraft.Data;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// One kind of change to a project's generation state — its runs and their steps, its content versions, a run's lease.
/// <see cref="RunChanges"/> makes every one the same way: load the <see cref="ProjectGeneration"/>, read what else the
/// change needs (<see cref="LoadAsync"/>), apply it (<see cref="Apply"/>, pure), save, announce, commit, publish. To add
/// a change, add a subclass in this folder.
/// </summary>
/// <typeparam name="T">What the change tells its caller (a verdict, the run as saved…).</typeparam>
public abstract class RunChange<T>
{
    /// <summary>
    /// Reads the change needs besides the aggregate (an intake, a stored version…), made again on each try. Reads only:
    /// what <see cref="Apply"/> changes on the aggregate is what is saved.
    /// </summary>
    public virtual Task LoadAsync(AppDbContext db, ProjectGeneration state, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The change itself, on the aggregate as loaded: no I/O, no clock (<paramref name="now"/> is the change's time).</summary>
    public abstract Decision<T> Apply(ProjectGeneration state, DateTimeOffset now);
}
