using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>An SSE client of <c>generation-events</c>: the wire format parsed by <see cref="SseParser"/>.</summary>
public static class Sse
{
    /// <summary>One event as received: its id (the status version), the receive timestamp, and the raw JSON.</summary>
    public readonly record struct Received(long Version, long Timestamp, string Data);

    public static async Task<HttpResponseMessage> ConnectAsync(HttpClient http, string token, Guid projectId, CancellationToken ct)
    {
        using var request = Api.Request(HttpMethod.Get, $"/api/generate/generation-events?projectId={projectId}", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            throw new HttpRequestException($"generation-events answered {(int)status}", null, status);
        }

        return response;
    }

    /// <summary>Every <c>status</c> event, stamped with <see cref="Stopwatch.GetTimestamp"/> as soon as the parser yields it.</summary>
    public static async IAsyncEnumerable<Received> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct)
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

    /// <summary>Like <see cref="ReadAsync"/> but without keeping the data: only the id and time (cheap enough for 10k clients).</summary>
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

    public static GenerationStatus Parse(string data) => JsonSerializer.Deserialize<GenerationStatus>(data, Api.Json)!;
}
