using Funnelcraft.Steps;

namespace Funnelcraft.Generation;

/// <summary>The state transitions of a run and its steps. Pure: they change the entities they are given.</summary>
public static class RunTransitions
{
    /// <summary>A worker takes the run (new, or resumed after a crash): a step that was in progress starts again.</summary>
    public static void Begin(GenerationRun run, DateTimeOffset now)
    {
        run.Status = RunStatus.Running;
        run.StartedAt ??= now;
        foreach (var step in run.Steps.Where(s => s.Status == StepStatus.InProgress))
        {
            step.Status = StepStatus.Pending;
            step.Detail = "Resuming";
            step.Percent = 0;
        }
    }

    public static bool IsReady(GenerationRun run, RunStep step)
    {
        if (step.Status != StepStatus.Pending)
        {
            return false;
        }

        var definition = StepCatalog.Get(step.Step);
        var byNumber = run.Steps.ToDictionary(s => s.Step);
        return definition.Needs.All(n => !byNumber.TryGetValue(n, out var need) || need.Status == StepStatus.Completed)
            && definition.OptionalNeeds.All(n => !byNumber.TryGetValue(n, out var need) || StepStatus.IsFinished(need.Status));
    }

    public static void StartStep(RunStep step, DateTimeOffset now)
    {
        step.Status = StepStatus.InProgress;
        step.Attempt++;
        step.StartedAt = now;
        step.CompletedAt = null;
        step.Error = null;
        step.Detail = step.Attempt > 1 ? $"Attempt {step.Attempt}" : null;
        step.Percent = 0;
    }

    public static void CompleteStep(RunStep step, DateTimeOffset now, long inputTokens, long outputTokens, int version)
    {
        step.Status = StepStatus.Completed;
        step.CompletedAt = now;
        step.Percent = 100;
        step.Detail = null;
        step.Error = null;
        step.InputTokens += inputTokens;
        step.OutputTokens += outputTokens;
        step.ContentVersion = version;
    }

    /// <summary>Fails a step and skips every pending step that needs it, directly or not.</summary>
    public static void FailStep(GenerationRun run, RunStep step, string error, DateTimeOffset now)
    {
        step.Status = StepStatus.Failed;
        step.Error = error;
        step.CompletedAt = now;
        step.Detail = null;
        var name = StepCatalog.Get(step.Step).Name;
        foreach (var dependent in run.Steps.Where(s => s.Status == StepStatus.Pending && StepCatalog.DependentsOf(step.Step).Contains(s.Step)))
        {
            Skip(dependent, $"Skipped because {name} failed.", now);
        }
    }

    /// <summary>
    /// Skips every pending step that needs a step which failed, was skipped or was cancelled — in this pass of the run or
    /// one before it (a reopened run keeps the outcome of the steps it does not write again): such a step can never start.
    /// </summary>
    public static void SkipBlocked(GenerationRun run, DateTimeOffset now)
    {
        var byNumber = run.Steps.ToDictionary(s => s.Step);
        bool skipped;
        do
        {
            // Again after a skip: the steps that need the step skipped are blocked now too.
            skipped = false;
            foreach (var step in run.Steps.Where(s => s.Status == StepStatus.Pending).OrderBy(s => StepCatalog.OrderOf(s.Step)).ToList())
            {
                var blocker = StepCatalog.Get(step.Step).Needs.Select(n => byNumber.GetValueOrDefault(n))
                    .FirstOrDefault(n => n?.Status is StepStatus.Failed or StepStatus.Skipped or StepStatus.Cancelled);
                if (blocker is not null)
                {
                    var why = blocker.Status == StepStatus.Failed ? "failed" : $"was {blocker.Status}";
                    Skip(step, $"Skipped because {StepCatalog.Get(blocker.Step).Name} {why}.", now);
                    skipped = true;
                }
            }
        }
        while (skipped);
    }

    /// <summary>
    /// Settles a run after a change (and after the steps it made ready were started): skips the steps that can never
    /// start, and when no step is in progress, none is still winding down (<paramref name="busy"/>) and none is ready,
    /// skips what is left. So "nothing in flight and nothing can start" ends the run — <c>completed_with_errors</c>, or
    /// <c>failed</c> when nothing completed — instead of leaving it active. True when the run ended.
    /// </summary>
    public static bool Settle(GenerationRun run, DateTimeOffset now, IReadOnlySet<int> busy)
    {
        SkipBlocked(run, now);
        if (!run.Steps.Any(s => s.Status == StepStatus.InProgress || busy.Contains(s.Step) || IsReady(run, s)))
        {
            foreach (var step in run.Steps.Where(s => s.Status == StepStatus.Pending))
            {
                Skip(step, "Skipped because what it needs could not be written.", now);
            }
        }

        return TryFinish(run, now);
    }

    private static void Skip(RunStep step, string reason, DateTimeOffset now)
    {
        step.Status = StepStatus.Skipped;
        step.Error = reason;
        step.CompletedAt = now;
        step.Detail = null;
        step.Percent = 0;
    }

    /// <summary>Ends the run when no step is left to do; returns false while work remains.</summary>
    public static bool TryFinish(GenerationRun run, DateTimeOffset now)
    {
        if (run.Steps.Any(s => !StepStatus.IsFinished(s.Status)))
        {
            return false;
        }

        var completed = run.Steps.Count(s => s.Status == StepStatus.Completed);
        run.Status = completed == run.Steps.Count ? RunStatus.Completed
            : completed > 0 ? RunStatus.CompletedWithErrors
            : RunStatus.Failed;
        run.CompletedAt = now;
        run.LeaseOwner = null;
        run.LeaseExpiresAt = null;
        return true;
    }

    public static void Cancel(GenerationRun run, DateTimeOffset now)
    {
        run.Status = RunStatus.Cancelled;
        run.CompletedAt = now;
        run.LeaseOwner = null;
        run.LeaseExpiresAt = null;
        foreach (var step in run.Steps.Where(s => s.Status is StepStatus.Pending or StepStatus.InProgress))
        {
            step.Status = StepStatus.Cancelled;
            step.CompletedAt = now;
            step.Detail = null;
        }
    }

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
                if (run.Steps.Single(s => s.Step == need).Status != StepStatus.Completed && again.Add(need))
                {
                    upstream.Enqueue(need);
                }
            }
        }

        foreach (var step in again.ToList().SelectMany(StepCatalog.DependentsOf))
        {
            if (run.Steps.Single(s => s.Step == step).Status != StepStatus.Completed)
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
        run.LeaseOwner = null;
        run.LeaseExpiresAt = null;
        SkipBlocked(run, now);
        return true;
    }
}
