namespace Funnelcraft.Generation;

/// <summary>When the worker loop last ran; the readiness check reports a stuck worker.</summary>
public sealed class WorkerHeartbeat(TimeProvider time)
{
    private long _lastTicks = time.GetUtcNow().UtcTicks;

    public DateTimeOffset Last => new(Interlocked.Read(ref _lastTicks), TimeSpan.Zero);

    public void Beat() => Interlocked.Exchange(ref _lastTicks, time.GetUtcNow().UtcTicks);
}
