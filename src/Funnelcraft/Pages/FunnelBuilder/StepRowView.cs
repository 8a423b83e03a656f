using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Steps;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// One row of the progress card or the tracker as the server first renders it. live-progress.js (describeStep)
/// applies the same rules to every later status, so a row looks the same before and after the script takes over.
/// </summary>
public sealed record StepRowView(int Step, string Name, string Status, string Icon, string StateText, string Detail, int? Percent, string? Href, bool CanRetry)
{
    /// <summary>An empty row for the script's template.</summary>
    public static StepRowView Template { get; } = new(-1, "", StepStatus.Pending, "i-pending", "", "", null, null, false);

    public static StepRowView From(StepProgress p, Guid projectId, bool runActive) => p.Status switch
    {
        StepStatus.InProgress => new(p.Step, p.StepName, p.Status, "i-spinner", "writing", p.Detail ?? "Writing…", p.Percent, null, false),
        StepStatus.Completed => new(p.Step, p.StepName, p.Status, "i-check", "done", p.Detail ?? "Ready", 100, FunnelUrls.Step(projectId, p.Step), false),
        StepStatus.Failed => new(p.Step, p.StepName, p.Status, "i-cross", "failed", p.Error ?? "Failed", null, null, !runActive),
        StepStatus.Skipped => new(p.Step, p.StepName, p.Status, "i-skipped", "skipped", p.Error ?? "Skipped", null, null, !runActive),
        StepStatus.Cancelled => new(p.Step, p.StepName, p.Status, "i-cancelled", "cancelled", "Cancelled", null, null, false),
        _ => new(p.Step, p.StepName, p.Status, "i-pending", "waiting", p.Detail ?? "Waiting", null, null, false),
    };
}

/// <summary>The progress card's headline numbers, as the server first renders them (live-progress.js: summarize).</summary>
public sealed record RunSummaryView(string Title, int Done, int Total, double Progress, string RunStatus, bool Active, string? TimeLeft)
{
    public static RunSummaryView? From(GenerationStatus status, DateTimeOffset now)
    {
        if (status.RunId is null || status.RunStatus is null)
        {
            return null;
        }

        var done = status.Progress.Count(p => p.Status == StepStatus.Completed);
        var failed = status.Progress.Count(p => p.Status == StepStatus.Failed);
        var title = status.RunStatus switch
        {
            Generation.Runs.RunStatus.Queued => "Starting…",
            Generation.Runs.RunStatus.Running => "Writing your funnel",
            Generation.Runs.RunStatus.Completed => "All content is ready",
            Generation.Runs.RunStatus.CompletedWithErrors => failed == 1 ? "Finished — 1 step failed" : $"Finished — {failed} steps failed",
            Generation.Runs.RunStatus.Cancelled => "Generation cancelled",
            _ => "Generation failed",
        };
        var partial = status.Progress.Where(p => p.Status == StepStatus.InProgress).Sum(p => p.Percent / 100.0);
        return new RunSummaryView(title, done, status.Progress.Count, Math.Min(status.Progress.Count, done + partial), status.RunStatus, status.IsGenerating,
            status.IsGenerating ? Remaining(status.EstimatedCompletionAt, now) : null);
    }

    /// <summary>"about 2 min left" from the estimated completion time.</summary>
    public static string? Remaining(DateTimeOffset? eta, DateTimeOffset now)
    {
        if (eta is not { } end)
        {
            return null;
        }

        var seconds = (end - now).TotalSeconds;
        return seconds <= 5 ? "almost done"
            : seconds < 45 ? "less than a minute left"
            : $"about {Math.Max(1, (int)Math.Round(seconds / 60))} min left";
    }
}
