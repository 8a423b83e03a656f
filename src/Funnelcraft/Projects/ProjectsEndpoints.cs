using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Steps;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Projects;

public static class ProjectsEndpoints
{
    public sealed record ProjectSummary(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? LastGeneratedAt);

    public sealed record StepContentInfo(int Step, string Key, string StepName, int Version, DateTimeOffset GeneratedAt);

    public sealed record ProjectDetails(
        Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? LastGeneratedAt,
        int RegenerationCount, int IntakeCount, IReadOnlyList<StepContentInfo> Steps);

    public static IServiceCollection AddProjects(this IServiceCollection services) => services.AddScoped<ProjectCommands>();

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects").WithTags("Projects").RequireAuthorization();
        group.MapPost("/", CreateAsync).ProducesValidationProblem();
        group.MapGet("/", ListAsync);
        group.MapGet("/{projectId:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<ProjectSummary>, ValidationProblem>> CreateAsync(
        NewProject request, HttpContext http, ProjectCommands commands, CancellationToken ct)
    {
        var result = await commands.CreateAsync(http.User.UserId(), request, ct);
        return result.Value is { } project
            ? TypedResults.Created($"/api/projects/{project.Id}", Summary(project))
            : TypedResults.ValidationProblem(result.Errors!);
    }

    private static async Task<Ok<List<ProjectSummary>>> ListAsync(HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var projects = await db.Projects.AsNoTracking().Where(p => p.OwnerId == userId)
            .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(projects.Select(Summary).ToList());
    }

    private static async Task<Results<Ok<ProjectDetails>, ProblemHttpResult>> GetAsync(Guid projectId, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        var project = await db.FindOwnedProjectAsync(projectId, http.User.UserId(), ct);
        if (project is null)
        {
            return ProjectProblems.NotFound(projectId);
        }

        var intakeCount = await db.Intakes.CountAsync(i => i.ProjectId == projectId, ct);
        var versions = await db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Select(c => new { c.Step, c.Version, c.GeneratedAt }).ToListAsync(ct);
        var steps = StepCatalog.All
            .Select(s => versions.Where(v => v.Step == s.Number).MaxBy(v => v.Version) is { } v
                ? new StepContentInfo(s.Number, s.Key, s.Name, v.Version, v.GeneratedAt)
                : null)
            .OfType<StepContentInfo>()
            .ToList();
        return TypedResults.Ok(new ProjectDetails(project.Id, project.Name, project.Description, project.CreatedAt,
            project.LastGeneratedAt, project.RegenerationCount, intakeCount, steps));
    }

    private static ProjectSummary Summary(FunnelProject p) => new(p.Id, p.Name, p.Description, p.CreatedAt, p.LastGeneratedAt);
}
