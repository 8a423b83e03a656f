using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// A worker claims a queued run, or a run whose lease expired (its worker crashed), and begins it: the lease is its claim's,
/// the run is running, a step left in progress starts again, and the ready steps start. Null when the run is not claimable.
/// </summary>
public sealed class ClaimRun(RunClaim claim, GenerationOptions options) : RunChange<GenerationRun?>
{
    public override Decision<GenerationRun?> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (state.Run is not { } run || run.Id != claim.RunId || !RunLease.IsClaimable(run, now))
        {
            return Decision.Abandon<GenerationRun?>(null);
        }

        RunLease.Take(run, claim.Owner, now + options.LeaseDuration);
        RunTransitions.Begin(run, now);
        RunTransitions.Advance(run, new HashSet<int>(), options.MaxParallelSteps, now);
        return Decision.Save<GenerationRun?>(run);
    }
}
