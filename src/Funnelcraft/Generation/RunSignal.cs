using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Funnelcraft.Generation;

/// <summary>Wakes this node's worker at once when a run is queued here, instead of waiting for its next poll.</summary>
public sealed class RunSignal
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

/// <summary>The runs this node executes now, so that a cancel made here stops their writer calls at once.</summary>
public sealed class ActiveRuns
{
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> _runs = new();

    public int Count => _runs.Count;

    public void Add(Guid runId, CancellationTokenSource cts) => _runs[runId] = cts;

    public void Remove(Guid runId) => _runs.TryRemove(runId, out _);

    public void Cancel(Guid runId)
    {
        if (_runs.TryGetValue(runId, out var cts))
        {
            try
            {
                cts.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the run ended meanwhile
            }
        }
    }
}

/// <summary>This node's name in leases.</summary>
public sealed record WorkerIdentity(string Name)
{
    public static WorkerIdentity Create() =>
        new($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
}
