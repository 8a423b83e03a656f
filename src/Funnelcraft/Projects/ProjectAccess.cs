using Funnelcraft.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Projects;

public static class ProjectAccess
{
    /// <summary>The project when the user owns it; null otherwise (a foreign project is indistinguishable from a missing one).</summary>
    public static Task<FunnelProject?> FindOwnedProjectAsync(this AppDbContext db, Guid projectId, string userId, CancellationToken ct) =>
        db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId && p.OwnerId == userId, ct);

    public static Task<bool> OwnsProjectAsync(this AppDbContext db, Guid projectId, string userId, CancellationToken ct) =>
        db.Projects.AnyAsync(p => p.Id == projectId && p.OwnerId == userId, ct);
}

public static class ProjectProblems
{
    public static ProblemHttpResult NotFound(Guid projectId) => TypedResults.Problem(
        title: "Project not found",
        detail: $"There is no project {projectId} in your account.",
        statusCode: StatusCodes.Status404NotFound);
}
