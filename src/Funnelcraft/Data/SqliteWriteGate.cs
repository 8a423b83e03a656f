namespace Funnelcraft.Data;

/// <summary>
/// SQLite lets one connection write at a time, and a writer that finds the lock taken does not queue: it gets
/// SQLITE_BUSY and Microsoft.Data.Sqlite retries it after a sleep. Status changes (several per second per run, from
/// parallel steps) therefore queue here, in process, instead of colliding in the database. PostgreSQL: no gate.
/// </summary>
public sealed class SqliteWriteGate(DatabaseInfo database) : IDisposable
{
    private readonly SemaphoreSlim? _gate = database.Kind == DatabaseKind.Sqlite ? new SemaphoreSlim(1, 1) : null;

    /// <summary>Waits for the gate (at once on PostgreSQL); dispose the result to leave it.</summary>
    public async ValueTask<Lease> EnterAsync(CancellationToken cancellationToken)
    {
        if (_gate is not null)
        {
            await _gate.WaitAsync(cancellationToken);
        }

        return new Lease(_gate);
    }

    public void Dispose() => _gate?.Dispose();

    public readonly struct Lease(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
