using System.Text.Json;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Steps.Editing;

/// <summary>
/// Saving the user's edit of a step as its new version (<c>source: "edited"</c>). The save is a change of the project
/// (<see cref="EditStep"/>, made by <see cref="RunChanges"/> like every change of a run), so it is serialised with the
/// runs: a step a run is writing cannot be edited, and the version the edit was based on is still the current one when
/// the new one is numbered.
/// </summary>
public static class StepEdits
{
    public enum Verdict
    {
        Saved,
        /// <summary>The content is what the current version already holds: nothing new is stored.</summary>
        Unchanged,
        /// <summary>The current version is not the one the edit was based on (<c>If-Match</c>).</summary>
        Stale,
        /// <summary>A run is writing (or about to write) the step.</summary>
        BeingWritten,
        ProjectNotFound,
    }

    /// <param name="Version">The new version, or the current one when nothing was saved.</param>
    public sealed record Result(Verdict Verdict, ContentVersion? Version, int VersionCount);

    /// <summary>True while <paramref name="run"/> is active and has <paramref name="step"/> still to write.</summary>
    public static bool BeingWritten(GenerationRun? run, int step) =>
        run is { } r && BeingWritten(r.Status, r.Steps.Where(s => s.Step == step).Select(s => s.Status));

    /// <summary>The same rule read from a status (what the pages have).</summary>
    public static bool BeingWritten(GenerationStatus status, int step) =>
        status.RunStatus is { } runStatus && BeingWritten(runStatus, status.Progress.Where(p => p.Step == step).Select(p => p.Status));

    private static bool BeingWritten(string runStatus, IEnumerable<string> stepStatus) =>
        RunStatus.IsActive(runStatus) && stepStatus.Any(s => !StepStatus.IsFinished(s));

    /// <param name="basedOn">Whether the edit may replace the current version (its number; null when the step has none).</param>
    public static async Task<Result> SaveAsync(
        RunChanges changes, string userId, Guid projectId, StepDefinition step, string json, Func<int?, bool> basedOn, CancellationToken cancellationToken)
    {
        var result = await changes.MakeAsync(projectId, new EditStep(userId, step, json, basedOn), cancellationToken);
        return result.ProjectFound ? result.Value : new Result(Verdict.ProjectNotFound, null, 0);
    }

    /// <summary>Equal content, whatever the database did to the stored JSON's spacing and key order (PostgreSQL's jsonb).</summary>
    public static bool Same(string stored, string json, Type contentType)
    {
        try
        {
            var record = JsonSerializer.Deserialize(stored, contentType, ContentJson.Options);
            return JsonSerializer.Serialize(record, contentType, ContentJson.Options) == json;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
