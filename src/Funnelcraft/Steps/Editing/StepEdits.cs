using System.Text.Json;
using Funnelcraft.Generation;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps.Editing;

/// <summary>
/// Saving the user's edit of a step as its new version (<c>source: "edited"</c>). The save is a change of the project
/// (<see cref="GenerationStore.ChangeAsync{T}"/>), so it is serialised with the runs: a step a run is writing cannot be
/// edited, and the version the edit was based on is checked under the same lock that numbers the new one.
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
        GenerationStore store, Guid projectId, StepDefinition step, string json, Func<int?, bool> basedOn, CancellationToken cancellationToken)
    {
        var result = await store.ChangeAsync(projectId, async change =>
        {
            var versions = change.Db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId && c.Step == step.Number);
            var current = await versions.OrderByDescending(c => c.Version).FirstOrDefaultAsync(cancellationToken);
            if (BeingWritten(change.Run, step.Number))
            {
                return Outcome.Abandon(new Result(Verdict.BeingWritten, current, 0));
            }

            if (!basedOn(current?.Version))
            {
                return Outcome.Abandon(new Result(Verdict.Stale, current, 0));
            }

            if (current is not null && Same(current.Content, json, step.ContentType))
            {
                return Outcome.Abandon(new Result(Verdict.Unchanged, current, await versions.CountAsync(cancellationToken)));
            }

            var edited = await ContentStore.AddVersionAsync(change.Db, projectId, step.Number, null,
                new Writers.WrittenContent(json, 0, 0), VersionOrigin.Edited, change.Now, cancellationToken);
            return Outcome.Save(new Result(Verdict.Saved, edited, await versions.CountAsync(cancellationToken) + 1));
        }, cancellationToken);

        return result.ProjectFound ? result.Value : new Result(Verdict.ProjectNotFound, null, 0);
    }

    /// <summary>Equal content, whatever the database did to the stored JSON's spacing and key order (PostgreSQL's jsonb).</summary>
    private static bool Same(string stored, string json, Type contentType)
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
