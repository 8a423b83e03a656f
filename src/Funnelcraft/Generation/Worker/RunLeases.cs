using Funnelcraft.Data;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Runs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Worker;

/// <summary>
/// This node's claims on runs: finds claimable runs (active, and nobody holds an unexpired lease: queued, or a crashed
/// worker's) and claims, renews and releases them — each a change made by <see cref="RunChanges"/>. Every claim writes
/// an owner of its own (<see cref="RunClaim"/>), so the holder of an earlier claim is fenced out of every write.
/// </summary>
public sealed partial class RunLeases(
    RunChanges changes,
    IDbContextFactory<AppDbContext> dbFactory,
    WorkerIdentity identity,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<RunLeases> logger)
{
    private long _claims;

    /// <summary>Claims and begins the oldest claimable run not in <paramref name="running"/>; null when there is none.</summary>
    public async Task<ClaimedRun?> ClaimNextAsync(IReadOnlySet<Guid> running, CancellationToken cancellationToken)
    {
        List<(Guid RunId, Guid ProjectId)> candidates;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            candidates = [.. (await db.Runs.AsNoTracking()
                .Where(r => EF.Constant(RunStatus.Active).Contains(r.Status) && (r.LeaseOwner == null || r.LeaseExpiresAt == null || r.LeaseExpiresAt < now))
                .OrderBy(r => r.CreatedAt).Select(r => new { r.Id, r.ProjectId }).Take(8 + running.Count)
                .ToListAsync(cancellationToken)).Select(r => (r.Id, r.ProjectId))];
        }

        foreach (var (runId, projectId) in candidates.Where(c => !running.Contains(c.RunId)))
        {
            var claim = new RunClaim(runId, projectId, NextOwner());
            if ((await changes.MakeAsync(projectId, new ClaimRun(claim, options.Value), cancellationToken)).Value is { } run)
            {
                return new ClaimedRun(claim, run);
            }
        }

        return null;
    }

    /// <summary>Extends the lease; false when the claim no longer holds the run (cancelled, finished or claimed again).</summary>
    public async Task<bool> RenewAsync(RunClaim claim, CancellationToken cancellationToken) =>
        (await changes.MakeAsync(claim.ProjectId, new RenewLease(claim, options.Value.LeaseDuration), cancellationToken)).Value;

    /// <summary>Hands the run back so another worker can resume it at once.</summary>
    public async Task ReleaseAsync(RunClaim claim, CancellationToken cancellationToken) =>
        await changes.MakeAsync(claim.ProjectId, new ReleaseLease(claim), cancellationToken);

    /// <summary>Best effort <see cref="ReleaseAsync"/>: a lease that cannot be handed back still expires, and any worker then resumes the run.</summary>
    public async Task HandBackAsync(RunClaim claim)
    {
        try
        {
            await ReleaseAsync(claim, CancellationToken.None);
        }
#pragma warning disable CA1031 // best effort, see above
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ReleaseFailed(logger, e, claim.RunId);
        }
    }

    private string NextOwner() => $"{identity.Name}#{Interlocked.Increment(ref _claims).ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    private static partial class Log
    {
        [LoggerMessage(202, LogLevel.Warning, "Run {RunId}: its lease could not be handed back; it is resumed when the lease expires")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, Guid runId);
    }
}
