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
            dependent.Status = StepStatus.Skipped;
            dependent.Error = $"Skipped because {name} failed.";
            dependent.CompletedAt = now;
            dependent.Detail = null;
        }
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
    public static bool Reopen(GenerationRun run, int stepNumber)
    {
        var target = run.Steps.SingleOrDefault(s => s.Step == stepNumber);
        if (target is null || target.Status is not (StepStatus.Failed or StepStatus.Skipped))
        {
            return false;
        }

        var again = new HashSet<int> { stepNumber };
        var upstream = new Queue<int>([stepNumber]);
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
        return true;
    }
}
