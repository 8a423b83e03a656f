using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Funnelcraft.Accounts;
using Funnelcraft.Generation.Status;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// <c>GET /api/generate/generation-events</c>: the status as Server-Sent Events (event <c>status</c>, id = version),
/// pushed on every change from the in-process feed, with a <c>:</c> heartbeat while idle; while steps are being written,
/// their previews (event <c>preview</c>, no id: <see cref="StreamPreviews"/>) follow the status that shows them. The stream stays open
/// after a run ends, since another may start from another tab or device. The response headers go out at once, even
/// when there is nothing to send yet; <see cref="EventStreams"/> bounds the streams a user holds and drops slow readers.
/// </summary>
public static class GenerationEvents
{
    public const string EventType = "status";

    public static async Task<Results<ServerSentEventsResult<byte[]>, ProblemHttpResult>> StreamAsync(
        [FromQuery] Guid projectId,
        [FromHeader(Name = "Last-Event-ID")] string? lastEventId,
        HttpContext http,
        StatusFeed feed,
        PreviewHub previews,
        PreviewBoard board,
        StatusLookup lookup,
        StatusJsonCache json,
        EventStreams streams,
        Operations.GenerationTelemetry telemetry,
        IOptions<LiveOptions> options,
        CancellationToken ct)
    {
        var userId = http.User.UserId();
        // Subscribe before reading the current status (and previews) so that no change falls between the two. One wake-up
        // for both: a status or a preview is waiting.
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
        var subscription = feed.Subscribe(projectId, () => wake.Writer.TryWrite(true));
        var watch = previews.Watch(projectId, () => wake.Writer.TryWrite(true));
        var current = await lookup.GetAsync(projectId, userId, ct);
        if (current is null)
        {
            watch.Dispose();
            subscription.Dispose();
            return ProjectProblems.NotFound(projectId);
        }

        if (current.CurrentSteps.Count > 0)
        {
            await board.LoadAsync(projectId, ct); // another node may be writing: the whole preview so far, not only what comes next
        }

        http.Response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        var since = long.TryParse(lastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1;
        var stream = streams.Open(userId, http);
        var live = new Live(subscription, watch, wake.Reader, new StreamPreviews(previews, projectId));
        return TypedResults.ServerSentEvents(Events(http, live, stream, current, since, options.Value.HeartbeatInterval, json, telemetry, ct));
    }

    private static async IAsyncEnumerable<SseItem<byte[]>> Events(
        HttpContext http, Live live, EventStreams.Stream stream, GenerationStatus current, long since, TimeSpan heartbeat,
        StatusJsonCache json, Operations.GenerationTelemetry telemetry, [EnumeratorCancellation] CancellationToken ct)
    {
        using var _ = live;
        using var __ = stream;
        var subscription = live.Subscription;
        telemetry.SseConnectionsChanged(1);
        using var closed = new Closed(() => telemetry.SseConnectionsChanged(-1));
        var sent = since;
        if (current.Version > sent)
        {
            sent = current.Version;
            stream.BeginWrite();
            yield return Item(current, json);
            stream.EndWrite();
        }
        else
        {
            // Nothing to send until the next change: send the headers now, so the client sees its stream is open.
            await WriteAsync(http, stream, null, ct);
        }

        // The steps being written now: their current previews, right after the status.
        foreach (var preview in live.Previews.Due(current))
        {
            stream.BeginWrite();
            yield return preview;
            stream.EndWrite();
        }

        while (!ct.IsCancellationRequested)
        {
            GenerationStatus? next = null;
            var woken = false;
            using (var wait = CancellationTokenSource.CreateLinkedTokenSource(ct, stream.Closing))
            {
                wait.CancelAfter(heartbeat);
                try
                {
                    if (await live.Wake.WaitToReadAsync(wait.Token))
                    {
                        live.Wake.TryRead(out var woke);
                        woken = woke;
                        subscription.Reader.TryRead(out next);
                    }
                    else
                    {
                        yield break;
                    }
                }
                catch (OperationCanceledException) when (stream.Closing.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                    next = null; // closed to make room for a newer stream of the user's: say so, and end
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

            if (stream.Closing.IsCancellationRequested)
            {
                // A long retry, so the closed EventSource does not come straight back and close the next oldest.
                await WriteAsync(http, stream, $"retry: 60000\n: {stream.CloseReason}\n\n", ct);
                yield break;
            }

            if (!woken)
            {
                // A comment line between events: EventSource ignores it, proxies see traffic. The formatter
                // flushes after each event, so writing here, between two events, keeps the stream well-formed.
                await WriteAsync(http, stream, ": heartbeat\n\n", ct);
                continue;
            }

            if (next is not null && next.Version > sent)
            {
                sent = next.Version;
                current = next;
                stream.BeginWrite();
                yield return Item(next, json);
                stream.EndWrite();
            }

            foreach (var preview in live.Previews.Due(current))
            {
                stream.BeginWrite();
                yield return preview;
                stream.EndWrite();
            }
        }
    }

    /// <summary>Writes <paramref name="text"/> (nothing: only the headers, if not sent yet) between two events, watched as a write.</summary>
    private static async Task WriteAsync(HttpContext http, EventStreams.Stream stream, string? text, CancellationToken ct)
    {
        stream.BeginWrite();
        if (text is not null)
        {
            await http.Response.WriteAsync(text, ct);
        }

        await http.Response.Body.FlushAsync(ct);
        stream.EndWrite();
    }

    /// <summary>What one stream listens to: the project's statuses and previews, both waking <see cref="Wake"/>.</summary>
    private sealed record Live(StatusSubscription Subscription, IDisposable Watch, ChannelReader<bool> Wake, StreamPreviews Previews) : IDisposable
    {
        public void Dispose()
        {
            Watch.Dispose();
            Subscription.Dispose();
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
