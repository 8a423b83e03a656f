using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Offer;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Exports;

/// <summary>Reads what an export is built from: the user's project and its steps' versions. Reads only; nothing is written.</summary>
public sealed class ExportStore(AppDbContext db)
{
    public Task<FunnelProject?> ProjectAsync(Guid projectId, string userId, CancellationToken ct) => db.FindOwnedProjectAsync(projectId, userId, ct);

    /// <summary>Version <paramref name="version"/> of a step, or its current one when null; null when there is none.</summary>
    public Task<ContentVersion?> VersionAsync(Guid projectId, int step, int? version, CancellationToken ct)
    {
        var versions = Versions(projectId).Where(c => c.Step == step);
        return version is { } number
            ? versions.SingleOrDefaultAsync(c => c.Version == number, ct)
            : versions.OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
    }

    public Task<int> VersionCountAsync(Guid projectId, int step, CancellationToken ct) => Versions(projectId).CountAsync(c => c.Step == step, ct);

    /// <summary>The current version of every step that has content, with each step's number of versions.</summary>
    public async Task<IReadOnlyList<(ContentVersion Version, int Count)>> CurrentVersionsAsync(Guid projectId, CancellationToken ct)
    {
        var current = await Versions(projectId)
            .Where(c => c.Version == db.ContentVersions.Where(d => d.ProjectId == projectId && d.Step == c.Step).Max(d => d.Version))
            .ToListAsync(ct);
        var counts = await Versions(projectId).GroupBy(c => c.Step).Select(g => new { Step = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Step, x => x.Count, ct);
        return [.. current.Select(c => (c, counts.GetValueOrDefault(c.Step, 1)))];
    }

    /// <summary>The current offer as its record, for the enrollment page; null when there is none or it cannot be read.</summary>
    public async Task<OfferContent?> CurrentOfferAsync(Guid projectId, CancellationToken ct) =>
        await VersionAsync(projectId, StepCatalog.Offer, null, ct) is { } offer
            ? StepExport.Read(StepCatalog.Get(StepCatalog.Offer), offer) as OfferContent
            : null;

    private IQueryable<ContentVersion> Versions(Guid projectId) => db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId);
}
