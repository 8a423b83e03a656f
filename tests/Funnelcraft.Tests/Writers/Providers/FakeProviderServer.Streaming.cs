using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Offline;
using Microsoft.AspNetCore.Http;

namespace Funnelcraft.Tests.Writers.Providers;

/// <summary>The fake provider's streamed answers, and its "model": the offline engine reading the prompt's data blocks.</summary>
public sealed partial class FakeProviderServer
{
    /// <summary>Characters per streamed piece (a few tokens, as providers send them).</summary>
    private const int PieceChars = 12;

    private static readonly JsonSerializerOptions ContentJson = Funnelcraft.Steps.ContentJson.Options;

    /// <summary>Content for <paramref name="step"/> written from the data blocks of <paramref name="prompt"/>, as the app stores it.</summary>
    private static string Write(string prompt, string step)
    {
        var content = OfflineContent.Write(
            step,
            Block<IntakeBrief>(prompt, "intake") ?? new IntakeBrief([]),
            Block<OfferContent>(prompt, "offer"),
            Block<DeckContent>(prompt, "deck"),
            new DeckBlocks(Block<DeckPlan>(prompt, "deck_plan"), Block<DeckOutline>(prompt, "deck_outline"), Block<DeckPartRequest>(prompt, "deck_part")),
            UserRequest(prompt));
        return JsonSerializer.Serialize(content, content.GetType(), ContentJson);
    }

    /// <summary>The user's request for this version, from its <c>&lt;user_request&gt;</c> block (a JSON string), if the prompt has one.</summary>
    public static string? UserRequest(string prompt)
    {
        var match = DataBlock("user_request").Match(prompt);
        return match.Success ? JsonSerializer.Deserialize<string>(match.Groups[1].Value) : null;
    }

    private static T? Block<T>(string prompt, string tag)
        where T : class
    {
        var match = DataBlock(tag).Match(prompt);
        return match.Success && match.Groups[1].Value.StartsWith('{') ? JsonSerializer.Deserialize<T>(match.Groups[1].Value, ContentJson) : null;
    }

    /// <summary>A data block opens on a line of its own (the instructions may name its tag in running text).</summary>
    private static Regex DataBlock(string tag) =>
        new($"^<{tag}>\\s*(.*?)\\s*</{tag}>", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>Streams the answer as the provider's server-sent events, with the scripted pace and fault.</summary>
    private async Task StreamAsync(HttpContext context, ProviderExchangeRecord exchange, JsonElement body)
    {
        var model = body.GetProperty("model").GetString()!;
        var content = exchange.Content!;
        var pieces = Enumerable.Range(0, (content.Length + PieceChars - 1) / PieceChars)
            .Select(i => content.Substring(i * PieceChars, Math.Min(PieceChars, content.Length - (i * PieceChars)))).ToList();
        var includeUsage = body.TryGetProperty("stream_options", out var streamOptions)
            && streamOptions.TryGetProperty("include_usage", out var include) && include.GetBoolean();
        List<(string? Event, JsonObject Data)> events = exchange.Wire == Wire.OpenAI
            ?
            [
                (null, Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null)),
                .. pieces.Select(p => ((string?)null, Chunk(model, new JsonObject { ["content"] = p }, null))),
                (null, Chunk(model, new JsonObject(), "stop")),
                .. includeUsage
                    ? [((string?)null, new JsonObject
                    {
                        ["id"] = "chatcmpl-fake", ["object"] = "chat.completion.chunk", ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), ["model"] = model,
                        ["choices"] = new JsonArray(),
                        ["usage"] = new JsonObject { ["prompt_tokens"] = exchange.InputTokens, ["completion_tokens"] = exchange.OutputTokens, ["total_tokens"] = exchange.InputTokens + exchange.OutputTokens },
                    })]
                    : Array.Empty<(string?, JsonObject)>(),
            ]
            :
            [
                ("message_start", new JsonObject
                {
                    ["type"] = "message_start",
                    ["message"] = new JsonObject
                    {
                        ["id"] = "msg_fake", ["type"] = "message", ["role"] = "assistant", ["model"] = model, ["content"] = new JsonArray(),
                        ["stop_reason"] = null, ["stop_sequence"] = null,
                        ["usage"] = new JsonObject { ["input_tokens"] = exchange.InputTokens, ["output_tokens"] = 1 },
                    },
                }),
                ("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = 0, ["content_block"] = new JsonObject { ["type"] = "text", ["text"] = "" } }),
                .. pieces.Select(p => ((string?)"content_block_delta", new JsonObject
                {
                    ["type"] = "content_block_delta", ["index"] = 0, ["delta"] = new JsonObject { ["type"] = "text_delta", ["text"] = p },
                })),
                ("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = 0 }),
                ("message_delta", new JsonObject
                {
                    ["type"] = "message_delta",
                    ["delta"] = new JsonObject { ["stop_reason"] = "end_turn", ["stop_sequence"] = null },
                    ["usage"] = new JsonObject { ["output_tokens"] = exchange.OutputTokens },
                }),
                ("message_stop", new JsonObject { ["type"] = "message_stop" }),
            ];

        // Faults of a stream: cut after half of it (the connection aborted, or the answer just ends), or stalled after a third.
        var sent = exchange.Fault switch
        {
            ProviderFault.TruncatedBody or ProviderFault.StreamEndsEarly => events.Count / 2,
            ProviderFault.Stall => events.Count / 3,
            _ => events.Count,
        };
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var pace = Scripts.PaceOf(exchange);
        try
        {
            for (var i = 0; i < sent; i++)
            {
                if (pace > TimeSpan.Zero && i > 0)
                {
                    await Task.Delay(pace, context.RequestAborted);
                }

                var (name, data) = events[i];
                await context.Response.WriteAsync((name is null ? "" : $"event: {name}\n") + $"data: {data.ToJsonString()}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                exchange.PiecesSent = i + 1;
            }

            switch (exchange.Fault)
            {
                case ProviderFault.TruncatedBody:
                    context.Abort();
                    return;
                case ProviderFault.StreamEndsEarly:
                    return;
                case ProviderFault.Stall:
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                    return;
            }

            if (exchange.Wire == Wire.OpenAI)
            {
                await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // the client gave up mid-stream
        }
    }

    private static JsonObject Chunk(string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };
}
