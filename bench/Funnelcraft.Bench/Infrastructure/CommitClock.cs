using System.Collections.Concurrent;
using System.Diagnostics;
using Funnelcraft.Data;
using Funnelcraft.Generation;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// Records <see cref="Stopwatch.GetTimestamp"/> just before each status change commits (the notifier is the last
/// thing a change does before <c>COMMIT</c>; a batched change is stamped one round trip earlier, so its delivery time
/// is, if anything, overstated). On Linux the timestamp is CLOCK_MONOTONIC, shared by every process on
/// the machine, so a client in another process can subtract it from its own receive time.
/// </summary>
public sealed class CommitClock
{
    private readonly ConcurrentDictionary<(Guid ProjectId, long Version), long> _commits = new();

    public IStatusChangeNotifier Wrap(IStatusChangeNotifier inner) => new Notifier(inner, this);

    public bool TryGet(Guid projectId, long version, out long timestamp) => _commits.TryGetValue((projectId, version), out timestamp);

    public IReadOnlyList<Commit> All() => [.. _commits.Select(kv => new Commit(kv.Key.ProjectId, kv.Key.Version, kv.Value))];

    public void Clear() => _commits.Clear();

    public sealed record Commit(Guid ProjectId, long Version, long Timestamp);

    private sealed class Notifier(IStatusChangeNotifier inner, CommitClock clock) : IStatusChangeNotifier
    {
        public async Task BeforeCommitAsync(AppDbContext db, Guid projectId, long version, CancellationToken cancellationToken)
        {
            await inner.BeforeCommitAsync(db, projectId, version, cancellationToken);
            clock._commits[(projectId, version)] = Stopwatch.GetTimestamp();
        }

        // A batched change (the executor's) sends its statements and then commits: stamped as the batch is built, one round trip earlier.
        public void AddTo(SqlBatch batch, Guid projectId, long version)
        {
            inner.AddTo(batch, projectId, version);
            clock._commits[(projectId, version)] = Stopwatch.GetTimestamp();
        }
    }
}
