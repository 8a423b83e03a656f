using System.Net;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Live;

/// <summary>The SSE stream: wire format, order, reconnect, heartbeat, auth.</summary>
public abstract class GenerationEventsTests(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    private FunnelcraftApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?>
    {
        ["Writer:Offline:StepDelay"] = "00:00:00.040",
        ["Live:HeartbeatInterval"] = "00:00:00.200",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Every_step_transition_arrives_in_order_with_increasing_ids()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        using var stream = await SseClient.ConnectAsync(api.Http, projectId);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no", stream.Headers.GetValues("X-Accel-Buffering").Single());

        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        var events = await SseClient.CollectAsync(stream, s => s.RunStatus == RunStatus.Completed);

        Assert.All(events, e => Assert.Equal("status", e.Type));
        var ids = events.Select(e => long.Parse(e.Id!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(events, e => Assert.Equal(e.Id, e.Status.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var step in StepCatalog.Numbers)
        {
            var seen = events.Where(e => e.Status.Progress.Count > 0)
                .Select(e => e.Status.Progress.Single(p => p.Step == step).Status)
                .Aggregate(new List<string>(), (list, s) => { if (list.Count == 0 || list[^1] != s) { list.Add(s); } return list; });
            Assert.Equal([StepStatus.InProgress, StepStatus.Completed], seen.Where(s => s != StepStatus.Pending));
        }
    }

    [Fact]
    public async Task Reconnecting_with_an_old_Last_Event_ID_sends_the_current_status_at_once()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var done = await api.GenerateAsync(projectId);

        using var stream = await SseClient.ConnectAsync(api.Http, projectId, lastEventId: "1");
        var first = (await SseClient.CollectAsync(stream, _ => true)).Single();

        Assert.Equal(done.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), first.Id);
        Assert.Equal(RunStatus.Completed, first.Status.RunStatus);
    }

    [Fact]
    public async Task An_up_to_date_client_gets_heartbeats_and_no_repeat()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var done = await api.GenerateAsync(projectId);

        using var stream = await SseClient.ConnectAsync(api.Http, projectId, lastEventId: done.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var first = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal(": heartbeat", first);
    }

    [Fact]
    public async Task The_stream_stays_open_after_a_run_and_carries_the_next_one()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        using var stream = await SseClient.ConnectAsync(api.Http, projectId);
        Guid? firstRunId = null;
        // Read as a browser does, while the runs happen: latest-wins delivery keeps only the newest status for a reader that falls behind.
        var reading = SseClient.CollectAsync(stream, s => firstRunId is not null && s.RunId != firstRunId && s.RunStatus == RunStatus.Completed);
        var first = await api.GenerateAsync(projectId);
        firstRunId = first.RunId;

        var second = await api.StartAsync(projectId, regenerate: true);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var events = await reading;

        Assert.Contains(events, e => e.Status.RunId == first.RunId && e.Status.RunStatus == RunStatus.Completed);
        Assert.Equal(1, events[^1].Status.RegenerationCount);
    }

    [Fact]
    public async Task Another_users_project_answers_404()
    {
        using var owner = await _app.Client().SignUpAsync();
        var projectId = await owner.ProjectWithIntakeAsync();
        using var stranger = await _app.Client().SignUpAsync();

        using var response = await SseClient.ConnectAsync(stranger.Http, projectId);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
    }
}

public sealed class GenerationEventsTestsOnSqlite(PostgresCluster cluster) : GenerationEventsTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class GenerationEventsTestsOnPostgres(PostgresCluster cluster) : GenerationEventsTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
