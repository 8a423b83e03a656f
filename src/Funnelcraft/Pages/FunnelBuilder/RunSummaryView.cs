using System.Globalization;
using Funnelcraft.Generation;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// The progress card's headline as the server first renders it: title, counts, the bar, the note under the rows
/// (<c>active</c>, <c>done</c>, or <c>nothing</c> when the run wrote nothing), whether it offers "Retry all failed",
/// and the time left. wwwroot/js/live/view-rules.js (summarize, timeLeft) applies the same rules.
/// </summary>
public sealed record RunSummaryView(string Title, int Done, int Failed, int Skipped, int Total, double Progress, string RunStatus, bool Active,
    string Note, bool CanRetryAll, string TimeLeft)
{
    public static RunSummaryView? From(GenerationStatus status, DateTimeOffset now)
    {
        if (status.RunId is null || status.RunStatus is null)
        {
            return null;
        }

        var done = status.Progress.Count(p => p.Status == StepStatus.Completed);
        var failed = status.Progress.Count(p => p.Status == StepStatus.Failed);
        var skipped = status.Progress.Count(p => p.Status == StepStatus.Skipped);
        var active = Generation.RunStatus.IsActive(status.RunStatus);
        var title = status.RunStatus switch
        {
            Generation.RunStatus.Queued => "Starting…",
            Generation.RunStatus.Running => "Writing your funnel",
            Generation.RunStatus.Completed => "All content is ready",
            Generation.RunStatus.CompletedWithErrors => failed > 0
                ? $"Finished — {failed} {Plural(failed, "step", "steps")} failed"
                : $"Finished — {skipped} {Plural(skipped, "step", "steps")} skipped",
            Generation.RunStatus.Cancelled => "Generation cancelled",
            _ => "Generation failed",
        };
        var partial = status.Progress.Where(p => p.Status == StepStatus.InProgress).Sum(p => p.Percent / 100.0);
        return new RunSummaryView(title, done, failed, skipped, status.Progress.Count, Math.Min(status.Progress.Count, done + partial), status.RunStatus, active,
            active ? "active" : done > 0 ? "done" : "nothing", !active && failed >= 2, TimeLeftOf(status, now));
    }

    /// <summary>
    /// "about 2 min left". Never behind what a step still needs by its own estimate (startedAt + estimatedDurationMs;
    /// a pending step needs all of it), and never "almost done" for a run past its estimate or with a step that has
    /// overrun its own: that run is "taking longer than usual".
    /// </summary>
    public static string TimeLeftOf(GenerationStatus status, DateTimeOffset now)
    {
        if (status.RunStatus is null || !Generation.RunStatus.IsActive(status.RunStatus))
        {
            return "";
        }

        double need = 0;
        var overrun = false;
        var known = false;
        foreach (var p in status.Progress)
        {
            if (p.EstimatedDurationMs <= 0 || p.Status is not (StepStatus.InProgress or StepStatus.Pending))
            {
                continue;
            }

            known = true;
            var left = p.Status == StepStatus.InProgress && p.StartedAt is { } started
                ? (started - now).TotalMilliseconds + p.EstimatedDurationMs
                : p.EstimatedDurationMs;
            if (left <= 0)
            {
                overrun = true;
            }
            else
            {
                need = Math.Max(need, left);
            }
        }

        double? eta = status.EstimatedCompletionAt is { } end ? (end - now).TotalMilliseconds : null;
        if (eta is null && !known)
        {
            return "";
        }

        var seconds = Math.Max(eta ?? 0, need) / 1000;
        if (seconds > 5)
        {
            return seconds < 45
                ? "less than a minute left"
                : $"about {Math.Max(1, (int)Math.Round(seconds / 60, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture)} min left";
        }

        return overrun || eta <= 0 ? "taking longer than usual" : "almost done";
    }

    private static string Plural(int n, string one, string many) => n == 1 ? one : many;
}
