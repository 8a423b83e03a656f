using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Funnelcraft.Generation;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Tests.Deployment;

/// <summary>
/// Production as docs/deployment.md sets it up: two published nodes on one PostgreSQL behind nginx with the documented
/// site file, every request through the proxy. The node running a run is killed (SIGKILL) mid-run: the run finishes on
/// the other node, the live stream reconnects through nginx with Last-Event-ID and sees the end, and a token issued
/// before the kill still works.
/// </summary>
public sealed class BehindNginxTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_run_started_through_nginx_finishes_on_the_other_node_when_its_node_is_killed()
    {
        Nginx.EnsureAvailable();
        cluster.EnsureAvailable();
        var published = await PublishedApp.FolderAsync();
        using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres, cluster);
        using var folderA = new NodeFolder();
        using var folderB = new NodeFolder();
        // A run of some seconds (four per writer call: the test moves its stream and checks a token between the first
        // step's end and the kill, which takes seconds on a loaded machine), and a short lease so the other node resumes soon.
        Dictionary<string, string> Environment(NodeFolder folder) => new(folder.Environment(DatabaseKind.Postgres, database.ConnectionString))
        {
            ["Writer__Offline__StepDelay"] = "00:00:04",
            ["Generation__LeaseDuration"] = "00:00:03",
            ["Generation__PollInterval"] = "00:00:00.200",
            ["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1", // nginx, on this host
        };

        // One node first (it applies the migrations), then the second, as an upgrade does.
        await using var nodeA = await AppProcess.StartAsync(Environment(folderA), appDirectory: published);
        await using var nodeB = await AppProcess.StartAsync(Environment(folderB), appDirectory: published);
        foreach (var node in new[] { nodeA, nodeB })
        {
            await AssertStartupLineAsync(node, database);
        }

        await using var nginx = await Nginx.StartAsync([nodeA.Address, nodeB.Address]);
        using var api = ApiClient.For(nginx.Address);
        await api.SignUpAsync(); // register and log in through nginx
        var tokenBeforeKill = api.Token!;
        var projectId = await api.ProjectWithIntakeAsync();
        using var sse = ApiClient.NewHttp(nginx.Address, timeout: Timeout.InfiniteTimeSpan);
        sse.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));

        // The stream's first event (the current status, a few hundred bytes) arrives before anything else happens:
        // nginx passes events on as they are written instead of holding them until a buffer fills.
        var stream = await LiveStream.OpenAsync(sse, projectId, null, cts.Token);
        var idle = await stream.NextAsync(cts.Token);
        Assert.False(idle.IsGenerating);

        using var started = await api.StartAsync(projectId);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId;
        var midway = await stream.UntilAsync(s => s.RunId == runId && s.CompletedSteps.Count >= 1, cts.Token);
        Assert.True(midway.IsGenerating, "the run ended before the test could kill its node; slow the writer down");

        // Which node runs it (the lease owner names its process); the stream is moved to that node if it is not there.
        var owner = (string)(await database.QueryAsync($"SELECT lease_owner FROM generation_runs WHERE id = '{runId}'"))[0][0];
        var running = owner.Split(':')[1] == nodeA.ProcessId.ToString(CultureInfo.InvariantCulture) ? nodeA : nodeB;
        var survivor = running == nodeA ? nodeB : nodeA;
        for (var attempt = 0; stream.Node != running.Address.Authority; attempt++)
        {
            Assert.True(attempt < 6, $"nginx never sent the stream to {running.Address.Authority} (last: {stream.Node})");
            var previous = stream;
            await previous.DisposeAsync();
            stream = await LiveStream.OpenAsync(sse, projectId, previous, cts.Token);
        }

        using (var direct = new HttpClient { BaseAddress = survivor.Address })
        {
            // Before the kill: the token issued through nginx is accepted by both nodes.
            direct.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenBeforeKill);
            Assert.Equal(HttpStatusCode.OK, (await direct.GetAsync("/api/projects")).StatusCode);
        }

        Assert.True(stream.Last!.IsGenerating, "the run ended before the test could kill its node; slow the writer down");
        await running.KillAsync();

        // The stream dies with its node; the client reconnects through nginx with the last id it saw.
        await stream.DrainAsync(cts.Token);
        var seenBeforeKill = stream.LastId;
        var cut = stream;
        await cut.DisposeAsync();
        stream = await LiveStream.OpenAsync(sse, projectId, cut, cts.Token);
        Assert.Equal(survivor.Address.Authority, stream.Node);
        var events = new List<GenerationStatus>();
        GenerationStatus done;
        try
        {
            done = await stream.UntilAsync(s => s.RunId == runId && StatusWaits.Finished(s), cts.Token, events.Add);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException)
        {
            var run = await database.QueryAsync($"SELECT status, lease_owner, lease_expires_at, now() FROM generation_runs WHERE id = '{runId}'");
            var steps = await database.QueryAsync($"SELECT step, status, attempt FROM run_steps WHERE run_id = '{runId}' ORDER BY step");
            Assert.Fail($"The run did not finish on the other node. Run: {string.Join(" | ", run[0])}; steps: "
                + string.Join(", ", steps.Select(r => string.Join(' ', r))) + $"; events after reconnect: {events.Count}\n"
                + $"survivor:\n{string.Join('\n', survivor.Output.TakeLast(40))}\nnginx:\n{nginx.ErrorLog}");
            throw;
        }
        await stream.DisposeAsync();

        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.All(done.Progress, p => Assert.Equal("completed", p.Status));
        Assert.All(events, e => Assert.True(e.Version > long.Parse(seenBeforeKill!, CultureInfo.InvariantCulture), "an event the client had already seen was sent again"));
        Assert.Equal(events.Select(e => e.Version).Order(), events.Select(e => e.Version));
        Assert.Contains(done.Progress, p => p.Attempt >= 2); // what was in progress on the killed node was written again on the other
        var versions = await database.QueryAsync("SELECT step, COUNT(*) FROM content_versions GROUP BY step");
        Assert.Equal(7, versions.Count);
        Assert.All(versions, v => Assert.Equal(1L, Convert.ToInt64(v[1], CultureInfo.InvariantCulture))); // every step written once

        // After the kill: the token from before still works, through nginx (only the survivor is left).
        using var again = new HttpClient { BaseAddress = nginx.Address };
        again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokenBeforeKill);
        using var projects = await again.GetAsync("/api/projects");
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        Assert.Equal(survivor.Address.Authority, Nodes(projects).Last());
    }

    private static async Task AssertStartupLineAsync(AppProcess node, TestDatabase database)
    {
        var line = await node.WaitForOutputAsync(l => l.Contains(" started: roles ", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var target = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        Assert.Contains("roles web+worker", line, StringComparison.Ordinal);
        Assert.Contains($"database Postgres ({target.Host}:{target.Port}/{target.Database})", line, StringComparison.Ordinal);
        Assert.Contains("writer Offline (offline:offline-templates)", line, StringComparison.Ordinal);
        Assert.Contains("key ring in database", line, StringComparison.Ordinal);
        Assert.Contains("(shared by every node)", line, StringComparison.Ordinal);
        Assert.Contains("forwarded headers trusted from 127.0.0.1", line, StringComparison.Ordinal);
        Assert.Contains(node.Address.Authority, line, StringComparison.Ordinal);
        Assert.Single(node.Output, l => l.Contains(" started: roles ", StringComparison.Ordinal));
    }

    private static IEnumerable<string> Nodes(HttpResponseMessage response) =>
        response.Headers.TryGetValues(Nginx.NodeHeader, out var values) ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)) : [];

    /// <summary>One connection to <c>generation-events</c> through nginx, and the node that serves it.</summary>
    private sealed class LiveStream : IAsyncDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly IAsyncEnumerator<SseClient.StatusEvent> _events;

        private LiveStream(HttpResponseMessage response, CancellationToken ct)
        {
            _response = response;
            _events = SseClient.ReadAsync(response, ct).GetAsyncEnumerator(ct);
            Node = Nodes(response).LastOrDefault();
        }

        public string? Node { get; }

        public string? LastId { get; private set; }

        public GenerationStatus? Last { get; private set; }

        /// <summary>Connects; after <paramref name="previous"/>, as a reconnecting client does (Last-Event-ID = the last id it saw).</summary>
        public static async Task<LiveStream> OpenAsync(HttpClient http, Guid projectId, LiveStream? previous, CancellationToken ct)
        {
            var response = await SseClient.ConnectAsync(http, projectId, previous?.LastId, ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new LiveStream(response, ct) { LastId = previous?.LastId, Last = previous?.Last };
        }

        public async Task<GenerationStatus> NextAsync(CancellationToken ct)
        {
            Assert.True(await _events.MoveNextAsync(), "the stream ended");
            ct.ThrowIfCancellationRequested();
            LastId = _events.Current.Id;
            Last = _events.Current.Status;
            return Last;
        }

        public async Task<GenerationStatus> UntilAsync(Func<GenerationStatus, bool> until, CancellationToken ct, Action<GenerationStatus>? seen = null)
        {
            while (true)
            {
                var status = await NextAsync(ct);
                seen?.Invoke(status);
                if (until(status))
                {
                    return status;
                }
            }
        }

        /// <summary>Reads what is left until the stream ends (its node died).</summary>
        public async Task DrainAsync(CancellationToken ct)
        {
            try
            {
                while (await _events.MoveNextAsync())
                {
                    LastId = _events.Current.Id;
                }
            }
            catch (Exception e) when (e is HttpIOException or IOException)
            {
                // the connection was cut: what a browser's EventSource sees before it reconnects
            }

            ct.ThrowIfCancellationRequested();
        }

        public async ValueTask DisposeAsync()
        {
            _response.Dispose(); // ends a read in progress
            try
            {
                await _events.DisposeAsync();
            }
            catch (Exception e) when (e is HttpIOException or IOException or ObjectDisposedException or OperationCanceledException)
            {
                // the stream is gone either way
            }
        }
    }
}
