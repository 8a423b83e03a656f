using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Funnelcraft.Generation;

/// <summary><c>POST /api/generate/regenerate-step</c>: one step written again, with the user's instruction, as a run.</summary>
public static partial class GenerationEndpoints
{
    /// <param name="Step">The step's number.</param>
    /// <param name="Instruction">What the user asks of the new version ("shorter, more playful"); it goes into the step's prompt.</param>
    /// <param name="WithDependents">Also write the steps that are written from this one (the deck's pages, say).</param>
    /// <param name="OverwriteEdits">With <paramref name="WithDependents"/>: rewrite a dependent whose current version is the user's edit too.</param>
    public sealed record RegenerateStepRequest(
        [property: Required] Guid? ProjectId,
        [property: Required] int? Step,
        [property: StringLength(InputLimits.Instruction, ErrorMessage = "The instruction must be at most 1,000 characters.")]
        [property: PlainText(Multiline = true)]
        string? Instruction,
        bool? WithDependents,
        bool? OverwriteEdits);

    private static void MapRegenerateStep(RouteGroupBuilder group) =>
        group.MapPost("/regenerate-step", RegenerateStepAsync).RequireRateLimiting(Operations.RateLimits.Generation)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<Results<Accepted<GenerationStatus>, ValidationProblem, ProblemHttpResult>> RegenerateStepAsync(
        RegenerateStepRequest request,
        [FromHeader(Name = IdempotencyKeyHeader)] string[]? idempotencyKeys,
        HttpContext http,
        GenerationCommands commands,
        TimeProvider time,
        CancellationToken ct)
    {
        if (RequestValidation.Validate(request) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (!StepCatalog.TryGet(request.Step!.Value, out var step))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["step"] = [UnknownStep(request.Step.Value.ToString(CultureInfo.InvariantCulture))] });
        }

        if (IdempotencyKeyProblem(idempotencyKeys) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [IdempotencyKeyHeader] = [problem] });
        }

        var projectId = request.ProjectId!.Value;
        var scope = RunScope.OneStep(step.Number, request.Instruction, request.WithDependents ?? false, request.OverwriteEdits ?? false);
        var result = await commands.RegenerateStepAsync(projectId, http.User.UserId(), scope, idempotencyKeys is [var key] ? key : null, ct);
        return result.Verdict switch
        {
            GenerationCommands.StartVerdict.Started or GenerationCommands.StartVerdict.Repeated => Accepted(http, projectId, result.Status!, time),
            GenerationCommands.StartVerdict.Conflict => Conflict($"A generation run is in progress; regenerate {step.Name} when it ends.", result.Status),
            GenerationCommands.StartVerdict.NoContent => TypedResults.Problem(
                title: "No content yet",
                detail: $"{step.Name} has no content yet, so there is nothing to regenerate: generate the funnel's content first.",
                statusCode: StatusCodes.Status404NotFound),
            GenerationCommands.StartVerdict.NoIntake or GenerationCommands.StartVerdict.IntakeNotFound => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["projectId"] = ["The project has no intake to write from. Add an intake, then regenerate."] },
                title: "The project has no intake"),
            _ => ProjectProblems.NotFound(projectId),
        };
    }
}
