using Funnelcraft.Steps;

namespace Funnelcraft.Generation;

/// <summary>
/// Estimates how long the rest of a run takes: remaining steps along the dependency graph, at most
/// <c>maxParallel</c> at once. Each step takes its estimated duration scaled by the run's <see cref="Pace"/> (how much
/// slower or faster the writer is going than the estimates); a step in progress takes what is left of it — never less
/// than what is left by its own estimate — and a step that has run past that is given half its elapsed time again,
/// so an overrun extends the estimate instead of counting the step as done. Never negative.
/// </summary>
public static class EstimateCalculator
{
    /// <summary>The pace is kept within these bounds, so that one odd step (or an estimate of nearly nothing) cannot swamp it.</summary>
    public const double MinPace = 0.1;

    public const double MaxPace = 20;

    /// <summary>A step's state as the estimate sees it.</summary>
    public readonly record struct StepState(int Step, string Status, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, TimeSpan Estimate);

    public static TimeSpan? Remaining(IReadOnlyList<StepState> steps, int maxParallel, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        var pace = Pace(steps, now);
        var byStep = steps.ToDictionary(s => s.Step);
        var finishAt = new Dictionary<int, TimeSpan>();
        var running = new List<(int Step, TimeSpan End)>();

        foreach (var s in steps.Where(s => s.Status == StepStatus.InProgress))
        {
            running.Add((s.Step, Left(s, pace, now)));
        }

        var pending = steps.Where(s => s.Status == StepStatus.Pending && CanStillRun(s.Step, byStep))
            .OrderBy(s => StepCatalog.OrderOf(s.Step)).Select(s => s.Step).ToList();
        if (running.Count == 0 && pending.Count == 0)
        {
            return null;
        }

        var clock = TimeSpan.Zero;
        while (running.Count > 0 || pending.Count > 0)
        {
            // Start every ready pending step while there is a free slot.
            for (var i = 0; i < pending.Count && running.Count < maxParallel;)
            {
                var step = pending[i];
                if (NeedsDone(step, byStep, finishAt, clock))
                {
                    running.Add((step, clock + Paced(byStep[step].Estimate, pace)));
                    pending.RemoveAt(i);
                }
                else
                {
                    i++;
                }
            }

            if (running.Count == 0)
            {
                break; // nothing can start: the rest waits on steps that will not run
            }

            var next = running.MinBy(r => r.End);
            running.Remove(next);
            clock = next.End;
            finishAt[next.Step] = clock;
        }

        return clock;
    }

    /// <summary>
    /// How long this run's steps take against their estimates: the time taken over the time estimated, for the steps the
    /// run completed and the steps in progress past their estimate (their elapsed time, which the step will at least
    /// take). 1 when there is nothing to go by; within <see cref="MinPace"/>–<see cref="MaxPace"/>.
    /// </summary>
    public static double Pace(IReadOnlyList<StepState> steps, DateTimeOffset now)
    {
        double taken = 0, estimated = 0;
        foreach (var s in steps)
        {
            if (s.StartedAt is not { } started || s.Estimate <= TimeSpan.Zero)
            {
                continue; // content kept from before this run, or a step with no estimate to compare with
            }

            var took = s.Status switch
            {
                StepStatus.Completed when s.CompletedAt is { } completed => completed - started,
                StepStatus.InProgress when now - started > s.Estimate => now - started,
                _ => (TimeSpan?)null,
            };
            if (took is { } t)
            {
                taken += Math.Max(0, t.TotalMilliseconds);
                estimated += s.Estimate.TotalMilliseconds;
            }
        }

        return estimated > 0 ? Math.Clamp(taken / estimated, MinPace, MaxPace) : 1;
    }

    /// <summary>What is left of a step in progress: of its estimate at the run's pace (never less than of its own estimate), or half its elapsed time once it ran past both.</summary>
    private static TimeSpan Left(StepState s, double pace, DateTimeOffset now)
    {
        var elapsed = s.StartedAt is { } started && now > started ? now - started : TimeSpan.Zero;
        var expected = Max(s.Estimate, Paced(s.Estimate, pace));
        var left = elapsed < expected ? expected - elapsed : elapsed / 2;
        var floor = Max(expected / 10, TimeSpan.FromSeconds(1));
        return Max(left, floor);
    }

    private static TimeSpan Paced(TimeSpan estimate, double pace) => TimeSpan.FromTicks((long)(Math.Max(0, estimate.Ticks) * pace));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static bool CanStillRun(int step, Dictionary<int, StepState> byStep) =>
        StepCatalog.Get(step).Needs.All(n => !byStep.TryGetValue(n, out var need)
            || need.Status is StepStatus.Completed or StepStatus.Pending or StepStatus.InProgress
            && CanStillRun(n, byStep));

    private static bool NeedsDone(int step, Dictionary<int, StepState> byStep, Dictionary<int, TimeSpan> finishAt, TimeSpan clock) =>
        StepCatalog.Get(step).Needs.All(n => !byStep.TryGetValue(n, out var need)
            || need.Status == StepStatus.Completed
            || finishAt.TryGetValue(n, out var end) && end <= clock);
}
