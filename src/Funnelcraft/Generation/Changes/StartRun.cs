using Funnelcraft.Data;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// A start: records a queued run of what <paramref name="scope"/> asks — every step (all of them when regenerating,
/// else those without content; the user's edits kept unless told to overwrite them), or one step again with the user's
/// instruction, optionally with the steps written from it — unless the project is not the caller's, the key was used
/// before, the intake is missing, a run is active or the one step asked for has no content. The worker claims the run
/// (the caller wakes it).
/// </summary>
/// <param name="intakeId">The intake to write from (null: the latest). A one-step start writes from the intake the project's latest run used.</param>
public sealed class StartRun(string ownerId, Guid? intakeId, RunScope scope, string? idempotencyKey, string writerModel) : RunChange<StartRun.Verdict>
{
    private bool _keyUsed;
    private bool _intakeFound;
    private IReadOnlyDictionary<int, bool> _current = new Dictionary<int, bool>();

    public enum Verdict
    {
        Started,
        Repeated,
        Conflict,
        NoIntake,
        IntakeNotFound,

        /// <summary>The one step asked for has no content yet: a start of every step writes it.</summary>
        NoContent,
        ProjectNotFound,
    }

    public override async Task LoadAsync(AppDbContext db, ProjectGeneration state, CancellationToken cancellationToken)
    {
        if (!state.IsOwnedBy(ownerId))
        {
            return;
        }

        var projectId = state.Project.Id;
        var intake = IntakeOf(state);
        _keyUsed = idempotencyKey is not null && await db.Runs.AnyAsync(r => r.ProjectId == projectId && r.IdempotencyKey == idempotencyKey, cancellationToken);
        _intakeFound = await db.Intakes.AnyAsync(i => i.ProjectId == projectId && (intake == null || i.Id == intake), cancellationToken);
        _current = await CurrentVersions.OfAsync(db, projectId, cancellationToken);
    }

    public override Decision<Verdict> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(ownerId))
        {
            return Decision.Abandon(Verdict.ProjectNotFound);
        }

        if (_keyUsed)
        {
            return Decision.Abandon(Verdict.Repeated);
        }

        var intake = IntakeOf(state);
        if (!_intakeFound)
        {
            return Decision.Abandon(intake is null ? Verdict.NoIntake : Verdict.IntakeNotFound);
        }

        if (state.Run is { } latest && RunStatus.IsActive(latest.Status))
        {
            return Decision.Abandon(Verdict.Conflict);
        }

        if (scope.Step is { } step && !_current.ContainsKey(step))
        {
            return Decision.Abandon(Verdict.NoContent);
        }

        state.Start(RunPlan.Create(state.Project.Id, intake, scope, idempotencyKey, writerModel, _current, now));
        return Decision.Save(Verdict.Started);
    }

    private Guid? IntakeOf(ProjectGeneration state) => scope.Step is null ? intakeId : state.Run?.IntakeId;
}
