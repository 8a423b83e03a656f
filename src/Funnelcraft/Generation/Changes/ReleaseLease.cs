using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Changes;

/// <summary>A stopping worker hands its claim's run back, so that any worker resumes it at once instead of after the lease expires.</summary>
public sealed class ReleaseLease(RunClaim claim) : RunChange<bool>
{
    public override Decision<bool> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (state.Run is not { } run || run.Id != claim.RunId || !RunLease.IsHeldBy(run, claim.Owner))
        {
            return Decision.Abandon(false);
        }

        RunLease.Release(run);
        return Decision.SaveLease(true);
    }
}
