using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// Reopens the latest run to write failed or skipped steps again — one (<see cref="Step"/>) or all of them
/// (<see cref="AllFailed"/>) — with what they need and what needs them; the rest is kept. The worker claims the run.
/// </summary>
public sealed class RetrySteps : RunChange<RetrySteps.Verdict>
{
    private readonly string _userId;
    private readonly int? _step;

    private RetrySteps(string userId, int? step)
    {
        _userId = userId;
        _step = step;
    }

    public enum Verdict
    {
        Queued,
        RunActive,
        NotRetryable,
        ProjectNotFound,
    }

    public static RetrySteps Step(string userId, int step) => new(userId, step);

    public static RetrySteps AllFailed(string userId) => new(userId, null);

    public override Decision<Verdict> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(_userId))
        {
            return Decision.Abandon(Verdict.ProjectNotFound);
        }

        return state.Run switch
        {
            null => Decision.Abandon(Verdict.NotRetryable),
            { } run when RunStatus.IsActive(run.Status) => Decision.Abandon(Verdict.RunActive),
            { } run when !(_step is { } step ? RunTransitions.Reopen(run, step, now) : RunTransitions.ReopenFailed(run, now)) => Decision.Abandon(Verdict.NotRetryable),
            _ => Decision.Save(Verdict.Queued),
        };
    }
}
