using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Testing;

/// <summary>Reads <c>generation-events</c> the way a client does: the wire format parsed by <see cref="SseParser"/>.</summary>
public static class SseClient
{
    public sealed record StatusEvent(string Type, string? Id, GenerationStatus Status);

    /// <summary>One <c>status</c> event as received: its id (the status version), the receive timestamp, and the raw JSON.</summary>
    public readonly record struct Received(long Version, long Timestamp, string Data);

    /// <summary>Opens the stream with the client's own credentials (its default headers); the caller checks the status code.</summary>
    public static Task<HttpResponseMessage> ConnectAsync(HttpClient http, Guid projectId, string? lastEventId = null, CancellationToken ct = default) =>
        SendAsync(http, null, projectId, lastEventId, ct);

    /// <summary>Opens the stream as the user of <paramref name="token"/> (many users over one pool); throws unless it answers 2xx.</summary>
    public static async Task<HttpResponseMessage> ConnectAsync(HttpClient http, string token, Guid projectId, CancellationToken ct)
    {
        var response = await SendAsync(http, token, projectId, null, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"generation-events answered {(int)status}", null, status);
        }

        return response;
    }

    /// <summary>One event as received: its type, its id (null for a preview) and its data as text.</summary>
    public sealed record RawEvent(string Type, string? Id, string Data, long Timestamp);

    /// <summary>A <c>preview</c> event's data.</summary>
    public sealed record PreviewEvent(Guid RunId, int Step, int Attempt, long Seq, JsonElement Content);

    /// <summary>The <c>status</c> events (previews skipped).</summary>
    public static async IAsyncEnumerable<StatusEvent> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var item in ReadEventsAsync(response, ct))
        {
            if (item.Type == GenerationEvents.EventType)
            {
                yield return new StatusEvent(item.Type, item.Id, Parse(item.Data));
            }
        }
    }

    /// <summary>Every event, statuses and previews, in the order received, each stamped with <see cref="Stopwatch.GetTimestamp"/>.</summary>
    public static async IAsyncEnumerable<RawEvent> ReadEventsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct);
        var parser = SseParser.Create(stream, static (_, data) => System.Text.Encoding.UTF8.GetString(data));
        await foreach (var item in parser.EnumerateAsync(ct))
        {
            yield return new RawEvent(item.EventType, item.EventId, item.Data, Stopwatch.GetTimestamp());
        }
    }

    public static PreviewEvent ParsePreview(string data) => JsonSerializer.Deserialize<PreviewEvent>(data, ApiClient.Json)!;

    /// <summary>Collects events until one satisfies <paramref name="until"/> (inclusive).</summary>
    public static async Task<List<StatusEvent>> CollectAsync(HttpResponseMessage response, Func<GenerationStatus, bool> until, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        var events = new List<StatusEvent>();
        await foreach (var e in ReadAsync(response, cts.Token))
        {
            events.Add(e);
            if (until(e.Status))
            {
                break;
            }
        }

        return events;
    }

    /// <summary>Every <c>status</c> event, stamped with <see cref="Stopwatch.GetTimestamp"/> as soon as the parser yields it (for latency figures).</summary>
    public static async IAsyncEnumerable<Received> ReadTimedAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct);
        var parser = SseParser.Create(stream, (_, data) => System.Text.Encoding.UTF8.GetString(data));
        await foreach (var item in parser.EnumerateAsync(ct))
        {
            var now = Stopwatch.GetTimestamp();
            if (item.EventType == GenerationEvents.EventType && long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                yield return new Received(version, now, item.Data);
            }
        }
    }

    /// <summary>Like <see cref="ReadTimedAsync"/> but without keeping the data: only the id and time (cheap enough for 10k clients).</summary>
    public static async IAsyncEnumerable<(long Version, long Timestamp)> ReadVersionsAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct);
        var parser = SseParser.Create(stream, static (_, data) => data.Length);
        await foreach (var item in parser.EnumerateAsync(ct))
        {
            var now = Stopwatch.GetTimestamp();
            if (long.TryParse(item.EventId, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                yield return (version, now);
            }
        }
    }

    public static GenerationStatus Parse(string data) => JsonSerializer.Deserialize<GenerationStatus>(data, ApiClient.Json)!;

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string? token, Guid projectId, string? lastEventId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/generate/generation-events?projectId={projectId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }
}
