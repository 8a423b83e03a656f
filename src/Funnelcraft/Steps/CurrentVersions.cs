using Funnelcraft.Data;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

/// <summary>What the pages need to know of a project's current versions before a run: which are the user's own.</summary>
public static class CurrentVersions
{
    /// <summary>The steps whose current version is the user's edit (<see cref="VersionSource.IsUsersEdit"/>), in progress order.</summary>
    public static async Task<IReadOnlyList<StepDefinition>> UsersEditsAsync(AppDbContext db, Guid projectId, CancellationToken cancellationToken)
    {
        var versions = db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId);
        var current = await versions
            .Where(c => c.Version == versions.Where(m => m.Step == c.Step).Max(m => m.Version))
            .Select(c => new { c.Step, c.Source, c.Writer })
            .ToListAsync(cancellationToken);
        var edited = current.Where(c => VersionSource.IsUsersEdit(c.Source, c.Writer)).Select(c => c.Step).ToHashSet();
        return [.. StepCatalog.All.Where(s => edited.Contains(s.Number))];
    }
}
