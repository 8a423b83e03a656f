using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel, port 0) that speaks both providers' wire formats:
/// <c>POST /v1/chat/completions</c> (OpenAI) and <c>POST /v1/messages</c> (Anthropic), each as one JSON answer or,
/// when the request asks to stream, as server-sent events (OpenAI's <c>chat.completion.chunk</c>s and
/// <c>[DONE]</c>; Anthropic's <c>message_start</c> … <c>message_stop</c>), with usage where each provider sends it.
/// It recognises the step from the JSON schema in the request, answers with content the offline engine writes from
/// the data blocks of the very prompt it received (as a model, it sees the prompt only), or with the fault a test
/// scripted, and records every request and whether its client aborted it.
/// </summary>
public sealed partial class FakeProviderServer : IAsyncDisposable
{
    private static readonly (string Property, string Step)[] StepBySchemaProperty =
    [
        ("tagline", "offer"), ("slides", "deck-structure"), ("parts", "deck-outline"), ("urgencyText", "enrollment"), ("watchPrompt", "watch"),
        ("bulletPoints", "registration"), ("sequenceName", "followup"), ("brandVoice", "marketing-profile"),
    ];

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ProviderExchangeRecord> _exchanges = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ProviderExchangeRecord>> _seen = new();

    private FakeProviderServer(WebApplication app) => _app = app;

    public ProviderScripts Scripts { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ProviderExchangeRecord> Exchanges => [.. _exchanges];

    public IReadOnlyList<ProviderExchangeRecord> For(string tag) => [.. _exchanges.Where(e => e.Tag == tag)];

    public IReadOnlyList<ProviderExchangeRecord> For(string tag, string step) => [.. _exchanges.Where(e => e.Tag == tag && e.Step == step)];

    /// <summary>Completes when a request for <paramref name="tag"/> and <paramref name="step"/> has arrived.</summary>
    public Task<ProviderExchangeRecord> Seen(string tag, string step) =>
        _seen.GetOrAdd($"{tag}|{step}", _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.MapPost("/v1/chat/completions", context => server.HandleAsync(context, Wire.OpenAI));
        app.MapPost("/v1/messages", context => server.HandleAsync(context, Wire.Anthropic));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address);
        return server;
    }

    private async Task HandleAsync(HttpContext context, Wire wire)
    {
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var body = document.RootElement.Clone();
        var prompt = PromptOf(body, wire);
        var schema = wire == Wire.OpenAI
            ? body.GetProperty("response_format").GetProperty("json_schema").GetProperty("schema")
            : body.GetProperty("output_config").GetProperty("format").GetProperty("schema");
        var step = StepBySchemaProperty.First(p => schema.GetProperty("properties").TryGetProperty(p.Property, out _)).Step;
        var tag = Scripts.Tags.FirstOrDefault(t => prompt.Contains(t, StringComparison.Ordinal)) ?? "";
        var exchange = new ProviderExchangeRecord
        {
            Wire = wire,
            Path = context.Request.Path,
            Headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            Body = body,
            Step = step,
            Prompt = prompt,
            Tag = tag,
            Call = Scripts.NextCall(tag, step),
            At = DateTimeOffset.UtcNow,
        };
        context.RequestAborted.Register(() => exchange.Aborted.TrySetResult());
        exchange.Fault = Scripts.Decide(exchange);
        _exchanges.Enqueue(exchange);
        _seen.GetOrAdd($"{tag}|{step}", _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(exchange);
        try
        {
            await Scripts.BeforeAnswerAsync(exchange, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while the test held the answer
        }

        var key = wire == Wire.OpenAI ? exchange.Header("authorization").Replace("Bearer ", "", StringComparison.Ordinal) : exchange.Header("x-api-key");
        switch (exchange.Fault)
        {
            case ProviderFault.RateLimited:
                context.Response.Headers.RetryAfter = "1";
                await ErrorAsync(context, wire, 429, "rate_limit_error", "Rate limit reached for requests.");
                return;
            case ProviderFault.ServerError:
                await ErrorAsync(context, wire, 500, "api_error", $"Internal error while serving key {key}.");
                return;
            case ProviderFault.Unavailable:
                await ErrorAsync(context, wire, 503, "overloaded_error", "The server is overloaded.");
                return;
            case ProviderFault.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // the client gave up
                }

                return;
            case ProviderFault.ConnectionReset:
                context.Abort();
                return;
        }

        var content = exchange.Fault switch
        {
            ProviderFault.SchemaInvalid => """{"note": "Here is some content.", "items": [1, 2, 3]}""",
            ProviderFault.InvalidJson => """{"name": "Half an offer", "tagline": Oops, this is not JSON}""",
            ProviderFault.Empty => "",
            _ => Write(FirstUserText(body), step),
        };
        if (exchange.Fault == ProviderFault.TruncatedJson)
        {
            content = content[..(content.Length / 2)];
        }

        exchange.Content = content;
        exchange.InputTokens = 1000 + (prompt.Length / 4);
        exchange.OutputTokens = 10 + (content.Length / 4);
        if (body.TryGetProperty("stream", out var stream) && stream.GetBoolean())
        {
            await StreamAsync(context, exchange, body);
            return;
        }

        var reply = Encoding.UTF8.GetBytes(Reply(wire, body.GetProperty("model").GetString()!, content, exchange.InputTokens, exchange.OutputTokens));
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = reply.Length;
        if (exchange.Fault == ProviderFault.TruncatedBody)
        {
            await context.Response.Body.WriteAsync(reply.AsMemory(0, reply.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        await context.Response.Body.WriteAsync(reply);
    }

    private static string Reply(Wire wire, string model, string content, long input, long output) => wire == Wire.OpenAI
        ? new JsonObject
        {
            ["id"] = "chatcmpl-fake",
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = input, ["completion_tokens"] = output, ["total_tokens"] = input + output },
        }.ToJsonString()
        : new JsonObject
        {
            ["id"] = "msg_fake",
            ["type"] = "message",
            ["role"] = "assistant",
            ["model"] = model,
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = content }),
            ["stop_reason"] = "end_turn",
            ["stop_sequence"] = null,
            ["usage"] = new JsonObject { ["input_tokens"] = input, ["output_tokens"] = output },
        }.ToJsonString();

    private static Task ErrorAsync(HttpContext context, Wire wire, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var error = new JsonObject { ["type"] = type, ["message"] = message };
        var body = wire == Wire.OpenAI
            ? new JsonObject { ["error"] = new JsonObject { ["message"] = message, ["type"] = type, ["code"] = null } }
            : new JsonObject { ["type"] = "error", ["error"] = error };
        return context.Response.WriteAsync(body.ToJsonString());
    }

    /// <summary>The system prompt and every message's text, joined (content may be a string or an array of text parts).</summary>
    private static string PromptOf(JsonElement body, Wire wire)
    {
        var text = new StringBuilder();
        if (wire == Wire.Anthropic && body.TryGetProperty("system", out var system))
        {
            text.AppendLine(TextOf(system));
        }

        foreach (var message in body.GetProperty("messages").EnumerateArray())
        {
            text.AppendLine(TextOf(message.GetProperty("content")));
        }

        return text.ToString();
    }

    private static string FirstUserText(JsonElement body) =>
        TextOf(body.GetProperty("messages").EnumerateArray().First(m => m.GetProperty("role").GetString() == "user").GetProperty("content"));

    private static string TextOf(JsonElement content) => content.ValueKind switch
    {
        JsonValueKind.String => content.GetString()!,
        JsonValueKind.Array => string.Join("\n", content.EnumerateArray().Select(p => p.TryGetProperty("text", out var t) ? t.GetString() : "")),
        _ => "",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
