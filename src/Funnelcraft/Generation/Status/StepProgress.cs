namespace Funnelcraft.Generation.Status;

/// <summary>One step of the status's <c>progress</c> array.</summary>
public sealed record StepProgress
{
    public required int Step { get; init; }
    public required string StepKey { get; init; }
    public required string StepName { get; init; }
    public required string Status { get; init; }
    public required string? Error { get; init; }
    public required DateTimeOffset? CompletedAt { get; init; }
    public required DateTimeOffset? StartedAt { get; init; }
    public required int Attempt { get; init; }
    public required string? Detail { get; init; }
    public required int Percent { get; init; }
    public required long EstimatedDurationMs { get; init; }
    public required TokenUsage Usage { get; init; }
}
