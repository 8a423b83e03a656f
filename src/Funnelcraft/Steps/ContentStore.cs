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
    public static void AddNextVersion(SqlBatch batch, Guid projectId, int step, Guid? runId, WrittenContent content, DateTimeOffset now)
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
        AppDbContext db, Guid projectId, int step, Guid? runId, WrittenContent content, int? restoredFrom, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var latest = await db.ContentVersions.Where(c => c.ProjectId == projectId && c.Step == step)
            .MaxAsync(c => (int?)c.Version, cancellationToken) ?? 0;
        return Add(db, projectId, step, latest + 1, runId, content, restoredFrom, now);
    }

    private static ContentVersion Add(AppDbContext db, Guid projectId, int step, int number, Guid? runId, WrittenContent content, int? restoredFrom, DateTimeOffset now)
    {
        var version = new ContentVersion
        {
            ProjectId = projectId,
            Step = step,
            Version = number,
            RunId = runId,
            GeneratedAt = now,
            Content = content.Json,
            RestoredFrom = restoredFrom,
            InputTokens = content.InputTokens,
            OutputTokens = content.OutputTokens,
        };
        db.ContentVersions.Add(version);
        return version;
    }
}
