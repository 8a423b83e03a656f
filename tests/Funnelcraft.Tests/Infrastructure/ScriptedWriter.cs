using System.Collections.Concurrent;
using System.Net;
using Funnelcraft.Writers.Offline;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>
/// Wraps the offline writer so a test can make steps fail, hold a step until released, and observe how many
/// writer calls ran at once. Steps are named by schema name (step key with '_' for '-').
/// </summary>
public sealed class ScriptedWriter
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentDictionary<string, int> _calls = new();
    private int _inFlight;
    private int _maxInFlight;

    /// <summary>Schema names whose calls fail with an HTTP 500 from "the provider".</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Calls(string schema) => _calls.GetValueOrDefault(schema);

    private readonly ConcurrentDictionary<string, int> _holdAfter = new();

    /// <summary>Calls for <paramref name="schema"/> after the first <paramref name="afterCalls"/> wait until <see cref="Release"/>.</summary>
    public void Hold(string schema, int afterCalls = 0)
    {
        _holdAfter[schema] = afterCalls;
        _gates[schema] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void Release(string schema)
    {
        if (_gates.TryRemove(schema, out var gate))
        {
            gate.TrySetResult();
        }
    }

    /// <summary>Completes when a call for <paramref name="schema"/> is waiting at its gate.</summary>
    public Task Waiting(string schema) => _waiting.GetOrAdd(schema, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new();
    private readonly ConcurrentDictionary<(string, int), TaskCompletionSource> _returned = new();

    /// <summary>Completes when the <paramref name="call"/>-th call for <paramref name="schema"/> has returned its answer.</summary>
    public Task Returned(string schema, int call) => _returned.GetOrAdd((schema, call), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public Action<IServiceCollection> Install => services =>
        services.AddSingleton<IChatClient>(sp => new Client(ActivatorUtilities.CreateInstance<OfflineChatClient>(sp), this));

    private sealed class Client(IChatClient inner, ScriptedWriter script) : DelegatingChatClient(inner)
    {
        public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var schema = (options?.ResponseFormat as ChatResponseFormatJson)?.SchemaName ?? "";
            var call = script._calls.AddOrUpdate(schema, 1, (_, n) => n + 1);
            var now = Interlocked.Increment(ref script._inFlight);
            try
            {
                int max;
                while (now > (max = Volatile.Read(ref script._maxInFlight)) && Interlocked.CompareExchange(ref script._maxInFlight, now, max) != max)
                {
                }

                if (script._gates.TryGetValue(schema, out var gate) && call > script._holdAfter.GetValueOrDefault(schema))
                {
                    script._waiting.GetOrAdd(schema, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    await gate.Task.WaitAsync(cancellationToken);
                }

                if (script.Failing.ContainsKey(schema))
                {
                    throw new HttpRequestException("Internal Server Error", null, HttpStatusCode.InternalServerError);
                }

                var response = await base.GetResponseAsync(messages, options, cancellationToken);
                script._returned.GetOrAdd((schema, call), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                return response;
            }
            finally
            {
                Interlocked.Decrement(ref script._inFlight);
            }
        }
    }
}
