using System.Text.Json;
using System.Text.Json.Serialization;

namespace Funnelcraft.Generation.Status;

/// <summary>
/// The status as stored in the project row (<c>funnel_projects.auto_generation_status</c>): the seed's snake_case
/// document, rewritten by every change that moves the status version, in its transaction, so a plain SELECT shows the
/// truth. Made from the <see cref="GenerationStatus"/> the change publishes.
/// </summary>
public sealed record StoredStatusDocument(
    bool IsGenerating,
    int? CurrentStep,
    IReadOnlyList<int> GeneratedSteps,
    IReadOnlyList<FailedStep> GenerationErrors,
    IReadOnlyList<StoredStepProgress> Progress,
    DateTimeOffset? StartedAt,
    DateTimeOffset? LastGeneratedAt,
    Guid? IntakeIdUsed,
    int RegenerationCount,
    long Version,
    Guid? RunId,
    string? RunStatus)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static StoredStatusDocument From(GenerationStatus s) => new(
        s.IsGenerating,
        s.CurrentStep,
        s.CompletedSteps,
        s.FailedSteps,
        [.. s.Progress.Select(p => new StoredStepProgress(p.Step, p.StepName, p.Status, p.Error, p.StartedAt, p.CompletedAt, p.Attempt, p.Detail, p.Percent))],
        s.StartedAt,
        s.LastGeneratedAt,
        s.IntakeId,
        s.RegenerationCount,
        s.Version,
        s.RunId,
        s.RunStatus);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static StoredStatusDocument? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<StoredStatusDocument>(json, Json);
}
