using Funnelcraft.Data;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Projects;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// The reads every change makes, compiled once per node: EF Core then skips turning the query's expression into a cache
/// key and its parameters on each run (most of a small query's cost). A compiled query belongs to one model, so these
/// live in a service of the node (its provider), not in static fields.
/// </summary>
public sealed class ChangeQueries
{
    /// <summary>The project's status fields, not its stored status (a saved change rewrites it): a few kilobytes not to read.</summary>
    public Func<AppDbContext, Guid, CancellationToken, Task<FunnelProject?>> ProjectHead { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid projectId, CancellationToken _) => db.Projects.AsNoTracking().Where(p => p.Id == projectId).Select(p => new FunnelProject
        {
            Id = p.Id,
            OwnerId = p.OwnerId,
            Name = string.Empty, // not loaded, never written
            StatusVersion = p.StatusVersion,
            RegenerationCount = p.RegenerationCount,
            LastGeneratedAt = p.LastGeneratedAt,
        }).SingleOrDefault());

    /// <summary>The project's latest run with its steps, tracked.</summary>
    public Func<AppDbContext, Guid, CancellationToken, Task<GenerationRun?>> LatestRun { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid projectId, CancellationToken _) =>
            db.Runs.Include(r => r.Steps).Where(r => r.ProjectId == projectId).OrderByDescending(r => r.CreatedAt).FirstOrDefault());

    /// <summary>The number of each step's latest content version.</summary>
    public Func<AppDbContext, Guid, IAsyncEnumerable<LatestVersion>> LatestVersions { get; } =
        EF.CompileAsyncQuery((AppDbContext db, Guid projectId) =>
            db.ContentVersions.Where(c => c.ProjectId == projectId).GroupBy(c => c.Step).Select(g => new LatestVersion(g.Key, g.Max(c => c.Version))));

    public sealed record LatestVersion(int Step, int Version);
}
