namespace Funnelcraft.Generation.Status;

/// <summary>Tokens a step or a run used, with their estimated cost when prices are configured.</summary>
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
