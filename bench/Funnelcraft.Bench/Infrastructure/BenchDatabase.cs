namespace Funnelcraft.Bench.Infrastructure;

/// <summary>A fresh database for one benchmark: a temporary SQLite file, or a new database in a throwaway cluster of its own.</summary>
public sealed record BenchDatabase(string Provider, string ConnectionString) : IAsyncDisposable
{
    private PostgresCluster? _cluster;
    private TestDatabase? _sqlite;

    public bool IsPostgres => Provider == "Postgres";

    /// <summary>CPU used by the database server so far (PostgreSQL); zero for SQLite, which runs inside the app.</summary>
    public TimeSpan ServerCpuTime() => _cluster?.CpuTime() ?? TimeSpan.Zero;

    public static async Task<BenchDatabase> CreateAsync(string kind)
    {
        if (string.Equals(kind, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = TestDatabase.Sqlite("funnelcraft-bench");
            return new BenchDatabase(sqlite.Provider, sqlite.ConnectionString) { _sqlite = sqlite };
        }

        var cluster = await PostgresCluster.StartAsync();
        return new BenchDatabase("Postgres", await cluster.CreateDatabaseAsync(pool: "Maximum Pool Size=100")) { _cluster = cluster };
    }

    public async ValueTask DisposeAsync()
    {
        _sqlite?.Dispose();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
