using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Changes;

/// <summary>Reopens the latest run to write a failed or skipped step again, with what it needs and what needs it; the rest is kept.</summary>
public sealed class RetryStep(string userId, int step) : RunChange<RetryStep.Verdict>
{
    public enum Verdict
    {
        Queued,
        RunActive,
        NotRetryable,
        ProjectNotFound,
    }

    public override Decision<Verdict> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(userId))
        {
            return Decision.Abandon(Verdict.ProjectNotFound);
        }

        return state.Run switch
        {
            null => Decision.Abandon(Verdict.NotRetryable),
            { } run when RunStatus.IsActive(run.Status) => Decision.Abandon(Verdict.RunActive),
            { } run when !RunTransitions.Reopen(run, step) => Decision.Abandon(Verdict.NotRetryable),
            _ => Decision.Save(Verdict.Queued),
        };
    }
}
