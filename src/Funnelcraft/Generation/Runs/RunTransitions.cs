using Funnelcraft.Steps;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Runs;

/// <summary>
/// Every state change of a run and its steps, as pure functions on the entities they are given: a change
/// (<c>Changes/</c>) loads the run, calls these, and saves what they changed. Nothing here reads a clock, a database or
/// a writer.
/// </summary>
public static partial class RunTransitions
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

    /// <summary>Progress inside a step ("slides 30/60"); it never shows 100 before the step completes.</summary>
    public static void ReportProgress(RunStep step, string detail, int percent)
    {
        step.Detail = detail;
        step.Percent = Math.Clamp(percent, 0, 99);
    }

    /// <summary>The step's content is written (its version is numbered when the change is saved).</summary>
    public static void CompleteStep(RunStep step, DateTimeOffset now, long inputTokens, long outputTokens)
    {
        step.Status = StepStatus.Completed;
        step.CompletedAt = now;
        step.Percent = 100;
        step.Detail = null;
        step.Error = null;
        step.InputTokens += inputTokens;
        step.OutputTokens += outputTokens;
    }

    /// <summary>
    /// An attempt of the step failed with <paramref name="fault"/>: the step waits to be retried (in progress, its detail
    /// saying why) or fails, as <see cref="FailurePolicy"/> decides from the step's <paramref name="tries"/> since it was
    /// last started anew. Returns the decision.
    /// </summary>
    public static StepFailure FaultStep(GenerationRun run, RunStep step, WriterFaults.Fault fault, int tries, GenerationOptions options, double jitter, DateTimeOffset now)
    {
        var decision = FailurePolicy.Decide(tries, fault, options, jitter);
        switch (decision)
        {
            case StepFailure.Retry retry:
                step.Detail = retry.Detail;
                step.Percent = 0;
                break;
            case StepFailure.Fail fail:
                FailStep(run, step, fail.Message, now);
                break;
        }

        return decision;
    }

    /// <summary>A step's retry delay is over: it is pending again and starts with the next attempt when a slot is free.</summary>
    public static void RetryStep(RunStep step) => step.Status = StepStatus.Pending;

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
    /// Moves the run on after its reports: starts the ready steps (in progress order, at most <paramref name="maxParallel"/>
    /// in flight, counting the <paramref name="busy"/> steps whose writing is still winding down), then settles it
    /// (<see cref="Settle"/>): what can never start is skipped, and the run ends when nothing is left or nothing can start.
    /// Returns the steps it started.
    /// </summary>
    public static IReadOnlyList<RunStep> Advance(GenerationRun run, IReadOnlySet<int> busy, int maxParallel, DateTimeOffset now)
    {
        var inFlight = new HashSet<int>(busy);
        inFlight.UnionWith(run.Steps.Where(s => s.Status == StepStatus.InProgress).Select(s => s.Step));
        var started = new List<RunStep>();
        foreach (var step in run.Steps.Where(s => !inFlight.Contains(s.Step) && IsReady(run, s)).OrderBy(s => StepCatalog.OrderOf(s.Step)).ToList())
        {
            if (inFlight.Count >= maxParallel)
            {
                break;
            }

            StartStep(step, now);
            started.Add(step);
            inFlight.Add(step.Step);
        }

        Settle(run, now, inFlight);
        return started;
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
        RunLease.Release(run);
        return true;
    }

    public static void Cancel(GenerationRun run, DateTimeOffset now)
    {
        run.Status = RunStatus.Cancelled;
        run.CompletedAt = now;
        RunLease.Release(run);
        foreach (var step in run.Steps.Where(s => s.Status is StepStatus.Pending or StepStatus.InProgress))
        {
            step.Status = StepStatus.Cancelled;
            step.CompletedAt = now;
            step.Detail = null;
        }
    }

    private static void Skip(RunStep step, string reason, DateTimeOffset now)
    {
        step.Status = StepStatus.Skipped;
        step.Error = reason;
        step.CompletedAt = now;
        step.Detail = null;
        step.Percent = 0;
    }
}
