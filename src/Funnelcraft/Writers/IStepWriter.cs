using Funnelcraft.Steps;

namespace Funnelcraft.Writers;

/// <summary>
/// Writes one attempt of a step: prompt → streamed writer call(s) → JSON → validation. While it writes, it reports
/// progress inside the step and previews of the content so far through <see cref="StepReports"/>; it returns the
/// validated content with the tokens it used.
/// </summary>
public interface IStepWriter
{
    /// <param name="definition">The step to write.</param>
    /// <param name="inputs">What it is written from, with the user's instruction (at most <see cref="StepInputs.MaxInstructionLength"/> characters).</param>
    /// <param name="reports">Where progress and previews go. A report that throws stops the write, and its exception is what the write throws.</param>
    /// <param name="cancellationToken">Stops the write at once, including the streams in flight.</param>
    /// <exception cref="WriterException">The writer failed; <see cref="WriterException.Transient"/> says whether another attempt may help.</exception>
    /// <exception cref="WriterCancelledException"><paramref name="cancellationToken"/> was cancelled; it carries the tokens used up to then.</exception>
    /// <exception cref="ArgumentException">The instruction is longer than <see cref="StepInputs.MaxInstructionLength"/>.</exception>
    Task<WrittenContent> WriteAsync(StepDefinition definition, StepInputs inputs, StepReports reports, CancellationToken cancellationToken);
}

/// <summary>What a step writer tells its caller while it writes one attempt.</summary>
/// <param name="Progress">
/// Progress inside the step (detail, percent): the deck's "outline", then "slides 30/60" as its parts finish. Reports
/// are made one at a time and only rise.
/// </param>
/// <param name="Preview">
/// The content so far (<see cref="StepPreview"/>): at most one per <see cref="StepPreview.Interval"/>, the newest
/// content at the time it is made (previews in between are skipped, never queued), one at a time, with
/// <see cref="StepPreview.Seq"/> rising from 1 within the attempt. Previews are drafts: only the returned content
/// has been validated.
/// </param>
public sealed record StepReports(Func<string, int, Task> Progress, Func<StepPreview, Task> Preview)
{
    /// <summary>Reports that go nowhere.</summary>
    public static StepReports None { get; } = new((_, _) => Task.CompletedTask, _ => Task.CompletedTask);
}

/// <summary>A preview of a step's content while it is being written.</summary>
/// <param name="Seq">1 for an attempt's first preview, then 2, 3…</param>
/// <param name="Json">
/// The step's content as far as it is written, as camelCase JSON in the content's own shape: strings and lists
/// still being written are closed where they stop, fields not yet begun are absent, numbers appear once whole. The
/// deck's preview is its title, then the slides of its parts as they arrive (a merged deck, in slide order).
/// </param>
public sealed record StepPreview(long Seq, string Json)
{
    /// <summary>The least time between two previews of a step (so at most five a second).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
}

/// <summary>Validated content as camelCase JSON, and what it cost.</summary>
public sealed record WrittenContent(string Json, long InputTokens, long OutputTokens);

/// <summary>Tokens used by writer calls: as the provider reported them, or estimated (about four characters a token) where it had not yet.</summary>
public readonly record struct TokenUsage(long InputTokens, long OutputTokens, bool Estimated = false)
{
    public static TokenUsage None => default;

    public static TokenUsage operator +(TokenUsage a, TokenUsage b) =>
        new(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.Estimated || b.Estimated);

    /// <summary>About four characters a token, the usual rule of thumb for English text.</summary>
    public static long Estimate(long characters) => (characters + 3) / 4;
}

/// <summary>
/// A step write was cancelled. <see cref="UsedSoFar"/> is what its calls cost up to the cancel: the input of every call
/// that was sent and the output streamed so far, as the provider reported them or estimated where it had not yet.
/// </summary>
public sealed class WriterCancelledException(TokenUsage usedSoFar, CancellationToken token)
    : OperationCanceledException("The step's writing was cancelled.", null, token)
{
    public TokenUsage UsedSoFar { get; } = usedSoFar;
}

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
