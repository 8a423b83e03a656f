using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// Every change to a project's generation state goes through <see cref="ChangeAsync{T}"/>: one transaction
/// that first bumps the project's status version (which also locks the project row, so changes to one
/// project are serialised), applies the change, rewrites the seed status document, announces the change,
/// commits, then publishes the new status to this node's snapshot and subscribers.
/// </summary>
public sealed class GenerationStore(
    IDbContextFactory<AppDbContext> dbFactory,
    StatusHub hub,
    StepEstimates estimates,
    IStatusChangeNotifier notifier,
    SqliteWriteGate writeGate,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    Writers.IWriterInfo writer)
{
    /// <summary>What a change sees: the locked project and its latest run (with steps), tracked.</summary>
    public sealed class Change(AppDbContext db, FunnelProject project, GenerationRun? run, DateTimeOffset now)
    {
        public AppDbContext Db { get; } = db;
        public FunnelProject Project { get; } = project;
        public GenerationRun? Run { get; set; } = run;
        public DateTimeOffset Now { get; } = now;
    }

    /// <summary>The result of a change: its value, and the status after it (null when abandoned or the project is gone).</summary>
    public readonly record struct Result<T>(T Value, GenerationStatus? Status, bool ProjectFound);

    public async Task<Result<T>> ChangeAsync<T>(Guid projectId, Func<Change, Task<Outcome<T>>> apply, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(async (db, tx, ct) =>
        {
            var bumped = await db.Projects.Where(p => p.Id == projectId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.StatusVersion, p => p.StatusVersion + 1), ct);
            if (bumped == 0)
            {
                return new Result<T>(default!, null, false);
            }

            // Everything but the seed document, which this change rewrites anyway (a few kilobytes of JSON not to read back).
            var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new FunnelProject
            {
                Id = p.Id,
                OwnerId = p.OwnerId,
                Name = p.Name,
                Description = p.Description,
                CreatedAt = p.CreatedAt,
                StatusVersion = p.StatusVersion,
                RegenerationCount = p.RegenerationCount,
                LastGeneratedAt = p.LastGeneratedAt,
            }).SingleAsync(ct);
            db.Attach(project);
            var run = await LatestRun(db, projectId).FirstOrDefaultAsync(ct);
            var change = new Change(db, project, run, time.GetUtcNow());
            var outcome = await apply(change);
            if (!outcome.Commit)
            {
                await tx.RollbackAsync(ct);
                return new Result<T>(outcome.Value, null, true);
            }

            var status = Describe(project, change.Run, change.Now, refreshEstimate: true);
            project.AutoGenerationStatus = SeedStatusDocument.From(status).ToJson();
            await db.SaveChangesAsync(ct);
            await notifier.BeforeCommitAsync(db, projectId, project.StatusVersion, ct);
            await tx.CommitAsync(ct);
            hub.Publish(project.OwnerId, status);
            return new Result<T>(outcome.Value, status, true);
        }, cancellationToken);
    }

    /// <summary>
    /// The executor's change to the run it holds, without reading anything back: it keeps the run as last committed
    /// (<paramref name="state"/>), so one change is the version bump, a write of the run fenced by the lease (no rows when
    /// the run was cancelled, finished or taken over: the change is rolled back and null returned), the changed steps,
    /// new content versions and the seed document in one batch, the announcement, and the commit.
    /// </summary>
    public async Task<RunState?> RecordAsync(RunState state, string leaseOwner, Action<RunEdit> apply, CancellationToken cancellationToken)
    {
        return await InTransactionAsync(async (db, tx, ct) =>
        {
            var projectId = state.ProjectId;
            var bumped = await db.Database.SqlQuery<long>(
                $"UPDATE funnel_projects SET status_version = status_version + 1 WHERE id = {projectId} RETURNING status_version AS \"Value\"").ToListAsync(ct);
            if (bumped.Count == 0)
            {
                await tx.RollbackAsync(ct);
                return null;
            }

            var basis = state;
            if (bumped[0] != state.Version + 1)
            {
                // The project changed since this executor's last change (or a database restart lost that change): start from
                // the rows, not from memory. A step the rows show in progress with no writer on it is started again by the caller.
                var fresh = await db.Runs.AsNoTracking().Include(r => r.Steps).SingleOrDefaultAsync(r => r.Id == state.Run.Id, ct);
                var head = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
                    .Select(p => new { p.LastGeneratedAt, p.RegenerationCount }).SingleAsync(ct);
                if (fresh is null)
                {
                    await tx.RollbackAsync(ct);
                    return null;
                }

                basis = state with { Run = fresh, LastGeneratedAt = head.LastGeneratedAt, RegenerationCount = head.RegenerationCount };
            }

            var edit = new RunEdit(RunState.Copy(basis.Run), time.GetUtcNow());
            apply(edit);
            var run = edit.Run;
            var versions = edit.Completions.Count == 0 ? null
                : await ContentStore.AddVersionsAsync(db, projectId, run.Id, [.. edit.Completions.Select(c => (c.Step, c.Written))], edit.Now, ct);
            foreach (var completion in edit.Completions)
            {
                run.Steps.Single(s => s.Step == completion.Step).ContentVersion = versions![completion.Step].Version;
                db.StepDurations.Add(new StepDuration { Step = completion.Step, WriterModel = run.WriterModel, DurationMs = (long)completion.Elapsed.TotalMilliseconds, RecordedAt = edit.Now });
            }

            var lastGeneratedAt = edit.Completions.Count > 0 ? edit.Now : basis.LastGeneratedAt;
            var next = basis with { Version = bumped[0], LastGeneratedAt = lastGeneratedAt, Run = run };
            var status = Describe(next.Head(), run, edit.Now, refreshEstimate: true);
            var finishing = run.LeaseOwner is null;
            var held = await db.Runs
                .Where(r => r.Id == run.Id && r.LeaseOwner == leaseOwner && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
                .ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(r => r.Status, run.Status)
                        .SetProperty(r => r.StartedAt, run.StartedAt)
                        .SetProperty(r => r.CompletedAt, run.CompletedAt)
                        .SetProperty(r => r.EstimatedCompletionAt, run.EstimatedCompletionAt);
                    if (finishing)
                    {
                        s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null);
                    }
                }, ct);
            if (held == 0)
            {
                await tx.RollbackAsync(ct);
                return null;
            }

            foreach (var step in run.Steps)
            {
                if (RunState.Differs(step, basis.Run.Steps.Single(s => s.Step == step.Step)))
                {
                    db.Entry(step).State = EntityState.Modified;
                }
            }

            var project = new FunnelProject { Id = projectId, OwnerId = state.OwnerId, Name = string.Empty };
            db.Attach(project);
            project.AutoGenerationStatus = SeedStatusDocument.From(status).ToJson();
            db.Entry(project).Property(p => p.AutoGenerationStatus).IsModified = true;
            if (edit.Completions.Count > 0)
            {
                project.LastGeneratedAt = lastGeneratedAt;
                db.Entry(project).Property(p => p.LastGeneratedAt).IsModified = true;
            }
            await db.SaveChangesAsync(ct);
            await notifier.BeforeCommitAsync(db, projectId, next.Version, ct);
            await tx.CommitAsync(ct);
            hub.Publish(state.OwnerId, status);
            return next with { Status = status };
        }, cancellationToken);
    }

    /// <summary>One change's transaction: after this node's other SQLite writers, retried whole on a transient fault.</summary>
    private async Task<T> InTransactionAsync<T>(Func<AppDbContext, IDbContextTransaction, CancellationToken, Task<T>> body, CancellationToken cancellationToken)
    {
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            return await body(db, tx, ct);
        }, cancellationToken);
    }

    /// <summary>Reads a project's status from the database (cold path) and caches it.</summary>
    public async Task<StatusHub.Snapshot?> LoadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken);
        if (project is null)
        {
            return null;
        }

        var run = await LatestRun(db, projectId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (run is not null)
        {
            await estimates.WarmAsync(run.WriterModel, cancellationToken);
        }

        var status = Describe(project, run, time.GetUtcNow(), refreshEstimate: false);
        hub.Publish(project.OwnerId, status);
        return new StatusHub.Snapshot(project.OwnerId, status);
    }

    private GenerationStatus Describe(FunnelProject project, GenerationRun? run, DateTimeOffset now, bool refreshEstimate)
    {
        if (run is null)
        {
            return StatusBuilder.Build(project, null, estimates.Default);
        }

        TimeSpan EstimateOf(int step) => estimates.For(step, run.WriterModel);
        if (refreshEstimate)
        {
            run.EstimatedCompletionAt = StatusBuilder.EstimateCompletion(run, EstimateOf, options.Value.MaxParallelSteps, now);
        }

        return StatusBuilder.Build(project, run, EstimateOf, writer.PriceFor(run.WriterModel));
    }

    private static IQueryable<GenerationRun> LatestRun(AppDbContext db, Guid projectId) =>
        db.Runs.Include(r => r.Steps).Where(r => r.ProjectId == projectId).OrderByDescending(r => r.CreatedAt).Take(1);
}

/// <summary>A change's verdict: commit it (and return a value) or roll it back.</summary>
public readonly record struct Outcome<T>(bool Commit, T Value);

public static class Outcome
{
    public static Outcome<T> Save<T>(T value) => new(true, value);

    public static Outcome<T> Abandon<T>(T value) => new(false, value);
}
