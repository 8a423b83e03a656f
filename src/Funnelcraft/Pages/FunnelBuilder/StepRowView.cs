using Funnelcraft.Generation;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// One row of the progress card or the tracker as the server first renders it. wwwroot/js/live/view-rules.js
/// (describeStep) applies the same rules to every later status, so a row looks the same before and after the script
/// takes over; ViewRulesAgreementTests runs every case through both.
/// </summary>
public sealed record StepRowView(int Step, string Name, string Status, string Icon, string StateText, string Detail, int? Percent, string? Href, bool CanRetry)
{
    /// <summary>An empty row for the script's template.</summary>
    public static StepRowView Template { get; } = new(-1, "", StepStatus.Pending, "i-pending", "", "", null, null, false);

    /// <summary>Phases a writer reports by name rather than as a count, in the words a person reads.</summary>
    private static readonly Dictionary<string, string> Phases = new(StringComparer.Ordinal) { ["outline"] = "planning the outline" };

    /// <param name="p">The step's progress.</param>
    /// <param name="projectId">The project, for the link of a completed row.</param>
    /// <param name="runActive">Whether the run is still going (no Retry then).</param>
    /// <param name="retryAll">The card shows one "Retry all failed" button instead of a Retry on each row.</param>
    public static StepRowView From(StepProgress p, Guid projectId, bool runActive, bool retryAll = false)
    {
        var canRetry = !runActive && !retryAll;
        return p.Status switch
        {
            StepStatus.InProgress => new(p.Step, p.StepName, p.Status, "i-spinner", "writing", PhaseOrDetail(p.Detail) ?? "Writing…", p.Percent > 0 ? p.Percent : null, null, false),
            StepStatus.Completed => new(p.Step, p.StepName, p.Status, "i-check", "done", NonEmpty(p.Detail) ?? "Ready", 100, FunnelUrls.Step(projectId, p.Step), false),
            StepStatus.Failed => new(p.Step, p.StepName, p.Status, "i-cross", "failed", NonEmpty(p.Error) ?? "Failed", null, null, canRetry),
            StepStatus.Skipped => new(p.Step, p.StepName, p.Status, "i-skipped", "skipped", NonEmpty(p.Error) ?? "Skipped", null, null, canRetry),
            StepStatus.Cancelled => new(p.Step, p.StepName, p.Status, "i-cancelled", "cancelled", "Cancelled", null, null, false),
            _ => new(p.Step, p.StepName, p.Status, "i-pending", "waiting", NonEmpty(p.Detail) ?? "Waiting", null, null, false),
        };
    }

    private static string? PhaseOrDetail(string? detail) =>
        detail is not null && Phases.TryGetValue(detail, out var phase) ? phase : NonEmpty(detail);

    /// <summary>An empty text counts as none, as it does in the script (<c>p.detail || 'Waiting'</c>).</summary>
    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
