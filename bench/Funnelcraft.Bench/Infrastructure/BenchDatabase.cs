namespace Funnelcraft.Bench.Infrastructure;

/// <summary>A fresh database for one benchmark: a temporary SQLite file, or a new database in a throwaway cluster.</summary>
public sealed record BenchDatabase(string Provider, string ConnectionString) : IAsyncDisposable
{
    private PostgresCluster? _cluster;

    public bool IsPostgres => Provider == "Postgres";

    /// <summary>CPU used by the database server so far (PostgreSQL); zero for SQLite, which runs inside the app.</summary>
    public TimeSpan ServerCpuTime() => _cluster?.CpuTime() ?? TimeSpan.Zero;

    public static async Task<BenchDatabase> CreateAsync(string kind)
    {
        if (string.Equals(kind, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new BenchDatabase("Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"funnelcraft-bench-{Guid.NewGuid():N}.db")}");
        }

        var cluster = await PostgresCluster.StartAsync();
        return new BenchDatabase("Postgres", await cluster.CreateDatabaseAsync()) { _cluster = cluster };
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = ConnectionString["Data Source=".Length..];
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // still open; the temp folder is cleaned by the OS
            }
        }
    }
}
