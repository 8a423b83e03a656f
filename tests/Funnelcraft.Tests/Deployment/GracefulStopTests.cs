using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Funnelcraft.Generation;

namespace Funnelcraft.Tests.Deployment;

/// <summary>
/// A node stopped the way the systemd unit (deploy/systemd/funnelcraft.service) stops it: its KillSignal, then a kill
/// after TimeoutStopSec. Mid-run, with a live stream open, the node ends the stream, hands the run's lease back and
/// exits before that timeout, and the other node resumes the run at once instead of after the lease.
/// </summary>
public sealed partial class GracefulStopTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_node_stopped_as_systemd_stops_it_hands_its_run_to_the_other_node_and_exits_in_time()
    {
        cluster.EnsureAvailable();
        var unit = await File.ReadAllTextAsync(Repository.File("deploy/systemd/funnelcraft.service"));
        Assert.Equal("SIGTERM", UnitSetting(unit, "KillSignal"));
        var stopTimeout = TimeSpan.FromSeconds(int.Parse(UnitSetting(unit, "TimeoutStopSec").TrimEnd('s'), CultureInfo.InvariantCulture));

        var published = await PublishedApp.FolderAsync();
        using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres, cluster);
        using var folderA = new NodeFolder();
        using var folderB = new NodeFolder();
        // The default lease (30 s): the other node takes the run over long before it would expire only if it was handed back.
        Dictionary<string, string> Environment(NodeFolder folder) => new(folder.Environment(DatabaseKind.Postgres, database.ConnectionString))
        {
            ["Writer__Offline__StepDelay"] = "00:00:00.500",
        };

        await using var nodeA = await AppProcess.StartAsync(Environment(folderA), appDirectory: published);
        await using var nodeB = await AppProcess.StartAsync(Environment(folderB), appDirectory: published);
        using var api = ApiClient.For(nodeA.Address);
        await api.SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        using var sse = ApiClient.NewHttp(nodeA.Address, timeout: Timeout.InfiniteTimeSpan);
        sse.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
        using var stream = await SseClient.ConnectAsync(sse, projectId);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = SseClient.ReadAsync(stream, cts.Token).GetAsyncEnumerator(cts.Token);

        using var started = await api.StartAsync(projectId); // started on A: A's worker runs it
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId;
        GenerationStatus midway;
        do
        {
            Assert.True(await events.MoveNextAsync(), "the stream ended before the run was under way");
            midway = events.Current.Status;
        }
        while (midway.RunId != runId || midway.CompletedSteps.Count == 0);
        Assert.True(midway.IsGenerating, "the run ended before the test could stop its node; slow the writer down");
        var before = await database.QueryAsync($"SELECT lease_owner, lease_expires_at FROM generation_runs WHERE id = '{runId}'");
        Assert.Contains($":{nodeA.ProcessId}:", (string)before[0][0], StringComparison.Ordinal);
        var leaseExpiredAt = DateTime.SpecifyKind(Convert.ToDateTime(before[0][1], CultureInfo.InvariantCulture), DateTimeKind.Utc);

        var stoppedAt = DateTime.UtcNow;
        await nodeA.StopAsync(stopTimeout); // throws when the node outlives the unit's TimeoutStopSec (systemd would kill it)

        // The stream ended with the node (a client reconnects to another node).
        try
        {
            while (await events.MoveNextAsync())
            {
            }
        }
        catch (Exception e) when (e is HttpIOException or IOException)
        {
            // the connection closed as the process exited
        }

        // The run goes on at B and ends there.
        using var onB = ApiClient.NewHttp(nodeB.Address, timeout: Timeout.InfiniteTimeSpan);
        onB.DefaultRequestHeaders.Authorization = api.Http.DefaultRequestHeaders.Authorization;
        using var streamB = await SseClient.ConnectAsync(onB, projectId, midway.Version.ToString(CultureInfo.InvariantCulture), cts.Token);
        var done = (await SseClient.CollectAsync(streamB, s => s.RunId == runId && StatusWaits.Finished(s), TimeSpan.FromMinutes(2)))[^1].Status;
        Assert.Equal(RunStatus.Completed, done.RunStatus);

        // B began its first step of the run before A's lease would have run out: A handed it back.
        var resumed = await database.QueryAsync($"SELECT MIN(started_at) FROM run_steps WHERE run_id = '{runId}' AND started_at > '{stoppedAt:O}'");
        var resumedAt = DateTime.SpecifyKind(Convert.ToDateTime(resumed[0][0], CultureInfo.InvariantCulture), DateTimeKind.Utc);
        Assert.True(resumedAt < leaseExpiredAt, $"B resumed the run at {resumedAt:O}, not before A's lease ran out ({leaseExpiredAt:O}): the lease was not handed back");
    }

    private static string UnitSetting(string unit, string key) =>
        UnitLine().Matches(unit).Single(m => m.Groups["key"].Value == key).Groups["value"].Value.Trim();

    [GeneratedRegex(@"^(?<key>\w+)=(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex UnitLine();
}
