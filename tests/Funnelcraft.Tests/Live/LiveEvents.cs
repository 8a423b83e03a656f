using System.Text.Json.Nodes;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Tests.Live;

/// <summary>
/// One <c>generation-events</c> stream read in the background, every event kept in order (statuses and previews), so a
/// test can wait for an event and then look at what came before it.
/// </summary>
internal sealed class LiveEvents : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SseClient.RawEvent> _events = [];
    private readonly List<(Func<SseClient.RawEvent, bool> Predicate, TaskCompletionSource<SseClient.RawEvent> Done)> _waits = [];
    private readonly Task _reading;

    private LiveEvents(HttpResponseMessage response)
    {
        _response = response;
        _reading = ReadAsync();
    }

    public static async Task<LiveEvents> OpenAsync(HttpClient http, Guid projectId, string? lastEventId = null)
    {
        var response = await SseClient.ConnectAsync(http, projectId, lastEventId);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new LiveEvents(response);
    }

    public IReadOnlyList<SseClient.RawEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>The first event (already received or still to come) that satisfies <paramref name="predicate"/>.</summary>
    public Task<SseClient.RawEvent> WaitForAsync(Func<SseClient.RawEvent, bool> predicate, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<SseClient.RawEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_events)
        {
            if (_events.FirstOrDefault(predicate) is { } seen)
            {
                return Task.FromResult(seen);
            }

            _waits.Add((predicate, done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(90));
    }

    public Task<SseClient.RawEvent> WaitForStatusAsync(Func<GenerationStatus, bool> predicate, TimeSpan? timeout = null) =>
        WaitForAsync(e => IsStatus(e) && predicate(SseClient.Parse(e.Data)), timeout);

    public Task<SseClient.RawEvent> RunEndedAsync() => WaitForStatusAsync(s => s.RunId is not null && !RunStatus.IsActive(s.RunStatus!));

    public static bool IsStatus(SseClient.RawEvent e) => e.Type == "status";

    public static bool IsPreview(SseClient.RawEvent e) => e.Type == "preview";

    public static SseClient.PreviewEvent Preview(SseClient.RawEvent e) => SseClient.ParsePreview(e.Data);

    public static JsonNode Content(SseClient.RawEvent e) => JsonNode.Parse(Preview(e).Content.GetRawText())!;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reading;
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        try
        {
            await foreach (var e in SseClient.ReadEventsAsync(_response, _stop.Token))
            {
                lock (_events)
                {
                    _events.Add(e);
                    foreach (var wait in _waits.Where(w => w.Predicate(e)).ToList())
                    {
                        _waits.Remove(wait);
                        wait.Done.TrySetResult(e);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // the test closed the stream
        }
    }
}
