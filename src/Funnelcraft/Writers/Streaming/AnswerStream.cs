using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace Funnelcraft.Writers.Streaming;

/// <summary>One writer call's answer as it arrived: its text, how it finished, and the tokens it used.</summary>
internal sealed record StreamedAnswer(string Text, ChatFinishReason? FinishReason, TokenUsage Usage);

/// <summary>
/// Reads one writer call's streamed answer (<see cref="IChatClient.GetStreamingResponseAsync"/>): each piece of text
/// goes into the answer's <see cref="PartialJson"/> (for previews) as it arrives. A stream that stalls — no piece
/// for <see cref="WriterOptions.StallTimeout"/> once it has begun — or that ends before the answer is complete (no
/// finish reason, and the JSON not closed) fails as a transient <see cref="WriterException"/>. Whatever way the call
/// ends (answered, failed, cancelled), its tokens go to the step's <see cref="TokenMeter"/>: as the provider
/// reported them, or estimated from the text sent and received where it had not reported them yet.
/// </summary>
internal static class AnswerStream
{
    public static async Task<StreamedAnswer> ReadAsync(
        IChatClient chat, IReadOnlyList<ChatMessage> messages, ChatOptions options, TimeSpan stallTimeout, TimeProvider time,
        PartialJson answer, Action changed, TokenMeter spent, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        UsageDetails? reported = null;
        ChatFinishReason? finish = null;
        using var stall = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stall.Token);
        try
        {
            await foreach (var update in chat.GetStreamingResponseAsync(messages, options, reading.Token).WithCancellation(reading.Token))
            {
                stall.CancelAfter(stallTimeout);
                foreach (var content in update.Contents)
                {
                    if (content is TextContent { Text.Length: > 0 } piece)
                    {
                        text.Append(piece.Text);
                        answer.Append(piece.Text);
                        changed();
                    }
                    else if (content is UsageContent usage)
                    {
                        reported = Newest(reported, usage.Details);
                    }
                }

                finish = update.FinishReason ?? finish;
            }
        }
        catch (Exception e)
        {
            spent.Add(Usage(messages, text, reported, complete: false));
            if (e is OperationCanceledException && stall.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new WriterException(
                    $"The AI provider stopped sending its answer for {stallTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s before it was complete.",
                    transient: true);
            }

            throw;
        }

        var used = Usage(messages, text, reported, complete: true);
        spent.Add(used);
        if (finish is null && !answer.IsComplete)
        {
            throw new WriterException("The AI provider's answer broke off before it was complete.", transient: true);
        }

        return new StreamedAnswer(text.ToString(), finish, used);
    }

    /// <summary>
    /// The provider's counts so far: providers send them once at the end (OpenAI) or the input first and the output
    /// at the end (Anthropic), each count as a running total, so the newest (largest) of each is the count.
    /// </summary>
    private static UsageDetails Newest(UsageDetails? before, UsageDetails now) => before is null ? now : new UsageDetails
    {
        InputTokenCount = Max(before.InputTokenCount, now.InputTokenCount),
        OutputTokenCount = Max(before.OutputTokenCount, now.OutputTokenCount),
    };

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    /// <summary>
    /// What the call used: the provider's counts, or an estimate of the text sent and received where it gave none. A
    /// call that did not complete may have streamed past the output count it was last told (Anthropic tells one at the
    /// start), so its output is at least the estimate of what it streamed.
    /// </summary>
    private static TokenUsage Usage(IReadOnlyList<ChatMessage> messages, StringBuilder text, UsageDetails? reported, bool complete)
    {
        var input = reported?.InputTokenCount is { } i and > 0 ? i : (long?)null;
        var output = reported?.OutputTokenCount;
        var streamed = TokenUsage.Estimate(text.Length);
        if (output is null || (!complete && output < streamed))
        {
            output = null;
        }

        return new TokenUsage(
            input ?? TokenUsage.Estimate(messages.Sum(m => (long)m.Text.Length)),
            output ?? streamed,
            Estimated: input is null || output is null);
    }
}
