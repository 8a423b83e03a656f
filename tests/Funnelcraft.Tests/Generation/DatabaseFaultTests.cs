using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Funnelcraft.Tests.Generation;

/// <summary>The database goes away or is locked mid-run: the app waits or reconnects, and the run finishes.</summary>
public sealed class DatabaseFaultTests(PostgresCluster shared)
{
    [Fact]
    public async Task PostgreSQL_restarted_mid_run_the_app_reconnects_and_the_run_finishes()
    {
        shared.EnsureAvailable();
        // A cluster of its own: restarting the shared one would break the tests running beside this one.
        await using var cluster = new PostgresCluster();
        await cluster.InitializeAsync();
        var writer = new ScriptedWriter();
        writer.Hold("deck_structure", afterCalls: 2);
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Postgres, cluster, new Dictionary<string, string?>
        {
            ["Generation:LeaseDuration"] = "00:00:02",
        }, writer.Install);
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var started = await api.StartAsync(projectId);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        await app.WaitForAsync(projectId, s => s.Progress.Single(p => p.Step == StepCatalog.Deck).Detail == "slides 20/60");

        await cluster.RestartAsync(); // immediate stop: every connection is cut
        writer.Release("deck_structure");

        var done = await app.WaitForAsync(projectId, s => s.RunStatus == RunStatus.Completed, TimeSpan.FromSeconds(90));
        Assert.All(done.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
        await Invariants.AssertHoldAsync(app, projectId);
    }

    [Fact]
    public async Task A_locked_SQLite_database_is_waited_for_and_the_run_finishes()
    {
        var writer = new ScriptedWriter();
        writer.Hold("deck_structure", afterCalls: 1);
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, shared, services: writer.Install);
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        await writer.Waiting("deck_structure");

        // Another connection takes the write lock, as another process would: every write of the app gets SQLITE_BUSY.
        await using (var locker = new SqliteConnection(app.Database.ConnectionString + ";Pooling=false"))
        {
            await locker.OpenAsync();
            await using var begin = locker.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE";
            await begin.ExecuteNonQueryAsync();
            // A change of the app may have committed just before the lock was taken and not be published yet: the
            // version committed under the lock is the one the app must show, now and all the while the lock is held.
            var committed = await CommittedVersionAsync(locker, projectId);
            await HubReachesAsync(app, projectId, committed);
            writer.Release("deck_structure");
            await writer.Returned("deck_structure", 2); // the app now has progress to record, and cannot

            await Task.Delay(TimeSpan.FromMilliseconds(500)); // how long the other process holds its lock (the fault, not a wait for the app)
            Assert.True(app.Feed.TryGet(projectId, out var during));
            Assert.Equal(committed, during.Status.Version); // nothing was written (or published) while locked
            Assert.Equal(committed, await CommittedVersionAsync(locker, projectId));
            await using var commit = locker.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        var done = await app.WaitForAsync(projectId, s => s.RunStatus is not null && !RunStatus.IsActive(s.RunStatus));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        await Invariants.AssertHoldAsync(app, projectId);
    }

    private static async Task<long> CommittedVersionAsync(SqliteConnection connection, Guid projectId)
    {
        await using var read = connection.CreateCommand();
        read.CommandText = "SELECT status_version FROM funnel_projects WHERE id = $id";
        read.Parameters.AddWithValue("$id", projectId.ToString().ToUpperInvariant()); // how EF Core stores a Guid in SQLite
        return (long)(await read.ExecuteScalarAsync() ?? throw new InvalidOperationException("No such project row."));
    }

    private static async Task HubReachesAsync(FunnelcraftApp app, Guid projectId, long version)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var subscription = app.Feed.Subscribe(projectId);
        var current = app.Feed.TryGet(projectId, out var snapshot) ? snapshot.Status.Version : 0;
        while (current < version)
        {
            current = Math.Max(current, (await subscription.Reader.ReadAsync(cts.Token)).Version);
        }
        Assert.Equal(version, current); // never ahead of what is committed
    }
}
