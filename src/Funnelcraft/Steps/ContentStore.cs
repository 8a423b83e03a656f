using Funnelcraft.Data;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

/// <summary>Appends content versions. Callers run inside a generation change, which holds the project lock.</summary>
public static class ContentStore
{
    /// <summary>Adds a new version of each step's content, numbered after the latest of each (one read for all of them).</summary>
    public static async Task<IReadOnlyDictionary<int, ContentVersion>> AddVersionsAsync(
        AppDbContext db, Guid projectId, Guid? runId, IReadOnlyList<(int Step, WrittenContent Content)> contents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var steps = contents.Select(c => c.Step).ToList();
        var latest = await db.ContentVersions.Where(c => c.ProjectId == projectId && steps.Contains(c.Step))
            .GroupBy(c => c.Step).Select(g => new { Step = g.Key, Version = g.Max(c => c.Version) })
            .ToDictionaryAsync(g => g.Step, g => g.Version, cancellationToken);
        return contents.ToDictionary(c => c.Step, c => Add(db, projectId, c.Step, latest.GetValueOrDefault(c.Step) + 1, runId, c.Content, null, now));
    }

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
