using Funnelcraft.Data;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

/// <summary>Appends content versions. Callers run inside a generation change, which holds the project lock.</summary>
public static class ContentStore
{
    public static async Task<ContentVersion> AddVersionAsync(
        AppDbContext db, Guid projectId, int step, Guid? runId, WrittenContent content, int? restoredFrom, DateTimeOffset now, CancellationToken cancellationToken)
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
            RestoredFrom = restoredFrom,
            InputTokens = content.InputTokens,
            OutputTokens = content.OutputTokens,
        };
        db.ContentVersions.Add(version);
        return version;
    }
}
