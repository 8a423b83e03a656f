using Funnelcraft.Generation;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// A project's line on the project list, in its tracker's words: "3 of 7 · writing", "Ready", "2 failed"; a project
/// that never ran shows how many pieces it has. wwwroot/js/live/view-rules.js (projectState) applies the same rules.
/// </summary>
public sealed record ProjectStateView(string State, string Text)
{
    public static ProjectStateView From(GenerationStatus? status, int piecesWritten, int totalPieces)
    {
        if (status?.RunId is null)
        {
            return new("idle", piecesWritten > 0 ? $"{piecesWritten} of {totalPieces} pieces" : "Not generated yet");
        }

        var failed = status.Progress.Count(p => p.Status == StepStatus.Failed);
        var skipped = status.Progress.Count(p => p.Status == StepStatus.Skipped);
        return status.RunStatus switch
        {
            RunStatus.Queued => new("writing", "Starting…"),
            RunStatus.Running => new("writing", $"{status.Progress.Count(p => p.Status == StepStatus.Completed)} of {status.Progress.Count} · writing"),
            RunStatus.Completed => new("ready", "Ready"),
            RunStatus.Cancelled => new("cancelled", "Cancelled"),
            _ => new("failed", failed > 0 ? $"{failed} failed" : $"{skipped} skipped"),
        };
    }
}
