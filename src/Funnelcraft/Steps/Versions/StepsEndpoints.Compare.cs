using System.Text.Json;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Projects;
using Funnelcraft.Steps.Versions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Steps;

/// <summary><c>GET /api/projects/{projectId}/steps/{step}/versions/compare?from=&amp;to=</c>: how two versions differ, field by field.</summary>
public static partial class StepsEndpoints
{
    /// <param name="Changes">How many texts, numbers and list items differ.</param>
    /// <param name="Fields">The content's fields, in the newer version's order (<see cref="FieldDiff"/>).</param>
    public sealed record CompareResponse(int Step, string StepKey, string StepName, VersionInfo From, VersionInfo To, int Changes, IReadOnlyList<FieldDiff> Fields);

    private static void MapCompare(RouteGroupBuilder group) =>
        group.MapGet("/versions/compare", CompareAsync).ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<Results<Ok<CompareResponse>, ValidationProblem, ProblemHttpResult>> CompareAsync(
        Guid projectId, string step, [FromQuery] int from, [FromQuery] int to, HttpContext http, AppDbContext db, CancellationToken ct)
    {
        if (!StepCatalog.TryParse(step, out var definition))
        {
            return UnknownStep(step);
        }

        if (!await db.OwnsProjectAsync(projectId, http.User.UserId(), ct))
        {
            return ProjectProblems.NotFound(projectId);
        }

        var (comparison, missing) = await CompareVersionsAsync(db, projectId, definition, from, to, ct);
        return comparison is null
            ? TypedResults.Problem(title: "Version not found", detail: $"{definition.Name} has no version {missing}.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(comparison);
    }

    /// <summary>The comparison of two versions of a step (the compare page shows the same), or the number of one that does not exist.</summary>
    public static async Task<(CompareResponse? Comparison, int Missing)> CompareVersionsAsync(
        AppDbContext db, Guid projectId, StepDefinition definition, int from, int to, CancellationToken ct)
    {
        var versions = db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId && c.Step == definition.Number);
        var pair = await versions.Where(c => c.Version == from || c.Version == to).ToListAsync(ct);
        if (pair.FirstOrDefault(c => c.Version == from) is not { } older)
        {
            return (null, from);
        }

        if (pair.FirstOrDefault(c => c.Version == to) is not { } newer)
        {
            return (null, to);
        }

        var current = await versions.MaxAsync(c => c.Version, ct);
        var fields = VersionDiff.Compare(Normalized(older.Content, definition.ContentType), Normalized(newer.Content, definition.ContentType));
        return (new CompareResponse(definition.Number, definition.Key, definition.Name, Info(older, current), Info(newer, current),
            VersionDiff.CountChanges(fields), fields), 0);
    }

    private static VersionInfo Info(ContentVersion v, int current) =>
        new(v.Version, v.Source, v.Writer, v.Instruction, v.RunId, v.GeneratedAt, v.RestoredFrom, v.InputTokens, v.OutputTokens, v.Version == current);

    /// <summary>The content as its record writes it (fields in the record's order, whatever the database did to the JSON), else as stored.</summary>
    private static JsonElement Normalized(string content, Type contentType)
    {
        try
        {
            var record = JsonSerializer.Deserialize(content, contentType, ContentJson.Options);
            return JsonSerializer.SerializeToElement(record, contentType, ContentJson.Options);
        }
        catch (JsonException)
        {
            using var document = JsonDocument.Parse(content);
            return document.RootElement.Clone();
        }
    }
}
