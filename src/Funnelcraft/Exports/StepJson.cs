using System.Text.Json;
using Funnelcraft.Steps;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Exports;

/// <summary>
/// JSON exports: a step's file is the API's step document for that version (<c>GET …/steps/{step}</c>), indented;
/// <c>funnel.json</c> holds the project and every step's document.
/// </summary>
public sealed class StepJson(IOptions<HttpJsonOptions> json)
{
    public sealed record FunnelProjectInfo(Guid Id, string Name, string? Description);

    public sealed record FunnelDocument(FunnelProjectInfo Project, DateTimeOffset ExportedAt, IReadOnlyList<StepsEndpoints.StepContentResponse> Steps);

    private readonly JsonSerializerOptions _options = new(json.Value.SerializerOptions) { WriteIndented = true };

    public byte[] Step(StepExport export) => JsonSerializer.SerializeToUtf8Bytes(Document(export), _options);

    public byte[] Funnel(FunnelExport funnel) => JsonSerializer.SerializeToUtf8Bytes(
        new FunnelDocument(
            new FunnelProjectInfo(funnel.Project.Id, funnel.Project.Name, funnel.Project.Description),
            funnel.ExportedAt,
            [.. funnel.Steps.Select(Document)]),
        _options);

    private static StepsEndpoints.StepContentResponse Document(StepExport export) => StepsEndpoints.Response(export.Step, export.Version, export.VersionCount);
}
