using Funnelcraft.Data;

namespace Funnelcraft.Generation;

/// <summary>Announces a status change to other nodes inside the change's transaction (PostgreSQL NOTIFY).</summary>
public interface IStatusChangeNotifier
{
    Task BeforeCommitAsync(AppDbContext db, Guid projectId, long version, CancellationToken cancellationToken);
}

/// <summary>One node (SQLite): nobody else to tell.</summary>
public sealed class NoStatusChangeNotifier : IStatusChangeNotifier
{
    public Task BeforeCommitAsync(AppDbContext db, Guid projectId, long version, CancellationToken cancellationToken) => Task.CompletedTask;
}
