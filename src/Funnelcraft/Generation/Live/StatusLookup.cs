using System.Collections.Concurrent;
using Funnelcraft.Data;
using Funnelcraft.Generation.Estimates;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// Reads a project's status: from this node's <see cref="StatusFeed"/> snapshot, else from the rows (then published to
/// the feed). Concurrent misses for one project share a single read: after a start or a restart every poller and SSE
/// client of a project asks at once.
/// </summary>
public sealed class StatusLookup(StatusFeed feed, IDbContextFactory<AppDbContext> dbFactory, StepEstimates estimates, StatusProjection projection)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<StatusSnapshot?>>> _loading = new();

    /// <summary>The status when <paramref name="userId"/> owns the project; null when missing or not theirs.</summary>
    public async ValueTask<GenerationStatus?> GetAsync(Guid projectId, string userId, CancellationToken cancellationToken)
    {
        var snapshot = feed.TryGet(projectId, out var cached) ? cached : await LoadSharedAsync(projectId, cancellationToken);
        return snapshot is not null && snapshot.OwnerId == userId ? snapshot.Status : null;
    }

    /// <summary>
    /// Reads the status from the rows and publishes it to the feed: the project, then its latest run, then the project's
    /// version again — every change moves the version with its run, so an unchanged version means the run read is that
    /// version's state (the reads are repeated otherwise). Null when the project is gone.
    /// </summary>
    public async Task<StatusSnapshot?> LoadAsync(Guid projectId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Projects.FunnelProject? project;
        GenerationRun? run;
        var tries = 0;
        do
        {
            project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, cancellationToken);
            if (project is null)
            {
                return null;
            }

            run = await db.Runs.AsNoTracking().Include(r => r.Steps).Where(r => r.ProjectId == projectId).OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        }
        while (++tries < 10 && await db.Projects.Where(p => p.Id == projectId).Select(p => p.StatusVersion).SingleOrDefaultAsync(cancellationToken) != project.StatusVersion);

        if (run is not null)
        {
            await estimates.WarmAsync(run.WriterModel, cancellationToken);
        }

        var status = projection.Build(project, run);
        feed.Publish(project.OwnerId, status);
        return new StatusSnapshot(project.OwnerId, status);
    }

    private Task<StatusSnapshot?> LoadSharedAsync(Guid projectId, CancellationToken cancellationToken) =>
        _loading.GetOrAdd(projectId, id => new Lazy<Task<StatusSnapshot?>>(() => LoadUnsharedAsync(id))).Value.WaitAsync(cancellationToken);

    // Not tied to any one caller's request (each caller stops waiting when its own request ends); forgotten as soon as
    // it ends, so a later miss loads afresh.
    private async Task<StatusSnapshot?> LoadUnsharedAsync(Guid projectId)
    {
        try
        {
            return await LoadAsync(projectId, CancellationToken.None);
        }
        finally
        {
            _loading.TryRemove(projectId, out _);
        }
    }
}
