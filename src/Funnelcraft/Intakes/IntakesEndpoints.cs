using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Intakes;

public static class IntakesEndpoints
{
    public sealed record IntakeResponse(
        Guid Id, Guid ProjectId, string Method, string? SessionName, string? BusinessName, string? Industry,
        string? TargetAudience, string? MainProblem, string? CurrentSolution, string? DesiredOutcome, string? PricePoint,
        string? Timeline, string? TranscriptText, DateTimeOffset CreatedAt)
    {
        public static IntakeResponse From(Intake i) => new(i.Id, i.ProjectId, i.Method, i.SessionName, i.BusinessName, i.Industry,
            i.TargetAudience, i.MainProblem, i.CurrentSolution, i.DesiredOutcome, i.PricePoint, i.Timeline, i.TranscriptText, i.CreatedAt);
    }

    public static IServiceCollection AddIntakes(this IServiceCollection services) => services.AddScoped<IntakeCommands>();

    public static IEndpointRouteBuilder MapIntakes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/intakes").WithTags("Intakes").RequireAuthorization();
        group.MapPost("/", CreateAsync).WithMetadata(new TranscriptBodyAttribute())
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        group.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<IntakeResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid projectId, NewIntake request, HttpContext http, IntakeCommands commands, CancellationToken ct)
    {
        var result = await commands.AddAsync(projectId, http.User.UserId(), request, ct);
        return result switch
        {
            { Value: { } intake } => TypedResults.Created($"/api/projects/{projectId}/intakes/{intake.Id}", IntakeResponse.From(intake)),
            { ProjectMissing: true } => ProjectProblems.NotFound(projectId),
            _ => TypedResults.ValidationProblem(result.Errors!),
        };
    }

    private static async Task<Results<Ok<List<IntakeResponse>>, ProblemHttpResult>> ListAsync(Guid projectId, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var intakes = await db.Intakes.AsNoTracking().Where(i => i.ProjectId == projectId)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(intakes.Select(IntakeResponse.From).ToList());
    }
}
