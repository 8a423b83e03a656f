using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Benchmark 1: from just before a status change commits (<see cref="CommitClock"/>) to an SSE client receiving that
/// event, on one node and across two nodes on one PostgreSQL (change committed on node A, client on node B). Two
/// drivers: single changes made one at a time with <see cref="GenerationStore.ChangeAsync{T}"/> (no queueing), and
/// real runs with a 20 ms writer delay (changes from parallel steps, as in production).
/// </summary>
public static class SseLatency
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Writer:Offline:StepDelay"] = "00:00:00.020",
        ["Generation:PollInterval"] = "00:00:00.200",
    };

    public static async Task<int> RunAsync(Options options)
    {
        var changes = options.GetInt32("changes", 500);
        var runs = options.GetInt32("runs", 5);
        await using var database = await BenchDatabase.CreateAsync(options.Get("db", "postgres"));
        Console.WriteLine($"database: {database.Provider}; {changes} single changes (after 50 warm-up) and {runs} real runs per scenario");
        await using var nodeA = BenchApp.Start(database, Settings);
        using var api = await new ApiClient(ApiClient.NewHttp(nodeA.Address)).SignUpAsync();
        var token = api.Token!;
        var projectId = await api.ProjectWithIntakeAsync();

        await MeasureAsync("one node", nodeA, nodeA.Address, api, token, projectId, changes, runs);
        if (database.IsPostgres)
        {
            await using var nodeB = BenchApp.Start(database, new Dictionary<string, string?>(Settings) { ["Roles:Worker"] = "false" });
            await MeasureAsync("two nodes (commit on A, client on B)", nodeA, nodeB.Address, api, token, projectId, changes, runs);
            if (File.Exists(Nginx.Binary))
            {
                // The documented site file (deploy/nginx/funnelcraft.conf) with B as its node: the same path plus the proxy.
                await using var nginx = await Nginx.StartAsync([nodeB.Address]);
                await MeasureAsync("two nodes through nginx (commit on A, client → nginx → B)", nodeA, nginx.Address, api, token, projectId, changes, runs);
            }
            else
            {
                Console.WriteLine($"nginx is not installed ({Nginx.Binary}): the scenario through nginx is left out.");
            }
        }

        return 0;
    }

    private static async Task MeasureAsync(string scenario, BenchApp writer, Uri reader, ApiClient api, string token, Guid projectId, int changes, int runs)
    {
        using var http = ApiClient.NewHttp(reader);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        using var stream = await SseClient.ConnectAsync(http, token, projectId, stop.Token);
        var events = Channel.CreateUnbounded<SseClient.Received>();
        var reading = Task.Run(async () =>
        {
            try
            {
                await foreach (var e in SseClient.ReadTimedAsync(stream, stop.Token))
                {
                    events.Writer.TryWrite(e);
                }
            }
            catch (OperationCanceledException)
            {
                // done
            }
            finally
            {
                events.Writer.TryComplete();
            }
        });
        _ = await ReadAsync(events.Reader, TimeSpan.FromSeconds(10)) ?? throw new InvalidOperationException("No first event."); // the current status, sent on connect

        // 1. Single changes, one at a time: each commits, then we wait for its event before the next.
        var single = new List<double>();
        var missed = 0;
        for (var i = 0; i < changes + 50; i++)
        {
            var result = await writer.Store.ChangeAsync(projectId, _ => Task.FromResult(Outcome.Save(0)), stop.Token);
            var version = result.Status!.Version;
            SseClient.Received? got = null;
            while (got is not { } g || g.Version < version)
            {
                got = await ReadAsync(events.Reader, TimeSpan.FromSeconds(5));
                if (got is null)
                {
                    break;
                }
            }

            if (got is { } r && r.Version == version && writer.Clock.TryGet(projectId, version, out var committing))
            {
                if (i >= 50)
                {
                    single.Add(Stats.Ms(committing, r.Timestamp));
                }
            }
            else
            {
                missed++;
            }

            await Task.Delay(Random.Shared.Next(2, 12), stop.Token); // not in lock-step with anything periodic
        }

        Console.WriteLine($"{scenario}, single changes: {Stats.Format(Stats.Summarize(single))}; events missing: {missed}");

        // 2. Real runs: every event the client receives, against the commit of its version.
        var during = new List<double>();
        var coalesced = 0;
        for (var run = 0; run < runs; run++)
        {
            using var started = await api.StartAsync(projectId, regenerate: true, ct: stop.Token);
            if (started.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
            }

            var runId = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json, stop.Token))!.RunId;

            var seen = new List<SseClient.Received>();
            while (await ReadAsync(events.Reader, TimeSpan.FromSeconds(30)) is { } e)
            {
                seen.Add(e);
                var status = SseClient.Parse(e.Data);
                if (status.RunId == runId && status.RunStatus is { } s && !RunStatus.IsActive(s))
                {
                    break;
                }
            }

            var low = seen.Count > 0 ? seen[0].Version : 0;
            var high = seen.Count > 0 ? seen[^1].Version : 0;
            coalesced += (int)(high - low + 1) - seen.Count;
            foreach (var e in seen)
            {
                if (writer.Clock.TryGet(projectId, e.Version, out var committing))
                {
                    during.Add(Stats.Ms(committing, e.Timestamp));
                }
            }
        }

        Console.WriteLine($"{scenario}, during {runs} real runs: {Stats.Format(Stats.Summarize(during))}; versions skipped by latest-wins: {coalesced}");
        await stop.CancelAsync();
        await reading;
    }

    private static async Task<SseClient.Received?> ReadAsync(ChannelReader<SseClient.Received> reader, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            return await reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }
}
