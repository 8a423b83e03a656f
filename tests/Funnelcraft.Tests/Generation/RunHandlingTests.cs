using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Worker;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Generation;

/// <summary>
/// Who runs a run, and how its writer copes with changes made beside it: a start queues the run and wakes its node's
/// worker, which claims it when it has a free slot; a node without a worker, or with every slot taken, leaves it
/// queued for any node; a change to the project made while the run is written (a restore) does not lose either side.
/// </summary>
public abstract class RunHandlingTests(PostgresCluster cluster)
{
    protected abstract DatabaseKind Kind { get; }

    [Fact]
    public async Task A_run_started_on_a_node_with_a_free_slot_is_claimed_by_its_worker()
    {
        var writer = new ScriptedWriter();
        writer.Hold("offer");
        await using var app = await FunnelcraftApp.StartAsync(Kind, cluster, services: writer.Install);
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);

        await writer.Waiting("offer"); // the worker claimed the run and writes it
        var run = await RunAsync(app, projectId);
        Assert.StartsWith(app.Services.GetRequiredService<WorkerIdentity>().Name + "#", run.LeaseOwner);
        Assert.NotNull(run.LeaseExpiresAt);
        writer.Release("offer");
        var done = await app.WaitForAsync(projectId, FunnelcraftApp.Finished);
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.Null((await RunAsync(app, projectId)).LeaseOwner); // a finished run holds no lease
        await Invariants.AssertHoldAsync(app, projectId);
    }

    [Fact]
    public async Task A_node_without_a_worker_leaves_the_run_queued_for_any_node()
    {
        await using var app = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?> { ["Roles:Worker"] = "false" });
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var started = await api.StartAsync(projectId);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await RunAsync(app, projectId);
        Assert.Equal(RunStatus.Queued, run.Status);
        Assert.Null(run.LeaseOwner);
        Assert.NotNull(await app.Services.GetRequiredService<RunLeases>().ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None)); // any worker can take it
    }

    [Fact]
    public async Task A_node_with_every_slot_taken_queues_the_next_run_and_claims_it_when_a_slot_frees()
    {
        var writer = new ScriptedWriter();
        writer.Hold("offer");
        await using var app = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?> { ["Generation:MaxConcurrentRuns"] = "1" }, writer.Install);
        using var api = await app.Client().SignUpAsync();
        var first = await api.ProjectWithIntakeAsync("First Co");
        var second = await api.ProjectWithIntakeAsync("Second Co");
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(first)).StatusCode);
        await writer.Waiting("offer");

        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(second)).StatusCode);

        var queued = await RunAsync(app, second);
        Assert.Equal(RunStatus.Queued, queued.Status);
        Assert.Null(queued.LeaseOwner); // no slot here: not promised to this node
        Assert.Equal(1, app.Services.GetRequiredService<GenerationWorker>().Executing);
        writer.Release("offer");
        Assert.Equal(RunStatus.Completed, (await app.WaitForAsync(first, FunnelcraftApp.Finished)).RunStatus);
        Assert.Equal(RunStatus.Completed, (await app.WaitForAsync(second, FunnelcraftApp.Finished)).RunStatus);
        Assert.Equal(2, writer.Calls("offer")); // each run wrote its offer once, one after the other
        await Invariants.AssertHoldAsync(app, first);
        await Invariants.AssertHoldAsync(app, second);
    }

    [Fact]
    public async Task A_restore_made_while_a_run_is_written_is_kept_and_the_run_finishes()
    {
        var writer = new ScriptedWriter();
        await using var app = await FunnelcraftApp.StartAsync(Kind, cluster, services: writer.Install);
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        writer.Hold("followup");
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId, regenerate: true)).StatusCode);
        await writer.Waiting("followup");
        await app.WaitForAsync(projectId, s => s.Progress.Single(p => p.Step == StepCatalog.Offer).Status == StepStatus.Completed);

        // The run's writer holds the run in memory; this change of the project is not its own.
        var restore = await api.Http.PostAsync($"/api/projects/{projectId}/steps/offer/versions/1/restore", null);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var afterRestore = (await api.StatusAsync(projectId)).Version;
        writer.Release("followup");

        var done = await app.WaitForAsync(projectId, FunnelcraftApp.Finished);
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.True(done.Version > afterRestore);
        var offer = await VersionsAsync(api, projectId, "offer");
        var followup = await VersionsAsync(api, projectId, "followup");
        Assert.Equal([3, 2, 1], offer); // the run's 2, then the restore's 3
        Assert.Equal([2, 1], followup);
        Assert.Equal(3, (await api.StepAsync(projectId, "offer")).GetProperty("version").GetInt32());
        await Invariants.AssertHoldAsync(app, projectId);
    }

    private static async Task<GenerationRun> RunAsync(FunnelcraftApp app, Guid projectId)
    {
        await using var db = app.NewDbContext();
        return await db.Runs.AsNoTracking().Where(r => r.ProjectId == projectId).OrderByDescending(r => r.CreatedAt).FirstAsync();
    }

    private static async Task<int[]> VersionsAsync(ApiClient api, Guid projectId, string step)
    {
        var versions = await api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/{step}/versions");
        return [.. versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32())];
    }
}

public sealed class RunHandlingTestsOnSqlite(PostgresCluster cluster) : RunHandlingTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class RunHandlingTestsOnPostgres(PostgresCluster cluster) : RunHandlingTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
