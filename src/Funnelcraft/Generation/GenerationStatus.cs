namespace Funnelcraft.Generation;

/// <summary>The status contract (docs/architecture.md, "Status JSON"). Serialized camelCase.</summary>
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

public sealed record FailedStep(int Step, string Error);

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

public sealed record TokenUsage(long InputTokens, long OutputTokens)
{
    public static TokenUsage None { get; } = new(0, 0);
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>What the tokens cost at the configured prices (<c>Writer:Pricing</c>); left out when no prices are configured.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public decimal? EstimatedCost { get; init; }

    /// <summary>The currency of <see cref="EstimatedCost"/>; left out with it.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Currency { get; init; }

    public TokenUsage PricedAt(Writers.TokenPrice? price) =>
        price is null ? this : this with { EstimatedCost = price.CostOf(InputTokens, OutputTokens), Currency = price.Currency };
}
