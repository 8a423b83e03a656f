using System.Net;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Worker;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Live;

/// <summary>Two app nodes (separate hosts) on one PostgreSQL: changes cross nodes through NOTIFY/LISTEN.</summary>
public sealed class TwoNodeTests(PostgresCluster cluster)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Generation:LeaseDuration"] = "00:00:02",
        ["Generation:ReleaseLeaseOnShutdown"] = "false",
        ["Writer:Offline:StepDelay"] = "00:00:00.030",
    };

    [Fact]
    public async Task A_client_on_node_B_sees_every_change_of_a_run_on_node_A_and_B_finishes_it_when_A_dies()
    {
        var writerA = new ScriptedWriter();
        writerA.Hold("deck_structure", afterCalls: 2);
        var nodeA = await FunnelcraftApp.StartAsync(DatabaseKind.Postgres, cluster, Settings, writerA.Install);
        using var apiA = await nodeA.Client().SignUpAsync("two-nodes@example.com");
        var projectId = await apiA.ProjectWithIntakeAsync();
        var start = await apiA.StartAsync(projectId);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var midway = await nodeA.WaitForAsync(projectId, s => s.Progress.Single(p => p.Step == StepCatalog.Deck).Detail == "slides 20/60");
        var nodeAName = nodeA.Services.GetRequiredService<WorkerIdentity>().Name;

        // Node B starts after A holds the run; a client on B follows it.
        await using var nodeB = nodeA.Successor(Settings);
        using var apiB = nodeB.Client();
        apiB.Http.DefaultRequestHeaders.Authorization = apiA.Http.DefaultRequestHeaders.Authorization;
        using var stream = await SseClient.ConnectAsync(apiB.Http, projectId);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        var events = SseClient.CollectAsync(stream, s => s.RunStatus == RunStatus.Completed, TimeSpan.FromSeconds(90));
        await using (var db = nodeB.NewDbContext())
        {
            Assert.StartsWith(nodeAName + "#", (await db.Runs.SingleAsync(r => r.Id == midway.RunId)).LeaseOwner);
        }

        // A writes one more part, then dies holding the run (its other three parts still held).
        await writerA.Waiting("deck_structure", StepCatalog.DeckParts - 2);
        Assert.True(writerA.ReleaseOne("deck_structure"));
        await nodeA.WaitForAsync(projectId, s => s.Progress.Single(p => p.Step == StepCatalog.Deck).Detail == "slides 30/60");
        await nodeA.DisposeAsync();

        var seen = await events;
        var ids = seen.Select(e => e.Status.Version).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(seen, e => e.Status.Progress.Single(p => p.Step == StepCatalog.Deck).Detail == "slides 30/60"); // written on A
        var last = seen[^1].Status;
        Assert.Equal(RunStatus.Completed, last.RunStatus);
        Assert.Equal(midway.RunId, last.RunId);
        Assert.True(last.Progress.Single(p => p.Step == StepCatalog.Deck).Attempt >= 2); // resumed on B
        await using (var db = nodeB.NewDbContext())
        {
            Assert.All(await db.ContentVersions.Where(c => c.ProjectId == projectId).ToListAsync(), v => Assert.Equal(1, v.Version));
        }
    }

    [Fact]
    public async Task A_status_read_on_node_B_reflects_a_change_committed_on_node_A()
    {
        await using var nodeA = await FunnelcraftApp.StartAsync(DatabaseKind.Postgres, cluster, Settings);
        await using var nodeB = nodeA.Sibling(new Dictionary<string, string?>(Settings) { ["Roles:Worker"] = "false" });
        using var apiA = await nodeA.Client().SignUpAsync();
        var projectId = await apiA.ProjectWithIntakeAsync();
        using var apiB = nodeB.Client();
        apiB.Http.DefaultRequestHeaders.Authorization = apiA.Http.DefaultRequestHeaders.Authorization;
        var before = await apiB.StatusAsync(projectId); // B caches the idle status

        var done = await apiA.GenerateAsync(projectId);
        using var stream = await SseClient.ConnectAsync(apiB.Http, projectId, lastEventId: before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var first = (await SseClient.CollectAsync(stream, s => s.Version >= done.Version)).Last();

        Assert.Equal(done.Version, first.Status.Version);
        Assert.Equal(done.Version, (await apiB.StatusAsync(projectId)).Version);
    }

    [Fact]
    public async Task A_client_on_node_B_sees_the_previews_of_a_step_written_on_node_A_even_connecting_mid_step()
    {
        var settings = new Dictionary<string, string?>(Settings) { ["Writer:Offline:StepDelay"] = "00:00:06" };
        await using var nodeA = await FunnelcraftApp.StartAsync(DatabaseKind.Postgres, cluster, settings);
        await using var nodeB = nodeA.Sibling(new Dictionary<string, string?>(settings) { ["Roles:Worker"] = "false" });
        using var apiA = await nodeA.Client().SignUpAsync();
        var projectId = await apiA.ProjectWithIntakeAsync();
        using var apiB = nodeB.Client();
        apiB.Http.DefaultRequestHeaders.Authorization = apiA.Http.DefaultRequestHeaders.Authorization;
        await using var watching = await LiveEvents.OpenAsync(apiB.Http, projectId);

        Assert.Equal(HttpStatusCode.Accepted, (await apiA.StartAsync(projectId)).StatusCode);
        // Wait for a second preview of one attempt on B (B may fold several of A's previews into one: the latest wins).
        var counts = new Dictionary<(int Step, int Attempt), int>();
        var second = LiveEvents.Preview(await watching.WaitForAsync(e => LiveEvents.IsPreview(e) && LiveEvents.Preview(e) is var p
            && (counts[(p.Step, p.Attempt)] = counts.GetValueOrDefault((p.Step, p.Attempt)) + 1) == 2));
        var first = watching.Events.Where(LiveEvents.IsPreview).Select(LiveEvents.Preview).First(p => (p.Step, p.Attempt) == (second.Step, second.Attempt));

        // Previews of one attempt arrive on B in order, growing.
        var sameStep = watching.Events.Where(LiveEvents.IsPreview).Select(LiveEvents.Preview)
            .Where(p => (p.RunId, p.Step, p.Attempt) == (first.RunId, first.Step, first.Attempt)).ToList();
        Assert.True(sameStep.Count >= 2, $"{sameStep.Count} previews on B");
        Assert.Equal(sameStep.Select(p => p.Seq).Order(), sameStep.Select(p => p.Seq));
        Assert.All(sameStep.Zip(sameStep.Skip(1)), pair => PreviewDeliveryTests.AssertCurrent(pair.First, pair.Second));

        // A client arriving on B mid-step gets the whole preview so far at once, after the status.
        await using var newcomer = await LiveEvents.OpenAsync(apiB.Http, projectId);
        var got = await PreviewDeliveryTests.OpeningPreviewAsync(newcomer, first, afterStatus: true);
        if (got.Attempt == first.Attempt)
        {
            PreviewDeliveryTests.AssertCurrent(first, got);
        }

        var polled = await apiB.Http.GetAsync($"/api/projects/{projectId}/steps/{got.Step}/preview");
        Assert.True(polled.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{polled.StatusCode}"); // NotFound once the step has just finished
        await apiA.PostJsonAsync("/api/generate/cancel", new { projectId });
        await watching.RunEndedAsync();
    }
}
