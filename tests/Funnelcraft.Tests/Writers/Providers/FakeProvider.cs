using System.Collections.Concurrent;
using System.Text.Json;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>Which protocol a fake provider request spoke.</summary>
public enum Wire
{
    OpenAI,
    Anthropic,
}

/// <summary>What the fake provider does with a request.</summary>
public enum ProviderFault
{
    /// <summary>Answers with valid content for the step.</summary>
    None,
    /// <summary>429 with <c>Retry-After: 1</c>.</summary>
    RateLimited,
    /// <summary>500 whose body echoes the API key the client sent.</summary>
    ServerError,
    /// <summary>503.</summary>
    Unavailable,
    /// <summary>Never answers (until the client gives up or cancels).</summary>
    Hang,
    /// <summary>Aborts the connection without an answer.</summary>
    ConnectionReset,
    /// <summary>Sends half of a 200 response body (half of the stream's events), then aborts the connection.</summary>
    TruncatedBody,
    /// <summary>Streams half of the answer's events, then ends the response as if it were complete.</summary>
    StreamEndsEarly,
    /// <summary>Streams a third of the answer's events, then sends nothing more (until the client gives up).</summary>
    Stall,
    /// <summary>A well-formed answer whose content is not JSON at all.</summary>
    InvalidJson,
    /// <summary>A well-formed answer whose content is the first half of the JSON.</summary>
    TruncatedJson,
    /// <summary>A well-formed answer whose content is JSON that does not match the schema.</summary>
    SchemaInvalid,
    /// <summary>A well-formed answer with empty content.</summary>
    Empty,
}

/// <summary>One request the fake provider received, and what it did.</summary>
public sealed class ProviderExchangeRecord
{
    public required Wire Wire { get; init; }
    public required string Path { get; init; }
    public required IReadOnlyDictionary<string, string> Headers { get; init; }
    public required JsonElement Body { get; init; }
    /// <summary>The step key, recognised from the JSON schema in the request.</summary>
    public required string Step { get; init; }
    /// <summary>System and messages, joined.</summary>
    public required string Prompt { get; init; }
    /// <summary>The test's tag (a unique business name) found in the prompt, or empty.</summary>
    public required string Tag { get; init; }
    /// <summary>1 for the first request of this tag and step, 2 for the next…</summary>
    public required int Call { get; init; }
    public required DateTimeOffset At { get; init; }
    public ProviderFault Fault { get; set; }
    /// <summary>The content text answered (with <see cref="ProviderFault.None"/>).</summary>
    public string? Content { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
    /// <summary>Server-sent events written so far (a streamed answer).</summary>
    public int PiecesSent { get; set; }
    public TaskCompletionSource Aborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The JSON schema the request asked for (OpenAI <c>response_format</c>, Anthropic <c>output_config</c>).</summary>
    public JsonElement? Schema => Wire == Wire.OpenAI
        ? Body.TryGetProperty("response_format", out var format) && format.TryGetProperty("json_schema", out var js) && js.TryGetProperty("schema", out var s) ? s : null
        : Body.TryGetProperty("output_config", out var config) && config.TryGetProperty("format", out var f) && f.TryGetProperty("schema", out var a) ? a : null;

    /// <summary>For a deck part's request, which part (1–6) it asks for, read from its <c>&lt;deck_part&gt;</c> block; else 0.</summary>
    public int DeckPart
    {
        get
        {
            var match = System.Text.RegularExpressions.Regex.Match(Prompt, "<deck_part>\\s*(\\{.*?\\})\\s*</deck_part>", System.Text.RegularExpressions.RegexOptions.Singleline);
            return match.Success ? JsonDocument.Parse(match.Groups[1].Value).RootElement.GetProperty("part").GetInt32() : 0;
        }
    }

    public string Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : "";
}

/// <summary>Per-test scripts, keyed by the test's tag, deciding each request's fault.</summary>
public sealed class ProviderScripts
{
    private readonly ConcurrentDictionary<string, Func<ProviderExchangeRecord, ProviderFault>> _scripts = new();
    private readonly ConcurrentDictionary<(string Tag, string Step), int> _calls = new();
    private readonly ConcurrentDictionary<string, Func<ProviderExchangeRecord, CancellationToken, Task>> _holds = new();
    private readonly ConcurrentDictionary<string, Func<ProviderExchangeRecord, TimeSpan>> _paces = new();

    public IReadOnlyCollection<string> Tags => [.. _scripts.Keys];

    public void Set(string tag, Func<ProviderExchangeRecord, ProviderFault> script) => _scripts[tag] = script;

    public int NextCall(string tag, string step) => _calls.AddOrUpdate((tag, step), 1, (_, n) => n + 1);

    /// <summary>
    /// Before answering a request of <paramref name="tag"/>, the server awaits <paramref name="hold"/> (a barrier, or a
    /// turn to answer); the token is the request's, cancelled when the client aborts it.
    /// </summary>
    public void Hold(string tag, Func<ProviderExchangeRecord, CancellationToken, Task> hold) => _holds[tag] = hold;

    public Task BeforeAnswerAsync(ProviderExchangeRecord request, CancellationToken cancellationToken) =>
        _holds.TryGetValue(request.Tag, out var hold) ? hold(request, cancellationToken) : Task.CompletedTask;

    /// <summary>Streamed answers of <paramref name="tag"/> send their events <paramref name="pace"/> apart (by default, all at once).</summary>
    public void Pace(string tag, Func<ProviderExchangeRecord, TimeSpan> pace) => _paces[tag] = pace;

    public TimeSpan PaceOf(ProviderExchangeRecord request) =>
        _paces.TryGetValue(request.Tag, out var pace) ? pace(request) : TimeSpan.Zero;

    public ProviderFault Decide(ProviderExchangeRecord request) =>
        _scripts.TryGetValue(request.Tag, out var script) ? script(request) : ProviderFault.None;
}
