using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using Funnelcraft.Writers.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>
/// Wraps the offline writer so a test can make steps fail, hold a step's calls until released (all at once or one by
/// one), and observe how many writer calls, and how many steps, ran at once. Steps are named by schema name (step
/// key with '_' for '-'; the deck's outline is <c>deck_outline</c>, its six parts <c>deck_structure</c>).
/// </summary>
public sealed class ScriptedWriter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<TaskCompletionSource>> _held = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private readonly ConcurrentDictionary<string, int> _holdAfter = new();
    private readonly ConcurrentDictionary<string, int> _waitingCount = new();
    private readonly ConcurrentDictionary<(string, int), TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<(string, int), TaskCompletionSource> _returned = new();
    private readonly ConcurrentDictionary<string, int> _inFlightBySchema = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _stepsInFlight;
    private int _maxStepsInFlight;

    /// <summary>The text of the last call's messages for each schema name: what the prompt asked.</summary>
    public ConcurrentDictionary<string, string> LastPrompt { get; } = new();

    /// <summary>Schema names whose calls fail with an HTTP 500 from "the provider".</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    /// <summary>The most writer calls in flight at once (the deck's parts count one each).</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>The most schemas with a call in flight at once: steps written at once (a deck's outline and parts never overlap).</summary>
    public int MaxStepsInFlight => Volatile.Read(ref _maxStepsInFlight);

    public int Calls(string schema) => _calls.GetValueOrDefault(schema);

    /// <summary>Calls for <paramref name="schema"/> after the first <paramref name="afterCalls"/> wait until <see cref="Release"/> or <see cref="ReleaseOne"/>.</summary>
    public void Hold(string schema, int afterCalls = 0)
    {
        _holdAfter[schema] = afterCalls;
        _gates[schema] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Lets every held call of <paramref name="schema"/> go, and the calls after them.</summary>
    public void Release(string schema)
    {
        if (_gates.TryRemove(schema, out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>Lets the longest-held call of <paramref name="schema"/> go; false when none is held.</summary>
    public bool ReleaseOne(string schema) =>
        _held.TryGetValue(schema, out var queue) && queue.TryDequeue(out var call) && call.TrySetResult();

    /// <summary>Completes when <paramref name="calls"/> calls for <paramref name="schema"/> are (or were) waiting at its gate.</summary>
    public Task Waiting(string schema, int calls = 1) => Signal(_waiting, (schema, calls)).Task;

    /// <summary>Completes when the <paramref name="call"/>-th call for <paramref name="schema"/> has returned its answer.</summary>
    public Task Returned(string schema, int call) => Signal(_returned, (schema, call)).Task;

    public Action<IServiceCollection> Install => services =>
        services.AddSingleton<IChatClient>(sp => new Client(sp.GetRequiredService<OfflineChatClient>(), this));

    private static TaskCompletionSource Signal(ConcurrentDictionary<(string, int), TaskCompletionSource> signals, (string, int) key) =>
        signals.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    private static void RaiseMax(ref int max, int now)
    {
        int seen;
        while (now > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, now, seen) != seen)
        {
        }
    }

    private void Enter(string schema)
    {
        RaiseMax(ref _maxInFlight, Interlocked.Increment(ref _inFlight));
        if (_inFlightBySchema.AddOrUpdate(schema, 1, (_, n) => n + 1) == 1)
        {
            RaiseMax(ref _maxStepsInFlight, Interlocked.Increment(ref _stepsInFlight));
        }
    }

    private void Leave(string schema)
    {
        if (_inFlightBySchema.AddOrUpdate(schema, 0, (_, n) => n - 1) == 0)
        {
            Interlocked.Decrement(ref _stepsInFlight);
        }

        Interlocked.Decrement(ref _inFlight);
    }

    private async Task HoldAsync(string schema, int call, CancellationToken cancellationToken)
    {
        if (!_gates.TryGetValue(schema, out var gate) || call <= _holdAfter.GetValueOrDefault(schema))
        {
            return;
        }

        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _held.GetOrAdd(schema, _ => new()).Enqueue(mine);
        Signal(_waiting, (schema, _waitingCount.AddOrUpdate(schema, 1, (_, n) => n + 1))).TrySetResult();
        await Task.WhenAny(gate.Task, mine.Task).WaitAsync(cancellationToken);
    }

    private sealed class Client(IChatClient inner, ScriptedWriter script) : DelegatingChatClient(inner)
    {
        public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken);

        public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var schema = (options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "";
            var call = script._calls.AddOrUpdate(schema, 1, (_, n) => n + 1);
            script.LastPrompt[schema] = string.Join("\n\n", messages.Select(m => m.Text));
            script.Enter(schema);
            try
            {
                await script.HoldAsync(schema, call, cancellationToken);
                if (script.Failing.ContainsKey(schema))
                {
                    throw new HttpRequestException("Internal Server Error", null, HttpStatusCode.InternalServerError);
                }

                await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
                {
                    yield return update;
                }

                Signal(script._returned, (schema, call)).TrySetResult();
            }
            finally
            {
                script.Leave(schema);
            }
        }
    }
}
