namespace Funnelcraft.Generation.Runs;

/// <summary>
/// The lease on a run (<see cref="GenerationRun.LeaseOwner"/>, <see cref="GenerationRun.LeaseExpiresAt"/>): which worker's
/// claim executes it and until when. Pure, like <see cref="RunTransitions"/>; the lease owner is a concurrency token, so a
/// change made by a worker whose claim was replaced is refused when it is saved.
/// </summary>
public static class RunLease
{
    /// <summary>A worker's claim: the run is this owner's until <paramref name="until"/> unless renewed.</summary>
    public static void Take(GenerationRun run, string owner, DateTimeOffset until)
    {
        run.LeaseOwner = owner;
        run.LeaseExpiresAt = until;
    }

    public static void Renew(GenerationRun run, DateTimeOffset until) => run.LeaseExpiresAt = until;

    public static void Release(GenerationRun run)
    {
        run.LeaseOwner = null;
        run.LeaseExpiresAt = null;
    }

    /// <summary>True when the run is active and nobody holds an unexpired lease on it.</summary>
    public static bool IsClaimable(GenerationRun run, DateTimeOffset now) =>
        RunStatus.IsActive(run.Status) && (run.LeaseOwner is null || run.LeaseExpiresAt is null || run.LeaseExpiresAt < now);

    /// <summary>True while <paramref name="owner"/>'s claim holds the run and the run is active.</summary>
    public static bool IsHeldBy(GenerationRun run, string owner) => RunStatus.IsActive(run.Status) && run.LeaseOwner == owner;
}
