using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Funnelcraft.Writers;
using Microsoft.Extensions.AI;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// Wraps the offline writer so a test can hold a step's writer calls until it releases them (to look at a run
/// mid-way without racing it) and make a step fail until it is healed. Steps are named by key ("offer", "watch").
/// </summary>
public sealed class WriterScript
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<string, byte> _failing = new();
    private readonly ConcurrentDictionary<string, int> _holdAfter = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();

    /// <summary>
    /// Writer calls for <paramref name="step"/> wait from now on until <see cref="Release"/>; with
    /// <paramref name="afterCalls"/>, the first calls from now on pass (the deck's outline is "deck-outline"; then its
    /// six parts of ten slides, "deck-structure", are written at once).
    /// </summary>
    public void Hold(string step, int afterCalls = 0)
    {
        _calls[step] = 0;
        _holdAfter[step] = afterCalls;
        _holds[step] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release(string step)
    {
        if (_holds.TryRemove(step, out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>Completes once a call for <paramref name="step"/> is waiting at its hold.</summary>
    public Task WaitingAsync(string step) => Waiting(step).Task.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Writer calls for <paramref name="step"/> fail (not transient, so at once) until <see cref="Heal"/>.</summary>
    public void Fail(string step) => _failing[step] = 0;

    public void Heal(string step) => _failing.TryRemove(step, out _);

    public IChatClient Wrap(IChatClient inner) => new Client(inner, this);

    private TaskCompletionSource Waiting(string step) =>
        _waiting.GetOrAdd(step, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private sealed class Client(IChatClient inner, WriterScript script) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var step = ((options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "").Replace('_', '-');
            var call = script._calls.AddOrUpdate(step, 1, (_, n) => n + 1);
            if (script._holds.TryGetValue(step, out var hold) && call > script._holdAfter.GetValueOrDefault(step))
            {
                script.Waiting(step).TrySetResult();
                await hold.Task.WaitAsync(cancellationToken);
            }

            if (script._failing.ContainsKey(step))
            {
                throw new WriterException("The AI provider refused the request (a test made it fail).", transient: false);
            }

            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
    }
}
