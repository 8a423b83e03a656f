using System.Text.Json;
using Funnelcraft.Accounts;
using Funnelcraft.Generation.Live;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Funnelcraft.Steps;

/// <summary>
/// <c>GET /api/projects/{projectId}/steps/{step}/preview</c>: while the step is being written, its content so far (the
/// polling fallback of the <c>preview</c> events); 404 when it is not being written. Never cached: it changes every 200 ms.
/// </summary>
public static partial class StepsEndpoints
{
    /// <param name="Content">The step's content as far as the writer has written it: a draft, not validated.</param>
    public sealed record PreviewResponse(Guid RunId, int Step, int Attempt, long Seq, JsonElement Content);

    private static void MapPreview(RouteGroupBuilder group) =>
        group.MapGet("/preview", PreviewAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<PreviewResponse>, ValidationProblem, ProblemHttpResult>> PreviewAsync(
        Guid projectId, string step, HttpContext http, StatusLookup lookup, PreviewBoard previews, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return UnknownStep(step);
        }

        if (await lookup.GetAsync(projectId, http.User.UserId(), ct) is not { } status)
        {
            return ProjectProblems.NotFound(projectId);
        }

        http.Response.Headers.CacheControl = "no-store";
        var preview = await previews.GetAsync(projectId, definition.Number, ct);
        if (preview is null || !preview.ShowsIn(status))
        {
            return TypedResults.Problem(title: "Not being written", detail: $"{definition.Name} is not being written now.", statusCode: StatusCodes.Status404NotFound);
        }

        using var content = JsonDocument.Parse(preview.Content);
        return TypedResults.Ok(new PreviewResponse(preview.RunId, preview.Step, preview.Attempt, preview.Seq, content.RootElement.Clone()));
    }
}
