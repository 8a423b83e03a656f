using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers;

/// <summary>Writes one step's content: prompt → writer call(s) → JSON → validation.</summary>
public interface IStepWriter
{
    Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, Func<string, int, Task> reportProgress, CancellationToken cancellationToken);
}

/// <summary>What a step is written from: the intake(s) and the content of the steps it needs.</summary>
public sealed record StepInputs(IntakeBrief Intake, OfferContent? Offer, DeckContent? Deck);

/// <summary>Validated content as camelCase JSON, and what it cost.</summary>
public sealed record WrittenContent(string Json, long InputTokens, long OutputTokens);

/// <summary>Which writer this node uses (recorded on each run for estimates and usage).</summary>
public interface IWriterInfo
{
    string Provider { get; }
    string Model { get; }

    /// <summary>The configured token prices when they apply to runs written by <paramref name="writerModel"/>; null when none are configured.</summary>
    TokenPrice? PriceFor(string writerModel);
}

/// <summary>Prices per million tokens, for an estimated cost next to the token counts.</summary>
public sealed record TokenPrice(decimal InputPerMillion, decimal OutputPerMillion, string Currency)
{
    public decimal CostOf(long inputTokens, long outputTokens) =>
        Math.Round(((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m, 6);
}

/// <summary>A writer call failed; <see cref="Transient"/> says whether trying again may help.</summary>
public sealed class WriterException(string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
