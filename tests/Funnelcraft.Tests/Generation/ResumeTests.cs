using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Tests.Generation;

/// <summary>A worker that stops without any cleanup: another node resumes its run after the lease expires.</summary>
public abstract class ResumeTests(PostgresCluster cluster)
{
    protected abstract DatabaseKind Kind { get; }

    private static readonly Dictionary<string, string?> ShortLease = new()
    {
        ["Generation:LeaseDuration"] = "00:00:02",
        ["Generation:ReleaseLeaseOnShutdown"] = "false",
    };

    [Fact]
    public async Task A_run_whose_worker_stopped_without_cleanup_resumes_on_another_node_and_keeps_finished_steps()
    {
        var crashing = new ScriptedWriter();
        crashing.Hold("deck_structure", afterCalls: 2);
        var nodeA = await FunnelcraftApp.StartAsync(Kind, cluster, ShortLease, crashing.Install);
        var healthy = new ScriptedWriter();
        FunnelcraftApp nodeB;
        Guid projectId;
        GenerationStatus midway;
        await using (nodeA)
        {
            using var api = await nodeA.Client().SignUpAsync();
            projectId = await api.ProjectWithIntakeAsync();
            Assert.Equal(System.Net.HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
            midway = await nodeA.WaitForAsync(projectId, s =>
                s.Progress.Single(p => p.Step == StepCatalog.Deck).Detail == "slides 20/60"
                && s.CompletedSteps.Contains(StepCatalog.Offer));

            // Node B starts once A holds the run: any node's worker may claim a queued run, and B's could claim it first.
            nodeB = nodeA.Successor(ShortLease, healthy.Install);
        }

        await using var _ = nodeB;

        // Node A is gone; its lease on the run is left behind, as after a crash.
        var stoppedAt = DateTimeOffset.UtcNow;
        await using (var db = nodeB.NewDbContext())
        {
            var run = await db.Runs.SingleAsync(r => r.ProjectId == projectId);
            Assert.Equal(RunStatus.Running, run.Status);
            Assert.NotNull(run.LeaseOwner);
        }

        var done = await nodeB.WaitForAsync(projectId, s => s.RunId == midway.RunId && FunnelcraftApp.Finished(s));

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        var deck = done.Progress.Single(p => p.Step == StepCatalog.Deck);
        Assert.Equal(2, deck.Attempt);
        Assert.True(deck.StartedAt - stoppedAt < TimeSpan.FromSeconds(2 + 5), $"resumed at {deck.StartedAt}, node A stopped at {stoppedAt}");
        Assert.Equal(1, done.Progress.Single(p => p.Step == StepCatalog.Offer).Attempt);
        Assert.Equal(1, crashing.Calls("offer"));
        Assert.Equal(0, healthy.Calls("offer")); // the offer was not written again
        await using (var db = nodeB.NewDbContext())
        {
            var versions = await db.ContentVersions.Where(c => c.ProjectId == projectId).ToListAsync();
            Assert.Equal(7, versions.Count);
            Assert.All(versions, v => Assert.Equal(1, v.Version));
            var run = await db.Runs.SingleAsync(r => r.ProjectId == projectId);
            Assert.Null(run.LeaseOwner);
        }
    }
}

public sealed class ResumeTestsOnSqlite(PostgresCluster cluster) : ResumeTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class ResumeTestsOnPostgres(PostgresCluster cluster) : ResumeTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
