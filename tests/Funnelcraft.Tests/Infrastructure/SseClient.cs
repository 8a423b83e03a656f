using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>Reads <c>generation-events</c> the way a client does: the wire format parsed by <see cref="SseParser"/>.</summary>
public static class SseClient
{
    public sealed record StatusEvent(string Type, string? Id, GenerationStatus Status);

    public static async Task<HttpResponseMessage> ConnectAsync(HttpClient http, Guid projectId, string? lastEventId = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/generate/generation-events?projectId={projectId}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    public static async IAsyncEnumerable<StatusEvent> ReadAsync(HttpResponseMessage response, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var stream = await response.Content.ReadAsStreamAsync(ct);
        var parser = SseParser.Create(stream, (type, data) => JsonSerializer.Deserialize<GenerationStatus>(data, ApiClient.Json)!);
        await foreach (var item in parser.EnumerateAsync(ct))
        {
            yield return new StatusEvent(item.EventType, item.EventId, item.Data);
        }
    }

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
}
