using Funnelcraft.Steps;

namespace Funnelcraft.Generation.Runs;

/// <summary>Reopening a finished run for the steps it writes again (<c>retry-step</c>, <c>retry-failed</c>).</summary>
public static partial class RunTransitions
{
    /// <summary>
    /// Reopens a finished run to write <paramref name="stepNumber"/> again, with the failed or skipped steps it
    /// needs and every unfinished step that needs it. False when that step is not failed or skipped.
    /// </summary>
    public static bool Reopen(GenerationRun run, int stepNumber, DateTimeOffset now) =>
        run.Steps.SingleOrDefault(s => s.Step == stepNumber)?.Status is StepStatus.Failed or StepStatus.Skipped
        && Reopen(run, [stepNumber], now);

    /// <summary>Reopens a finished run to write every failed or skipped step again, in one run. False when there is none.</summary>
    public static bool ReopenFailed(GenerationRun run, DateTimeOffset now)
    {
        var failed = run.Steps.Where(s => s.Status is StepStatus.Failed or StepStatus.Skipped).Select(s => s.Step).ToList();
        return failed.Count > 0 && Reopen(run, failed, now);
    }

    /// <summary>
    /// Reopens the run for <paramref name="targets"/>, the unfinished steps they need and every unfinished step that needs
    /// them; a reopened step that needs a step still failed, skipped or cancelled is skipped at once, with the reason.
    /// </summary>
    private static bool Reopen(GenerationRun run, IReadOnlyCollection<int> targets, DateTimeOffset now)
    {
        var again = new HashSet<int>(targets);
        var upstream = new Queue<int>(targets);
        while (upstream.TryDequeue(out var current))
        {
            foreach (var need in StepCatalog.Get(current).Needs)
            {
                if (run.Step(need).Status != StepStatus.Completed && again.Add(need))
                {
                    upstream.Enqueue(need);
                }
            }
        }

        foreach (var step in again.ToList().SelectMany(StepCatalog.DependentsOf))
        {
            if (run.Step(step).Status != StepStatus.Completed)
            {
                again.Add(step);
            }
        }

        foreach (var step in run.Steps.Where(s => again.Contains(s.Step)))
        {
            step.Status = StepStatus.Pending;
            step.Error = null;
            step.Detail = null;
            step.Percent = 0;
            step.CompletedAt = null;
        }

        run.Status = RunStatus.Queued;
        run.CompletedAt = null;
        RunLease.Release(run);
        SkipBlocked(run, now);
        return true;
    }
}
