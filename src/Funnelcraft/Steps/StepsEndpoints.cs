using System.Text.Json;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Api;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

public static partial class StepsEndpoints
{
    public sealed record StepContentResponse(int Step, string StepKey, string StepName, int Version, int VersionCount, Guid? RunId,
        DateTimeOffset GeneratedAt, string Source, string? Writer, string? Instruction, int? RestoredFrom, JsonElement Content);

    public sealed record VersionInfo(int Version, string Source, string? Writer, string? Instruction, Guid? RunId, DateTimeOffset GeneratedAt,
        int? RestoredFrom, long InputTokens, long OutputTokens, bool IsCurrent);

    /// <summary>Versions a page of the history lists unless <c>?limit=</c> says otherwise, and the most it lists.</summary>
    public const int DefaultVersionsPage = 50;
    public const int MaxVersionsPage = 200;

    public static IEndpointRouteBuilder MapSteps(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/projects/{projectId:guid}/steps/{step}").WithTags("Steps").RequireAuthorization();
        group.MapGet("/", GetAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        MapEdit(group);
        MapCompare(group);
        MapPreview(group);
        group.MapGet("/versions", VersionsAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/versions/{version:int}/restore", RestoreAsync).RequireRateLimiting(Operations.RateLimits.ContentChanges)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<Results<Ok<StepContentResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(
        Guid projectId, string step, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return UnknownStep(step);
        }

        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var versions = db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId && c.Step == definition.Number);
        var latest = await versions.OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        if (latest is null)
        {
            return TypedResults.Problem(title: "No content yet", detail: $"{definition.Name} has not been generated for this project yet.", statusCode: StatusCodes.Status404NotFound);
        }

        http.Response.Headers.ETag = ETagOf(latest.Version);
        return TypedResults.Ok(Response(definition, latest, await versions.CountAsync(ct)));
    }

    /// <summary>
    /// A page of the step's history, newest first: <paramref name="limit"/> versions (1–200, 50 by default) older than
    /// <paramref name="before"/> (a version number; the newest when absent). When older ones remain, a <c>Link</c> header
    /// (<c>rel="next"</c>) gives the address of the next page.
    /// </summary>
    private static async Task<Results<Ok<List<VersionInfo>>, ValidationProblem, ProblemHttpResult>> VersionsAsync(
        Guid projectId, string step, [FromQuery] int? limit, [FromQuery] int? before, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return UnknownStep(step);
        }

        if (limit is < 1 or > MaxVersionsPage || before is < 1)
        {
            return TypedResults.ValidationProblem(limit is < 1 or > MaxVersionsPage
                ? new Dictionary<string, string[]> { ["limit"] = [$"The limit must be 1–{MaxVersionsPage}."] }
                : new Dictionary<string, string[]> { ["before"] = ["'before' must be a version number (1 or more)."] });
        }

        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var size = limit ?? DefaultVersionsPage;
        var versions = db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId && c.Step == definition.Number);
        var current = await versions.MaxAsync(c => (int?)c.Version, ct) ?? 0;
        var page = await versions
            .Where(c => before == null || c.Version < before)
            .OrderByDescending(c => c.Version)
            .Take(size + 1)
            .Select(c => new { c.Version, c.Source, c.Writer, c.Instruction, c.RunId, c.GeneratedAt, c.RestoredFrom, c.InputTokens, c.OutputTokens })
            .ToListAsync(ct);
        if (page.Count > size)
        {
            page.RemoveAt(size);
            http.Response.Headers.Link = $"</api/projects/{projectId}/steps/{definition.Key}/versions?limit={size}&before={page[^1].Version}>; rel=\"next\"";
        }

        return TypedResults.Ok(page.Select(v => new VersionInfo(v.Version, v.Source, v.Writer, v.Instruction, v.RunId, v.GeneratedAt,
            v.RestoredFrom, v.InputTokens, v.OutputTokens, v.Version == current)).ToList());
    }

    /// <summary>Makes an older version current by adding a copy of it as the newest version (<see cref="RestoreVersion"/>).</summary>
    private static async Task<Results<Ok<StepContentResponse>, ValidationProblem, ProblemHttpResult>> RestoreAsync(
        Guid projectId, string step, int version, HttpContext http, RunChanges changes, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return UnknownStep(step);
        }

        var result = await changes.MakeAsync(projectId, new RestoreVersion(http.User.UserId(), definition.Number, version), ct);
        return (result.ProjectFound ? result.Value : new RestoreVersion.Outcome(RestoreVersion.Verdict.ProjectNotFound)) switch
        {
            { Verdict: RestoreVersion.Verdict.Restored, Restored: { } restored } => TypedResults.Ok(Response(definition, restored, restored.Version)),
            { Verdict: RestoreVersion.Verdict.StepBeingWritten } => TypedResults.Problem(title: "Conflict", detail: $"{definition.Name} is being written right now; restore it when the run ends.", statusCode: StatusCodes.Status409Conflict),
            { Verdict: RestoreVersion.Verdict.VersionNotFound } => TypedResults.Problem(title: "Version not found", detail: $"{definition.Name} has no version {version}.", statusCode: StatusCodes.Status404NotFound),
            _ => ProjectProblems.NotFound(projectId),
        };
    }

    /// <summary>The step document the API answers (and a JSON export holds) for one version.</summary>
    internal static StepContentResponse Response(StepDefinition definition, ContentVersion version, int count)
    {
        using var document = JsonDocument.Parse(version.Content);
        return new StepContentResponse(definition.Number, definition.Key, definition.Name, version.Version, count, version.RunId,
            version.GeneratedAt, version.Source, version.Writer, version.Instruction, version.RestoredFrom, document.RootElement.Clone());
    }

    /// <summary>A version's strong entity tag, as <c>ETag</c> sends it and <c>If-Match</c> returns it: <c>"7"</c>.</summary>
    public static string ETagOf(int version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";

    private static ValidationProblem UnknownStep(string step) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["step"] = [GenerationApi.UnknownStep(step)] }, title: "Unknown step");
}
