using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;

namespace Funnelcraft.Generation.Estimates;

/// <summary>
/// Estimates how long the rest of a run takes: remaining steps along the dependency graph, at most
/// <c>maxParallel</c> at once, each taking its estimated duration (in-progress steps what is left of it).
/// </summary>
public static class EstimateCalculator
{
    /// <summary>A step's state as the estimate sees it.</summary>
    public readonly record struct StepState(int Step, string Status, DateTimeOffset? StartedAt, TimeSpan Estimate);

    public static TimeSpan? Remaining(IReadOnlyList<StepState> steps, int maxParallel, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        var byStep = steps.ToDictionary(s => s.Step);
        var finishAt = new Dictionary<int, TimeSpan>();
        var running = new List<(int Step, TimeSpan End)>();

        foreach (var s in steps.Where(s => s.Status == StepStatus.InProgress))
        {
            var elapsed = s.StartedAt is { } started ? now - started : TimeSpan.Zero;
            var left = s.Estimate - elapsed;
            var floor = TimeSpan.FromTicks(Math.Max(s.Estimate.Ticks / 10, TimeSpan.TicksPerSecond));
            running.Add((s.Step, left > floor ? left : floor));
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
                    running.Add((step, clock + byStep[step].Estimate));
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

    private static bool CanStillRun(int step, Dictionary<int, StepState> byStep) =>
        StepCatalog.Get(step).Needs.All(n => !byStep.TryGetValue(n, out var need)
            || need.Status is StepStatus.Completed or StepStatus.Pending or StepStatus.InProgress
            && CanStillRun(n, byStep));

    private static bool NeedsDone(int step, Dictionary<int, StepState> byStep, Dictionary<int, TimeSpan> finishAt, TimeSpan clock) =>
        StepCatalog.Get(step).Needs.All(n => !byStep.TryGetValue(n, out var need)
            || need.Status == StepStatus.Completed
            || finishAt.TryGetValue(n, out var end) && end <= clock);
}
