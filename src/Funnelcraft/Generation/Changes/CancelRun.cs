using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Changes;

/// <summary>Cancels the active run: its unfinished steps are cancelled, finished content stays. Its executor sees the status and stops.</summary>
public sealed class CancelRun(string userId) : RunChange<CancelRun.Verdict>
{
    public enum Verdict
    {
        Cancelled,
        NothingRuns,
        ProjectNotFound,
    }

    public override Decision<Verdict> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(userId))
        {
            return Decision.Abandon(Verdict.ProjectNotFound);
        }

        if (state.Run is not { } run || !RunStatus.IsActive(run.Status))
        {
            return Decision.Abandon(Verdict.NothingRuns);
        }

        RunTransitions.Cancel(run, now);
        return Decision.Save(Verdict.Cancelled);
    }
}
