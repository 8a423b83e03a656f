using System.Threading.Channels;

namespace Funnelcraft.Generation.Worker;

/// <summary>Wakes this node's worker at once (a run was queued here, or a slot came free) instead of at its next poll.</summary>
public sealed class WorkerWakeUp
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Wake() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a wake-up or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (_channel.Reader.TryRead(out _))
        {
            return;
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, cts.Token);
        var wake = _channel.Reader.WaitToReadAsync(cts.Token).AsTask();
        await Task.WhenAny(delay, wake);
        await cts.CancelAsync();
        _channel.Reader.TryRead(out _);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
