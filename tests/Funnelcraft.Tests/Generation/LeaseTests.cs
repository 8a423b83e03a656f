using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        var store = app.Services.GetRequiredService<GenerationStore>();

        var first = await leases.ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None);
        Assert.NotNull(first);
        Assert.Null(await leases.ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None)); // held: nothing to claim
        var state = await StateAsync(app, first, projectId);
        Assert.Equal(first.Owner, state.Run.LeaseOwner);

        await ExpireAsync(app, first.RunId);
        Assert.Null(await leases.ClaimNextAsync(new HashSet<Guid> { first.RunId }, CancellationToken.None)); // a run this node still runs is left alone
        var second = await leases.ClaimNextAsync(new HashSet<Guid>(), CancellationToken.None);

        Assert.NotNull(second);
        Assert.Equal(first.RunId, second.RunId);
        Assert.NotEqual(first.Owner, second.Owner);
        Assert.False(await leases.RenewAsync(first, CancellationToken.None));
        Assert.True(await leases.RenewAsync(second, CancellationToken.None));

        var versionBefore = state.Version;
        var stale = await store.RecordAsync(state, first.Owner, edit => edit.Step(StepCatalog.Offer).Detail = "stale", CancellationToken.None);
        Assert.Null(stale);
        await using var db = app.NewDbContext();
        var run = await db.Runs.Include(r => r.Steps).AsNoTracking().SingleAsync(r => r.Id == first.RunId);
        Assert.Equal(second.Owner, run.LeaseOwner);
        Assert.DoesNotContain(run.Steps, s => s.Detail == "stale");
        var version = await db.Projects.Where(p => p.Id == projectId).Select(p => p.StatusVersion).SingleAsync();
        Assert.Equal(versionBefore, version); // the refused change was rolled back, version bump included

        var current = await store.RecordAsync(await StateAsync(app, second, projectId), second.Owner, edit => edit.Step(StepCatalog.Offer).Detail = "current", CancellationToken.None);
        Assert.NotNull(current);
        Assert.Equal("current", (await db.Runs.Include(r => r.Steps).AsNoTracking().SingleAsync(r => r.Id == first.RunId)).Steps.Single(s => s.Step == StepCatalog.Offer).Detail);
    }

    private static async Task<RunState> StateAsync(FunnelcraftApp app, RunLeases.Claim claim, Guid projectId)
    {
        await using var db = app.NewDbContext();
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId);
        var run = await db.Runs.Include(r => r.Steps).AsNoTracking().SingleAsync(r => r.Id == claim.RunId);
        return RunState.Of(project, run);
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
