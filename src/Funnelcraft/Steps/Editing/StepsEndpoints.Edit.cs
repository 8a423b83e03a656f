using System.Text.Json;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Projects;
using Funnelcraft.Steps.Editing;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Funnelcraft.Steps;

/// <summary><c>PUT /api/projects/{projectId}/steps/{step}</c>: the user's edit of a step becomes its new version.</summary>
public static partial class StepsEndpoints
{
    /// <param name="Content">The step's whole content, in the shape <c>GET</c> answers it.</param>
    public sealed record EditRequest(JsonElement? Content);

    private static void MapEdit(RouteGroupBuilder group) =>
        group.MapPut("/", EditAsync).RequireRateLimiting(Operations.RateLimits.ContentChanges)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);

    private static async Task<Results<Ok<StepContentResponse>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid projectId, string step, EditRequest request, HttpContext http, AppDbContext db, RunChanges changes, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return UnknownStep(step);
        }

        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        if (!TryParseIfMatch(http.Request.Headers.IfMatch, out var basedOn))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [HeaderNames.IfMatch] = ["If-Match must be the ETag of the version the edit is based on, such as \"3\" (with the quotes), or *."] },
                title: "Malformed If-Match header");
        }

        if (request.Content is not { ValueKind: not JsonValueKind.Null } content)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["content"] = ["The content is missing: send the step's whole content as {\"content\": {…}}."] });
        }

        var reading = ContentReader.Read(definition, content);
        if (!reading.IsValid)
        {
            return TypedResults.ValidationProblem(reading.Errors, title: $"The {definition.Name} content has invalid fields");
        }

        var result = await StepEdits.SaveAsync(changes, http.User.UserId(), projectId, definition, reading.Json!, basedOn, ct);
        switch (result.Verdict)
        {
            case StepEdits.Verdict.Saved or StepEdits.Verdict.Unchanged:
                http.Response.Headers.ETag = ETagOf(result.Version!.Version);
                return TypedResults.Ok(Response(definition, result.Version, result.VersionCount));
            case StepEdits.Verdict.Stale:
                return TypedResults.Problem(
                    title: "The content has changed",
                    detail: result.Version is { } current
                        ? $"{definition.Name} changed since this edit began: version {current.Version} is current now. Reload it, or compare the versions, then edit again."
                        : $"{definition.Name} has no content yet, so there is no version this edit can be based on. Send it without If-Match.",
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version?.Version });
            case StepEdits.Verdict.BeingWritten:
                return TypedResults.Problem(
                    title: "Being written",
                    detail: $"{definition.Name} is being written by a generation run right now; edit it when the run has finished with it.",
                    statusCode: StatusCodes.Status409Conflict,
                    extensions: new Dictionary<string, object?> { ["currentVersion"] = result.Version?.Version });
            default:
                return ProjectProblems.NotFound(projectId);
        }
    }

    /// <summary>
    /// Reads <c>If-Match</c>: absent matches any state; <c>*</c> matches a step with content; otherwise the current
    /// version must be one of the strong tags (a weak tag never matches). False when the header is not a list of entity tags.
    /// </summary>
    public static bool TryParseIfMatch(StringValues header, out Func<int?, bool> matches)
    {
        matches = _ => true;
        if (header.Count == 0)
        {
            return true;
        }

        if (header.Any(string.IsNullOrWhiteSpace) || !EntityTagHeaderValue.TryParseStrictList(header, out var tags))
        {
            return false;
        }

        var any = tags.Any(t => t.Equals(EntityTagHeaderValue.Any));
        var strong = tags.Where(t => !t.IsWeak).Select(t => t.Tag.Value).ToHashSet(StringComparer.Ordinal);
        matches = version => version is { } v && (any || strong.Contains(ETagOf(v)));
        return true;
    }
}
