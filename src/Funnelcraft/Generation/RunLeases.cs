using Funnelcraft.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// Claims, renews and releases runs with atomic conditional updates: a run is claimable when it is
/// active and nobody holds an unexpired lease on it, so a crashed worker's run is picked up by any node.
/// </summary>
public sealed class RunLeases(IDbContextFactory<AppDbContext> dbFactory, WorkerIdentity identity, TimeProvider time, IOptions<GenerationOptions> options)
{
    public sealed record Claim(Guid RunId, Guid ProjectId);

    /// <summary>Claims the oldest claimable run, or returns null when there is none.</summary>
    public async Task<Claim?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var candidates = await Claimable(db.Runs, now)
            .OrderBy(r => r.CreatedAt).Select(r => new Claim(r.Id, r.ProjectId)).Take(8)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var expires = now + options.Value.LeaseDuration;
            var claimed = await Claimable(db.Runs.Where(r => r.Id == candidate.RunId), now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, identity.Name).SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken);
            if (claimed == 1)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Extends the lease; false when this worker no longer holds the run (cancelled, finished or taken over).</summary>
    public async Task<bool> RenewAsync(Claim claim, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expires = time.GetUtcNow() + options.Value.LeaseDuration;
        return await Held(db, claim).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken) == 1;
    }

    /// <summary>Hands the run back so another worker can resume it at once.</summary>
    public async Task ReleaseAsync(Claim claim, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await Held(db, claim).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    private IQueryable<GenerationRun> Held(AppDbContext db, Claim claim) =>
        db.Runs.Where(r => r.Id == claim.RunId && r.LeaseOwner == identity.Name
            && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running));

    private static IQueryable<GenerationRun> Claimable(IQueryable<GenerationRun> runs, DateTimeOffset now) =>
        runs.Where(r => (r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            && (r.LeaseOwner == null || r.LeaseExpiresAt == null || r.LeaseExpiresAt < now));
}
