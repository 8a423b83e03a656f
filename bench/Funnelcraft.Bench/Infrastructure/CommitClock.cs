using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Funnelcraft.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// Records <see cref="Stopwatch.GetTimestamp"/> just before each status change commits: an EF Core interceptor on the
/// commit of every transaction that moves a project's status version. On Linux the timestamp is CLOCK_MONOTONIC, shared
/// by every process on the machine, so a client in another process can subtract it from its own receive time.
/// </summary>
public sealed class CommitClock : DbTransactionInterceptor
{
    private readonly ConcurrentDictionary<(Guid ProjectId, long Version), long> _commits = new();

    public bool TryGet(Guid projectId, long version, out long timestamp) => _commits.TryGetValue((projectId, version), out timestamp);

    public IReadOnlyList<Commit> All() => [.. _commits.Select(kv => new Commit(kv.Key.ProjectId, kv.Key.Version, kv.Value))];

    public void Clear() => _commits.Clear();

    public sealed record Commit(Guid ProjectId, long Version, long Timestamp);

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        Stamp(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        Stamp(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Stamp(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var project in context.ChangeTracker.Entries<FunnelProject>().Where(e => e.Property(p => p.StatusVersion).IsModified))
        {
            _commits[(project.Entity.Id, project.Entity.StatusVersion)] = now;
        }
    }
}
