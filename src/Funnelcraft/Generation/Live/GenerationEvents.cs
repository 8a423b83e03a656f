using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Funnelcraft.Accounts;
using Funnelcraft.Generation.Status;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// <c>GET /api/generate/generation-events</c>: the status as Server-Sent Events (event <c>status</c>, id = version),
/// pushed on every change from the in-process feed, with a <c>:</c> heartbeat while idle. The stream stays open
/// after a run ends, since another may start from another tab or device.
/// </summary>
public static class GenerationEvents
{
    public const string EventType = "status";

    public static async Task<Results<ServerSentEventsResult<byte[]>, ProblemHttpResult>> StreamAsync(
        [FromQuery] Guid projectId,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        HttpContext http,
        StatusFeed feed,
        StatusLookup lookup,
        StatusJsonCache json,
        Operations.GenerationTelemetry telemetry,
        IOptions<LiveOptions> options,
        CancellationToken ct)
    {
        var userId = http.User.UserId();
        // Subscribe before reading the current status so that no change falls between the two.
        var subscription = feed.Subscribe(projectId);
        var current = await lookup.GetAsync(projectId, userId, ct);
        if (current is null)
        {
            subscription.Dispose();
            return ProjectProblems.NotFound(projectId);
        }

        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        var since = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
        return TypedResults.ServerSentEvents(Events(http, subscription, current, since, options.Value.HeartbeatInterval, json, telemetry, ct));
    }

    private static async IAsyncEnumerable<SseItem<byte[]>> Events(
        HttpContext http, StatusSubscription subscription, GenerationStatus current, long since, TimeSpan heartbeat,
        StatusJsonCache json, Operations.GenerationTelemetry telemetry, [EnumeratorCancellation] CancellationToken ct)
    {
        using var _ = subscription;
        telemetry.SseConnectionsChanged(1);
        using var closed = new Closed(() => telemetry.SseConnectionsChanged(-1));
        var sent = since;
        if (current.Version > sent)
        {
            sent = current.Version;
            yield return Item(current, json);
        }

        while (!ct.IsCancellationRequested)
        {
            GenerationStatus? next = null;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                wait.CancelAfter(heartbeat);
                try
                {
                    if (await subscription.Reader.WaitToReadAsync(wait.Token))
                    {
                        subscription.Reader.TryRead(out next);
                    }
                    else
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // idle: fall through to the heartbeat
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }
            }

            if (next is null)
            {
                // A comment line between events: EventSource ignores it, proxies see traffic. The formatter
                // flushes after each event, so writing here, between two events, keeps the stream well-formed.
                await http.Response.WriteAsync(": heartbeat\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
            }
            else if (next.Version > sent)
            {
                sent = next.Version;
                yield return Item(next, json);
            }
        }
    }

    private sealed class Closed(Action onClose) : IDisposable
    {
        public void Dispose() => onClose();
    }

    // The data is the status as UTF-8 JSON, serialized once per version and shared by every subscriber (StatusJsonCache);
    // the framework writes byte[] data as it is.
    private static SseItem<byte[]> Item(GenerationStatus status, StatusJsonCache json) =>
        new(json.Of(status), EventType) { EventId = status.Version.ToString(CultureInfo.InvariantCulture) };
}
