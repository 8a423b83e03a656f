namespace Funnelcraft.Writers.Streaming;

/// <summary>
/// Sends the previews of one step while it is written: told that something new was written (<see cref="Changed"/>,
/// cheap, from any thread), it makes a preview of the newest content at once, or when <see cref="StepPreview.Interval"/>
/// has passed since the last one — so changes in between are folded into the next preview (the latest wins), never
/// queued. Previews are sent one at a time, numbered from 1, and only when the content differs from the last one
/// sent. It runs beside the write (<see cref="TaskGroup"/>) until <see cref="Complete"/>; a preview whose delivery
/// throws ends it with that exception, which stops the write.
/// </summary>
internal sealed class PreviewFeed(Func<StepPreview, Task> deliver, Func<string?> render, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _changed = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private int _pending;
    private long _seq;
    private string? _last;

    /// <summary>Something new was written.</summary>
    public void Changed()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _changed.Release();
        }
    }

    /// <summary>The write ended: no more previews (the content itself follows, or the attempt failed).</summary>
    public void Complete() => _stop.Cancel();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        long? lastSentAt = null;
        try
        {
            while (true)
            {
                await _changed.WaitAsync(running.Token);
                if (lastSentAt is { } sentAt && StepPreview.Interval - time.GetElapsedTime(sentAt) is var wait && wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, running.Token);
                }

                // Changes from here on signal the next round; this one shows everything written until now.
                Interlocked.Exchange(ref _pending, 0);

                var json = render();
                if (json is null || json == _last)
                {
                    continue;
                }

                (_last, lastSentAt) = (json, time.GetTimestamp());
                await deliver(new StepPreview(Interlocked.Increment(ref _seq), json));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // the write ended
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _changed.Dispose();
    }
}
