using Funnelcraft.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// Claims, renews and releases runs with atomic conditional updates: a run is claimable when it is
/// active and nobody holds an unexpired lease on it, so a crashed worker's run is picked up by any node.
/// Each claim writes its own owner token (the worker's name and a claim number), so the holder of an earlier claim —
/// even on this node — is fenced out of every write once its run has been claimed again.
/// </summary>
public sealed partial class RunLeases(
    IDbContextFactory<AppDbContext> dbFactory,
    SqliteWriteGate writeGate,
    WorkerIdentity identity,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<RunLeases> logger)
{
    private long _claims;

    /// <summary>A run held by <see cref="Owner"/> (the value of <c>lease_owner</c> while the claim holds).</summary>
    public sealed record Claim(Guid RunId, Guid ProjectId, string Owner);

    /// <summary>A claim of a run this node is creating (its start writes the lease); expires after the lease duration.</summary>
    public (Claim Claim, DateTimeOffset ExpiresAt) ForNewRun(Guid runId, Guid projectId, DateTimeOffset now) =>
        (new Claim(runId, projectId, NextOwner()), now + options.Value.LeaseDuration);

    /// <summary>Claims the oldest claimable run not in <paramref name="running"/>, or returns null when there is none.</summary>
    public async Task<Claim?> ClaimNextAsync(IReadOnlySet<Guid> running, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var candidates = await Claimable(db.Runs, now)
            .OrderBy(r => r.CreatedAt).Select(r => new { r.Id, r.ProjectId }).Take(8 + running.Count)
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates.Where(c => !running.Contains(c.Id)))
        {
            var expires = now + options.Value.LeaseDuration;
            var owner = NextOwner();
            using var gate = await writeGate.EnterAsync(cancellationToken); // SQLite: after this node's other writers, not into their lock
            var claimed = await Claimable(db.Runs.Where(r => r.Id == candidate.Id), now)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken);
            if (claimed == 1)
            {
                return new Claim(candidate.Id, candidate.ProjectId, owner);
            }
        }

        return null;
    }

    /// <summary>Extends the lease; false when this worker no longer holds the run (cancelled, finished or taken over).</summary>
    public async Task<bool> RenewAsync(Claim claim, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expires = time.GetUtcNow() + options.Value.LeaseDuration;
        using var gate = await writeGate.EnterAsync(cancellationToken);
        return await Held(db, claim).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, expires), cancellationToken) == 1;
    }

    /// <summary>Hands the run back so another worker can resume it at once.</summary>
    public async Task ReleaseAsync(Claim claim, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        using var gate = await writeGate.EnterAsync(cancellationToken);
        await Held(db, claim).ExecuteUpdateAsync(
            s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Best effort <see cref="ReleaseAsync"/>: a lease that cannot be handed back still expires, and any worker then resumes the run.</summary>
    public async Task HandBackAsync(Claim claim)
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

    private static IQueryable<GenerationRun> Held(AppDbContext db, Claim claim) =>
        db.Runs.Where(r => r.Id == claim.RunId && r.LeaseOwner == claim.Owner
            && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running));

    private static IQueryable<GenerationRun> Claimable(IQueryable<GenerationRun> runs, DateTimeOffset now) =>
        runs.Where(r => (r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
            && (r.LeaseOwner == null || r.LeaseExpiresAt == null || r.LeaseExpiresAt < now));

    private static partial class Log
    {
        [LoggerMessage(202, LogLevel.Warning, "Run {RunId}: its lease could not be handed back; it is resumed when the lease expires")]
        public static partial void ReleaseFailed(ILogger logger, Exception exception, Guid runId);
    }
}
