using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Changes;

/// <summary>The executor's lease renewal: extends the claim's lease. False when the claim no longer holds the run (cancelled, finished or claimed again).</summary>
public sealed class RenewLease(RunClaim claim, TimeSpan duration) : RunChange<bool>
{
    public override Decision<bool> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (state.Run is not { } run || run.Id != claim.RunId || !RunLease.IsHeldBy(run, claim.Owner))
        {
            return Decision.Abandon(false);
        }

        RunLease.Renew(run, now + duration);
        return Decision.SaveLease(true);
    }
}
