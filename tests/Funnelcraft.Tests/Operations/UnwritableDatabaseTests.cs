using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Funnelcraft.Tests.Operations;

/// <summary>
/// A database that cannot be written — a SQLite file made immutable, a PostgreSQL database turned read-only as a standby
/// is — answers every write with 503 problem details and Retry-After (not a bare 500), readiness says so, and writes
/// work again as soon as the database does.
/// </summary>
public abstract class UnwritableDatabaseTests(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    protected FunnelcraftApp App { get; private set; } = null!;

    protected PostgresCluster Cluster => cluster;

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            cluster.EnsureAvailable();
        }

        App = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?> { ["Roles:Worker"] = "false" });
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    /// <summary>Makes the database refuse writes (true) or take them again (false).</summary>
    protected abstract Task SetWritableAsync(bool writable);

    [Fact]
    public async Task Writes_answer_503_with_Retry_After_and_readiness_fails_until_the_database_takes_writes_again()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        using var http = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        await SetWritableAsync(false);
        try
        {
            var project = await api.Http.PostAsJsonAsync("/api/projects", new { name = "While read-only" });
            var intake = await api.Http.PostAsJsonAsync($"/api/projects/{projectId}/intakes",
                new { method = "form", businessName = "Acme", targetAudience = "founders", mainProblem = "no leads" });
            using var anonymous = App.CreateClient();
            var register = await anonymous.PostAsJsonAsync("/api/auth/register", new { email = $"late-{Guid.NewGuid():N}@example.com", password = "Passw0rd!x" });
            var ready = await http.GetAsync("/health/ready");

            foreach (var response in new[] { project, intake, register })
            {
                var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.ServiceUnavailable);
                Assert.Equal("Service unavailable", problem.GetProperty("title").GetString());
                Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            var checks = (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            Assert.Equal("Unhealthy", checks.GetProperty("writable").GetProperty("status").GetString());
        }
        finally
        {
            await SetWritableAsync(true);
        }

        Assert.Equal(HttpStatusCode.Created, (await api.Http.PostAsJsonAsync("/api/projects", new { name = "Writable again" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
    }
}

public sealed class UnwritableDatabaseTestsOnSqlite(PostgresCluster cluster) : UnwritableDatabaseTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;

    /// <summary>
    /// <c>chattr +i</c> on the database file (as root), then new connections: SQLite opens an immutable file read-only and
    /// refuses every write with SQLITE_READONLY. (Not the shared-memory file: the process has it mapped, and a write to a
    /// mapped page of an immutable file is a SIGBUS, not an error.)
    /// </summary>
    protected override async Task SetWritableAsync(bool writable)
    {
        var file = new SqliteConnectionStringBuilder(App.Database.ConnectionString).DataSource;
        using (var chattr = Process.Start(new ProcessStartInfo("chattr", [writable ? "-i" : "+i", file]) { RedirectStandardError = true })!)
        {
            await chattr.WaitForExitAsync();
            if (chattr.ExitCode != 0)
            {
                Assert.Skip($"chattr could not make {file} immutable (it needs root and CAP_LINUX_IMMUTABLE): {await chattr.StandardError.ReadToEndAsync()}");
            }
        }

        if (!writable)
        {
            SqliteConnection.ClearAllPools(); // connections opened from now on see the file as it is
        }
    }
}

public sealed class UnwritableDatabaseTestsOnPostgres(PostgresCluster cluster) : UnwritableDatabaseTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;

    /// <summary>The database made read-only and its sessions cut, as after a failover to a standby: every write fails with 25006.</summary>
    protected override async Task SetWritableAsync(bool writable)
    {
        var database = new NpgsqlConnectionStringBuilder(App.Database.ConnectionString).Database;
        await using var admin = new NpgsqlConnection(Cluster.AdminConnectionString);
        await admin.OpenAsync();
        await using var alter = new NpgsqlCommand($"ALTER DATABASE \"{database}\" SET default_transaction_read_only = {(writable ? "off" : "on")}", admin);
        await alter.ExecuteNonQueryAsync();
        await using var cut = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @database AND pid <> pg_backend_pid()", admin);
        cut.Parameters.AddWithValue("database", database!);
        await cut.ExecuteNonQueryAsync();
    }
}
