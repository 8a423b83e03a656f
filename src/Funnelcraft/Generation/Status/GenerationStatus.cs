namespace Funnelcraft.Generation.Status;

/// <summary>
/// The status of a project's generation as clients read it (<c>generation-status</c>, the <c>status</c> event): the seed's
/// fields plus additions. Serialized camelCase. Built from the rows by <see cref="StatusProjection"/>.
/// </summary>
public sealed record GenerationStatus
{
    public required bool IsGenerating { get; init; }
    public required int? CurrentStep { get; init; }
    public required IReadOnlyList<int> CompletedSteps { get; init; }
    public required IReadOnlyList<FailedStep> FailedSteps { get; init; }
    public required IReadOnlyList<StepProgress> Progress { get; init; }
    public required DateTimeOffset? StartedAt { get; init; }
    public required Guid? RunId { get; init; }
    public required string? RunStatus { get; init; }
    public required IReadOnlyList<int> CurrentSteps { get; init; }
    public required long Version { get; init; }
    public required DateTimeOffset? EstimatedCompletionAt { get; init; }
    public required DateTimeOffset? LastGeneratedAt { get; init; }
    public required int RegenerationCount { get; init; }
    public required Guid ProjectId { get; init; }
    public required Guid? IntakeId { get; init; }
    public required bool Regenerate { get; init; }
    public required DateTimeOffset? CompletedAt { get; init; }
    public required TokenUsage Usage { get; init; }
}
