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
}

/// <summary>A writer call failed; <see cref="Transient"/> says whether trying again may help.</summary>
public sealed class WriterException(string message, bool transient, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public bool Transient { get; } = transient;
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
