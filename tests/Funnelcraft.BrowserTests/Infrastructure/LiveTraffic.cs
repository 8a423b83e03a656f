using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// Counts, on the server, the open SSE streams (generation-events) and the status polls (generation-status), so a
/// test can check that a whole browser holds one stream, and that polling takes over when SSE is blocked.
/// Waiting is event-driven: every change completes the pending wait.
/// </summary>
public sealed class LiveTraffic
{
    private readonly Lock _lock = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _open;
    private int _maxOpen;
    private int _streamsOpened;
    private int _polls;

    public int OpenStreams { get { lock (_lock) { return _open; } } }
    public int MaxOpenStreams { get { lock (_lock) { return _maxOpen; } } }
    public int StreamsOpened { get { lock (_lock) { return _streamsOpened; } } }
    public int StatusPolls { get { lock (_lock) { return _polls; } } }

    /// <summary>Starts measuring the maximum afresh from the streams open now.</summary>
    public void ResetMax()
    {
        lock (_lock)
        {
            _maxOpen = _open;
        }
    }

    public async Task WaitUntilAsync(Func<LiveTraffic, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_lock)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting for {what} (open streams {OpenStreams}, max {MaxOpenStreams}, polls {StatusPolls}).");
            }
        }
    }

    private void Change(Action change)
    {
        TaskCompletionSource old;
        lock (_lock)
        {
            change();
            old = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        old.TrySetResult();
    }

    /// <summary>Installs the counting middleware at the very start of the app's pipeline.</summary>
    internal sealed class Filter(LiveTraffic traffic) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, nextMiddleware) =>
            {
                var path = http.Request.Path;
                if (path.Equals("/api/generate/generation-events", StringComparison.OrdinalIgnoreCase))
                {
                    traffic.Change(() =>
                    {
                        traffic._open++;
                        traffic._streamsOpened++;
                        traffic._maxOpen = Math.Max(traffic._maxOpen, traffic._open);
                    });
                    try
                    {
                        await nextMiddleware(http);
                    }
                    finally
                    {
                        traffic.Change(() => traffic._open--);
                    }

                    return;
                }

                if (path.Equals("/api/generate/generation-status", StringComparison.OrdinalIgnoreCase))
                {
                    traffic.Change(() => traffic._polls++);
                }

                await nextMiddleware(http);
            });
            next(app);
        };
    }
}
