using Funnelcraft.Data;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

/// <summary>Appends content versions. Callers run inside a generation change, which holds the project lock.</summary>
public static class ContentStore
{
    /// <summary>
    /// Adds a new version of a step's content as a statement of a change's batch: numbered in the database after the
    /// step's latest and returned (the statement's result). The change's version bump holds the project lock, so no
    /// other change numbers the same step meanwhile; the unique index (project, step, version) would refuse it if one did.
    /// </summary>
    public static void AddNextVersion(SqlBatch batch, Guid projectId, int step, Guid? runId, WrittenContent content, VersionOrigin origin, DateTimeOffset now)
    {
        var version = batch.Column<ContentVersion>(nameof(ContentVersion.Version));
        batch.Insert<ContentVersion>(
        [
            (nameof(ContentVersion.ProjectId), projectId),
            (nameof(ContentVersion.Step), step),
            (nameof(ContentVersion.Version), new SqlBatch.Sql($"(SELECT COALESCE(MAX({version}), 0) + 1 {FromStep(batch, projectId, step)})")),
            (nameof(ContentVersion.RunId), runId),
            (nameof(ContentVersion.GeneratedAt), now),
            (nameof(ContentVersion.Content), content.Json),
            (nameof(ContentVersion.Source), origin.Source),
            (nameof(ContentVersion.Writer), origin.Writer),
            (nameof(ContentVersion.Instruction), origin.Instruction),
            (nameof(ContentVersion.RestoredFrom), origin.RestoredFrom),
            (nameof(ContentVersion.InputTokens), content.InputTokens),
            (nameof(ContentVersion.OutputTokens), content.OutputTokens),
        ], returning: version);
    }

    /// <summary>SQL for the number of a step's latest version (after <see cref="AddNextVersion"/> in the same batch: the one it added).</summary>
    public static SqlBatch.Sql LatestVersion(SqlBatch batch, Guid projectId, int step) =>
        new($"(SELECT MAX({batch.Column<ContentVersion>(nameof(ContentVersion.Version))}) {FromStep(batch, projectId, step)})");

    private static string FromStep(SqlBatch batch, Guid projectId, int step) =>
        $"FROM {batch.Table<ContentVersion>()} WHERE {batch.Column<ContentVersion>(nameof(ContentVersion.ProjectId))} = {batch.Value<ContentVersion>(nameof(ContentVersion.ProjectId), projectId)}"
        + $" AND {batch.Column<ContentVersion>(nameof(ContentVersion.Step))} = {batch.Value<ContentVersion>(nameof(ContentVersion.Step), step)}";

    public static async Task<ContentVersion> AddVersionAsync(
        AppDbContext db, Guid projectId, int step, Guid? runId, WrittenContent content, VersionOrigin origin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await db.ContentVersions.Where(c => c.ProjectId == projectId && c.Step == step)
            .MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0;
        var version = new ContentVersion
        {
            ProjectId = projectId,
            Step = step,
            Version = latest + 1,
            RunId = runId,
            GeneratedAt = now,
            Content = content.Json,
            Source = origin.Source,
            Writer = origin.Writer,
            Instruction = origin.Instruction,
            RestoredFrom = origin.RestoredFrom,
            InputTokens = content.InputTokens,
            OutputTokens = content.OutputTokens,
        };
        db.ContentVersions.Add(version);
        return version;
    }
}

/// <summary>Where a new content version comes from: what <see cref="ContentVersion"/> records beside the content.</summary>
public sealed record VersionOrigin(string Source, string? Writer, string? Instruction, int? RestoredFrom)
{
    /// <summary>The user's edit: no writer, no instruction.</summary>
    public static VersionOrigin Edited { get; } = new(VersionSource.Edited, null, null, null);

    /// <summary>Written by a run's writer, with the user's instruction when the step was regenerated with one.</summary>
    public static VersionOrigin Generated(string writer, string? instruction = null) => new(VersionSource.Generated, writer, instruction, null);

    /// <summary>A copy of <paramref name="source"/>: who wrote it and why travel with the copy.</summary>
    public static VersionOrigin RestoreOf(ContentVersion source) => new(VersionSource.Restored, source.Writer, source.Instruction, source.Version);
}
