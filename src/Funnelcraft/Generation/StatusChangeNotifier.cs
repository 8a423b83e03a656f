using Funnelcraft.Data;

namespace Funnelcraft.Generation;

/// <summary>Announces a status change to other nodes inside the change's transaction (PostgreSQL NOTIFY).</summary>
public interface IStatusChangeNotifier
{
    Task BeforeCommitAsync(AppDbContext db, Guid projectId, long version, CancellationToken cancellationToken);

    /// <summary>The same announcement as a statement of a change's batch (delivered when the transaction commits).</summary>
    void AddTo(SqlBatch batch, Guid projectId, long version);
}

/// <summary>One node (SQLite): nobody else to tell.</summary>
public sealed class NoStatusChangeNotifier : IStatusChangeNotifier
{
    public Task BeforeCommitAsync(AppDbContext db, Guid projectId, long version, CancellationToken cancellationToken) => Task.CompletedTask;

    public void AddTo(SqlBatch batch, Guid projectId, long version)
    {
    }
}
