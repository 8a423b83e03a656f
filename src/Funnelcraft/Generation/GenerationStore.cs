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
public sealed partial class GenerationStore(
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
            var change = new Change(db, project, run, StoredTime.Now(time));
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
            await hub.CommitAndPublishAsync(() => tx.CommitAsync(ct), project.OwnerId, status);
            return new Result<T>(outcome.Value, status, true);
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
        FunnelProject? project;
        GenerationRun? run;
        var tries = 0;
        do
        {
            project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken);
            if (project is null)
            {
                return null;
            }

            run = await LatestRun(db, projectId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

            // Every change bumps the version with its run: the same version after both reads means no change landed between
            // them, so the run read is the state of that version (else the status would carry one version's number and a
            // later version's state).
        }
        while (++tries < 10 && await db.Projects.Where(p => p.Id == projectId).Select(p => p.StatusVersion).SingleOrDefaultAsync(cancellationToken) != project.StatusVersion);

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
            run.EstimatedCompletionAt = StatusBuilder.EstimateCompletion(run, EstimateOf, options.Value.MaxParallelSteps, now) is { } at ? StoredTime.Of(at) : null;
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
