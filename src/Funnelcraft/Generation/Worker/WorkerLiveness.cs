namespace Funnelcraft.Generation.Worker;

/// <summary>
/// When the worker's loop last went round, for the readiness check (a stuck worker makes the node unready). Not to be
/// confused with a run's lease renewal, which keeps one run claimed.
/// </summary>
public sealed class WorkerLiveness(TimeProvider time)
{
    private long _lastTicks = time.GetUtcNow().UtcTicks;

    public DateTimeOffset LastRound => new(Interlocked.Read(ref _lastTicks), TimeSpan.Zero);

    public void Round() => Interlocked.Exchange(ref _lastTicks, time.GetUtcNow().UtcTicks);
}
