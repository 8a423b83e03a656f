using Funnelcraft.Data;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

/// <summary>
/// What a start (and the pages before one) needs to know of a project's current versions: which steps have content,
/// and which of them are the user's own.
/// </summary>
public static class CurrentVersions
{
    /// <summary>Each step with content, and whether its current (highest) version is the user's edit (<see cref="VersionSource.IsUsersEdit"/>).</summary>
    public static async Task<IReadOnlyDictionary<int, bool>> OfAsync(AppDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var versions = db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId);
        var current = await versions
            .Where(c => c.Version == versions.Where(m => m.Step == c.Step).Max(m => m.Version))
            .Select(c => new { c.Step, c.Source, c.Writer })
            .ToListAsync(cancellationToken);
        return current.ToDictionary(c => c.Step, c => VersionSource.IsUsersEdit(c.Source, c.Writer));
    }

    /// <summary>The steps whose current version is the user's edit, in progress order.</summary>
    public static async Task<IReadOnlyList<StepDefinition>> UsersEditsAsync(AppDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var current = await OfAsync(db, projectId, cancellationToken);
        return [.. StepCatalog.All.Where(s => current.GetValueOrDefault(s.Number))];
    }
}
