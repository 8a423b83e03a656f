using Funnelcraft.Generation;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Worker;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Tests.Generation;

/// <summary>
/// Each claim of a run writes its own owner token: the holder of an earlier claim — on another node or on this one —
/// can neither renew the lease nor record a change once the run has been claimed again.
/// </summary>
public abstract class LeaseTests(PostgresCluster cluster)
{
    protected abstract DatabaseKind Kind { get; }

    [Fact]
    public async Task A_second_claim_by_the_same_worker_fences_out_the_first()
    {
        // No worker: the test claims the run itself, twice, with this node's identity.
        await using var app = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?> { ["Roles:Worker"] = "false" });
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var leases = app.Services.GetRequiredService<RunLeases>();
        var changes = app.Services.GetRequiredService<RunChanges>();
        var options = app.Services.GetRequiredService<IOptions<GenerationOptions>>().Value;

        var first = (await leases.ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None))?.Claim;
        Assert.NotNull(first);
        Assert.Null(await leases.ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None)); // held: nothing to claim
        Assert.Equal(first.Owner, (await RunAsync(app, first.RunId)).LeaseOwner);

        await ExpireAsync(app, first.RunId);
        Assert.Null(await leases.ClaimNextAsync(new HashSet<Guid> { first.RunId }, CancellationToken.None)); // a run this node still runs is left alone
        var second = (await leases.ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None))?.Claim;

        Assert.NotNull(second);
        Assert.Equal(first.RunId, second.RunId);
        Assert.NotEqual(first.Owner, second.Owner);
        Assert.False(await leases.RenewAsync(first, CancellationToken.None));
        Assert.True(await leases.RenewAsync(second, CancellationToken.None));

        // A report of the offer's current attempt: only the lease decides whether it is taken.
        var attempt = (await RunAsync(app, first.RunId)).Steps.Single(s => s.Step == StepCatalog.Offer).Attempt;
        StepReport Report(string detail) => new StepReport.Progress(StepCatalog.Offer, attempt, detail, 10);
        var versionBefore = await VersionAsync(app, projectId);
        var stale = await changes.MakeAsync(projectId, new RecordReports(first, [Report("stale")], new HashSet<int>(), options), CancellationToken.None);
        Assert.Null(stale.Value);
        var run = await RunAsync(app, first.RunId);
        Assert.Equal(second.Owner, run.LeaseOwner);
        Assert.DoesNotContain(run.Steps, s => s.Detail == "stale");
        Assert.Equal(versionBefore, await VersionAsync(app, projectId)); // the refused change wrote nothing, version bump included

        var current = await changes.MakeAsync(projectId, new RecordReports(second, [Report("current")], new HashSet<int>(), options), CancellationToken.None);
        Assert.NotNull(current.Value);
        Assert.Equal("current", (await RunAsync(app, first.RunId)).Steps.Single(s => s.Step == StepCatalog.Offer).Detail);
    }

    private static async Task<GenerationRun> RunAsync(FunnelcraftApp app, Guid runId)
    {
        await using var db = app.NewDbContext();
        return await db.Runs.Include(r => r.Steps).AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    private static async Task<long> VersionAsync(FunnelcraftApp app, Guid projectId)
    {
        await using var db = app.NewDbContext();
        return await db.Projects.Where(p => p.Id == projectId).Select(p => p.StatusVersion).SingleAsync();
    }

    private static async Task ExpireAsync(FunnelcraftApp app, Guid runId)
    {
        await using var db = app.NewDbContext();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1);
        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, past));
    }
}

public sealed class LeaseTestsOnSqlite(PostgresCluster cluster) : LeaseTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class LeaseTestsOnPostgres(PostgresCluster cluster) : LeaseTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
