using System.ComponentModel.DataAnnotations;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Intakes;

public static class IntakesEndpoints
{
    public const int MaxTranscriptLength = 100_000;

    public sealed record CreateIntakeRequest : IValidatableObject
    {
        [Required, RegularExpression("^(form|transcript)$", ErrorMessage = "The method must be 'form' or 'transcript'.")]
        public string? Method { get; init; }

        [StringLength(200)] public string? SessionName { get; init; }
        [StringLength(200)] public string? BusinessName { get; init; }
        [StringLength(200)] public string? Industry { get; init; }
        [StringLength(1000)] public string? TargetAudience { get; init; }
        [StringLength(2000)] public string? MainProblem { get; init; }
        [StringLength(2000)] public string? CurrentSolution { get; init; }
        [StringLength(2000)] public string? DesiredOutcome { get; init; }
        [StringLength(100)] public string? PricePoint { get; init; }
        [StringLength(200)] public string? Timeline { get; init; }
        [StringLength(MaxTranscriptLength)] public string? TranscriptText { get; init; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (Method == "form")
            {
                foreach (var (value, name) in new[] { (BusinessName, nameof(BusinessName)), (TargetAudience, nameof(TargetAudience)), (MainProblem, nameof(MainProblem)) })
                {
                    if (string.IsNullOrWhiteSpace(value))
                    {
                        yield return new ValidationResult($"A form intake needs {Humanize(name)}.", [name]);
                    }
                }
            }
            else if (Method == "transcript" && (TranscriptText is null || TranscriptText.Trim().Length < 50))
            {
                yield return new ValidationResult("A transcript intake needs the transcript (at least 50 characters).", [nameof(TranscriptText)]);
            }
        }

        private static string Humanize(string name) => name switch
        {
            nameof(BusinessName) => "the business name",
            nameof(TargetAudience) => "the target audience",
            _ => "the main problem",
        };
    }

    public sealed record IntakeResponse(
        Guid Id, Guid ProjectId, string Method, string? SessionName, string? BusinessName, string? Industry,
        string? TargetAudience, string? MainProblem, string? CurrentSolution, string? DesiredOutcome, string? PricePoint,
        string? Timeline, string? TranscriptText, DateTimeOffset CreatedAt)
    {
        public static IntakeResponse From(Intake i) => new(i.Id, i.ProjectId, i.Method, i.SessionName, i.BusinessName, i.Industry,
            i.TargetAudience, i.MainProblem, i.CurrentSolution, i.DesiredOutcome, i.PricePoint, i.Timeline, i.TranscriptText, i.CreatedAt);
    }

    public static IEndpointRouteBuilder MapIntakes(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/intakes").WithTags("Intakes").RequireAuthorization();
        group.MapPost("/", CreateAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", ListAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Created<IntakeResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        Guid projectId, CreateIntakeRequest request, HttpContext http, AppDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = Data.StoredTime.Now(time);
        var intake = new Intake
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Method = request.Method!,
            SessionName = Clean(request.SessionName),
            BusinessName = Clean(request.BusinessName),
            Industry = Clean(request.Industry),
            TargetAudience = Clean(request.TargetAudience),
            MainProblem = Clean(request.MainProblem),
            CurrentSolution = Clean(request.CurrentSolution),
            DesiredOutcome = Clean(request.DesiredOutcome),
            PricePoint = Clean(request.PricePoint),
            Timeline = Clean(request.Timeline),
            TranscriptText = Clean(request.TranscriptText),
            CreatedAt = now,
        };
        db.Intakes.Add(intake);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/projects/{projectId}/intakes/{intake.Id}", IntakeResponse.From(intake));
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

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
