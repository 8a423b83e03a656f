using System.Runtime.CompilerServices;
using System.Text.Json;
using Funnelcraft.Steps;
using Microsoft.Extensions.AI;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// The default writer: an <see cref="IChatClient"/> that needs no network and no key. It writes believable content
/// from the step's inputs with templates (<see cref="OfflineContent"/>) — the <see cref="WriterRequest"/> the step
/// writer hands along with each call, the same data the prompt was rendered from — and answers JSON the way a
/// model does: streamed a piece at a time, spread over <see cref="OfflineWriterOptions.StepDelay"/>, with a finish
/// reason and token usage at the end. So the whole path (prompt → streamed JSON → previews → validation → storage →
/// progress) runs as it does with a real provider.
/// </summary>
public sealed class OfflineChatClient(OfflineWriterOptions settings, TimeProvider time) : IChatClient
{
    /// <summary>How often the text arrives while a call is being "written": about 20 pieces a second.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    /// <summary>Characters per piece when there is no delay to spread (about four tokens).</summary>
    private const int UndelayedPiece = 16;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = WriterRequest.From(options)
            ?? throw new InvalidOperationException("The offline writer writes from the step's inputs: the call needs the WriterRequest the step writer attaches to its options.");
        var failing = settings.FailSteps.Contains(request.Key, StringComparer.OrdinalIgnoreCase);
        var content = failing ? null : OfflineContent.Write(request);
        var json = content is null ? "" : JsonSerializer.Serialize(content, content.GetType(), ContentJson.Options);
        var pieces = Pieces(json.Length);
        var delay = settings.StepDelay;
        var startedAt = time.GetTimestamp();
        for (var i = 0; i < pieces.Count; i++)
        {
            // Piece i is due at its share of the delay, so the text arrives at the pace of the whole call, whatever
            // time the consumer takes between pieces.
            if (delay > TimeSpan.Zero && delay * (i + 1) / pieces.Count - time.GetElapsedTime(startedAt) is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (failing)
            {
                throw new WriterException($"The offline writer is set to fail {request.Key} (Writer:Offline:FailSteps).", transient: false);
            }

            var (start, length) = pieces[i];
            yield return new ChatResponseUpdate(ChatRole.Assistant, json.Substring(start, length)) { ModelId = settings.Model };
        }

        var inputChars = messages.Sum(m => m.Text.Length);
        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = settings.Model,
            FinishReason = ChatFinishReason.Stop,
            Contents = [new UsageContent(new UsageDetails { InputTokenCount = inputChars / 4, OutputTokenCount = json.Length / 4, TotalTokenCount = (inputChars + json.Length) / 4 })],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;

    public void Dispose()
    {
    }

    /// <summary>
    /// The text cut into pieces: one per <see cref="Tick"/> of the delay (each of a few tokens at least), or pieces of
    /// <see cref="UndelayedPiece"/> characters without a delay. A failing call streams nothing: one empty piece, due
    /// when the whole delay has passed.
    /// </summary>
    private List<(int Start, int Length)> Pieces(int length)
    {
        if (length == 0)
        {
            return [(0, 0)];
        }

        var count = settings.StepDelay > TimeSpan.Zero
            ? (int)Math.Clamp(settings.StepDelay / Tick, 1, Math.Max(1, length / 4))
            : (length + UndelayedPiece - 1) / UndelayedPiece;
        var pieces = new List<(int, int)>(count);
        for (var i = 0; i < count; i++)
        {
            var start = (int)((long)length * i / count);
            pieces.Add((start, (int)((long)length * (i + 1) / count) - start));
        }

        return pieces;
    }
}
