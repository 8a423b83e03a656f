namespace Funnelcraft.Testing;

/// <summary>A fresh, empty database for one test app: a temporary SQLite file, or a new database in the throwaway cluster.</summary>
public sealed record TestDatabase(DatabaseKind Kind, string ConnectionString) : IDisposable
{
    /// <summary>True for a second app on the same database: it leaves the file to the first.</summary>
    public bool Borrowed { get; set; }

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, PostgresCluster cluster) => kind switch
    {
        DatabaseKind.Postgres => new TestDatabase(kind, await cluster.CreateDatabaseAsync()),
        _ => Sqlite(),
    };

    /// <summary>A new temporary SQLite file (created by the app's migrations; deleted on dispose).</summary>
    public static TestDatabase Sqlite(string prefix = "funnelcraft-test") =>
        new(DatabaseKind.Sqlite, $"Data Source={Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db")}");

    public string Provider => Kind == DatabaseKind.Postgres ? "Postgres" : "Sqlite";

    /// <summary>Runs a query straight on the database (no app involved) and returns its rows.</summary>
    public async Task<List<object[]>> QueryAsync(string sql)
    {
        await using System.Data.Common.DbConnection connection = Kind == DatabaseKind.Postgres
            ? new Npgsql.NpgsqlConnection(ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        if (Kind == DatabaseKind.Postgres && !Borrowed)
        {
            // Give the connections back to the server now, not when the pool prunes them.
            using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (Kind == DatabaseKind.Sqlite && !Borrowed)
        {
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
                    // still open by a pool; the temp folder is cleaned by the OS
                }
            }
        }
    }
}
