using System.Text.Json;
using System.Text.Json.Serialization;

namespace Funnelcraft.Generation;

/// <summary>
/// The seed's document kept in <c>funnel_projects.auto_generation_status</c> (snake_case), written in the
/// transaction of every change so a plain SELECT shows the truth.
/// </summary>
public sealed record SeedStatusDocument(
    bool IsGenerating,
    int? CurrentStep,
    IReadOnlyList<int> GeneratedSteps,
    IReadOnlyList<FailedStep> GenerationErrors,
    IReadOnlyList<SeedStepProgress> Progress,
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

    public static SeedStatusDocument From(GenerationStatus s) => new(
        s.IsGenerating,
        s.CurrentStep,
        s.CompletedSteps,
        s.FailedSteps,
        [.. s.Progress.Select(p => new SeedStepProgress(p.Step, p.StepName, p.Status, p.Error, p.StartedAt, p.CompletedAt, p.Attempt, p.Detail, p.Percent))],
        s.StartedAt,
        s.LastGeneratedAt,
        s.IntakeId,
        s.RegenerationCount,
        s.Version,
        s.RunId,
        s.RunStatus);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SeedStatusDocument? Parse(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<SeedStatusDocument>(json, Json);
}

public sealed record SeedStepProgress(
    int Step,
    string StepName,
    string Status,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int Attempt,
    string? Detail,
    int Percent);
