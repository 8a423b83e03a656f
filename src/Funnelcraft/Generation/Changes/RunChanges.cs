using Funnelcraft.Data;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// The one way to change a project's generation state — a start, a step's reports, a cancel, a retry, a restore, a
/// lease claim, renewal or release. Each change is a unit of work on EF Core:
/// <list type="number">
/// <item>load the aggregate (<see cref="ProjectGeneration"/>: the project's status fields and its latest run with its steps);</item>
/// <item>read what else the change needs and apply it (<see cref="RunChange{T}"/>: a pure transition);</item>
/// <item>save: the status version moves by one and the stored status is rewritten; EF Core sends the statements as one
/// batch. The status version and the run's lease owner are concurrency tokens: a change that loaded a state someone else
/// has changed since — or made by a worker whose claim was replaced — is refused, and is loaded and applied again;</item>
/// <item>announce: on PostgreSQL a trigger on the version column sends <c>NOTIFY</c>, delivered on commit;</item>
/// <item>commit, then publish the status to this node's <see cref="StatusFeed"/>.</item>
/// </list>
/// A change of the lease alone (renewal, release) is saved the same way without moving the status version.
/// </summary>
public sealed class RunChanges(
    IDbContextFactory<AppDbContext> dbFactory,
    ChangeQueries queries,
    StatusFeed feed,
    StatusProjection projection,
    SqliteWriteGate writeGate,
    TimeProvider time)
{
    /// <summary>Tries of a change that keeps finding its state changed under it (each try is a few milliseconds).</summary>
    private const int MaxTries = 20;

    public async Task<ChangeResult<T>> MakeAsync<T>(Guid projectId, RunChange<T> change, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken); // SQLite: one writer at a time, queued here
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy(); // a dropped connection or a restarted server: the whole change again
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await strategy.ExecuteAsync(ct => TryAsync(db, projectId, change, ct), cancellationToken);
            }
            catch (DbUpdateException e) when (IsStale(e) && attempt < MaxTries)
            {
                // Another change committed since this one loaded its state: load it again and apply the change to it.
            }
        }
    }

    /// <summary>A refused save: a concurrency token no longer matched, or a unique index refused what another change just wrote.</summary>
    public static bool IsStale(DbUpdateException exception) => exception is DbUpdateConcurrencyException || DbErrors.IsUniqueViolation(exception);

    private async Task<ChangeResult<T>> TryAsync<T>(AppDbContext db, Guid projectId, RunChange<T> change, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var state = await LoadAsync(db, projectId, cancellationToken);
        if (state is null)
        {
            return new ChangeResult<T>(default!, null, false);
        }

        await change.LoadAsync(db, state, cancellationToken);
        var now = StoredTime.Now(time);
        var decision = change.Apply(state, now);
        switch (decision.Kind)
        {
            case DecisionKind.Abandon:
                return new ChangeResult<T>(decision.Value, null, true);
            case DecisionKind.SaveLease:
                EnsureLeaseOnly(db);
                await db.SaveChangesAsync(cancellationToken);
                return new ChangeResult<T>(decision.Value, null, true);
        }

        await AddNewAsync(db, state, cancellationToken);
        var project = state.Project;
        project.StatusVersion++;
        if (state.Run is { } run)
        {
            projection.RefreshEstimate(run, now);
        }

        var status = projection.Build(project, state.Run);
        project.AutoGenerationStatus = StoredStatusDocument.From(status).ToJson();
        using (feed.Committing(projectId, project.StatusVersion))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (Exception e) when (e is not DbUpdateException u || !IsStale(u))
            {
                feed.Forget(projectId); // the commit may or may not have happened
                throw;
            }

            feed.Publish(project.OwnerId, status);
        }

        return new ChangeResult<T>(decision.Value, status, true);
    }

    /// <summary>The aggregate: the project's status fields and its latest run, tracked.</summary>
    private async Task<ProjectGeneration?> LoadAsync(AppDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        if (await queries.ProjectHead(db, projectId, cancellationToken) is not { } project)
        {
            return null;
        }

        db.Attach(project);
        return new ProjectGeneration(project, await queries.LatestRun(db, projectId, cancellationToken));
    }

    /// <summary>
    /// Adds what the change created: the run it starts, its content versions — each numbered after its step's latest (no
    /// other change can number one meanwhile: it would move the status version this change saves against) — and durations.
    /// </summary>
    private async Task AddNewAsync(AppDbContext db, ProjectGeneration state, CancellationToken cancellationToken)
    {
        if (state.StartedRun is { } started)
        {
            db.Runs.Add(started);
        }

        if (state.Versions.Count > 0)
        {
            var latest = new Dictionary<int, int>();
            await foreach (var head in queries.LatestVersions(db, state.Project.Id).WithCancellation(cancellationToken))
            {
                latest[head.Step] = head.Version;
            }

            foreach (var (version, writtenBy) in state.Versions)
            {
                version.Version = latest[version.Step] = latest.GetValueOrDefault(version.Step) + 1;
                writtenBy?.ContentVersion = version.Version;
                db.ContentVersions.Add(version);
            }
        }

        db.StepDurations.AddRange(state.Durations);
    }

    private static void EnsureLeaseOnly(AppDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged))
        {
            var leaseOnly = entry.Entity is GenerationRun && entry.State == EntityState.Modified && entry.Properties
                .Where(p => p.IsModified).All(p => p.Metadata.Name is nameof(GenerationRun.LeaseOwner) or nameof(GenerationRun.LeaseExpiresAt));
            if (!leaseOnly)
            {
                throw new InvalidOperationException($"A lease change also changed {entry.Metadata.ClrType.Name}: save it as a change of the status.");
            }
        }
    }
}
