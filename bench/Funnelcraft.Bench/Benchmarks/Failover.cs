using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// How long a run waits when the node running it goes away: two app processes on one PostgreSQL, a run started on A,
/// a live stream on B. Mid-run A is killed (SIGKILL: its lease must expire) or stopped (SIGTERM, as systemd stops a
/// node: it hands the lease back), alternately; the figure is the time from the signal to B's first change of the run
/// (the resume), as B's stream delivers it. A is started again for the next trial.
/// </summary>
public static class Failover
{
    public static async Task<int> RunAsync(Options options)
    {
        var trials = options.GetInt32("trials", 6);
        var lease = TimeSpan.Parse(options.Get("lease", "00:00:05"), CultureInfo.InvariantCulture);
        var poll = TimeSpan.Parse(options.Get("poll", "00:00:01"), CultureInfo.InvariantCulture);
        await using var database = await BenchDatabase.CreateAsync("postgres");
        var environment = new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider,
            ["ConnectionStrings__Funnelcraft"] = database.ConnectionString,
            ["Writer__Offline__StepDelay"] = "00:00:01",
            ["Generation__LeaseDuration"] = lease.ToString("c", CultureInfo.InvariantCulture),
            ["Generation__PollInterval"] = poll.ToString("c", CultureInfo.InvariantCulture),
            ["RateLimits__GenerationPerMinute"] = "1000",
            ["RateLimits__AuthPerMinute"] = "1000",
        };
        Console.WriteLine($"two app processes on PostgreSQL; lease {lease}, worker poll interval {poll}, writer delay 1 s per call; {trials} trials, SIGKILL and SIGTERM alternately");

        var nodeA = await AppProcess.StartAsync(environment);
        await using var nodeB = await AppProcess.StartAsync(environment);
        var killed = new List<double>();
        var stopped = new List<double>();
        try
        {
            using var onB = ApiClient.NewHttp(nodeB.Address, timeout: Timeout.InfiniteTimeSpan);
            var token = (await new ApiClient(ApiClient.NewHttp(nodeB.Address)).SignUpAsync()).Token!;
            for (var trial = 0; trial < trials; trial++)
            {
                var kill = trial % 2 == 0;
                using var api = new ApiClient(ApiClient.NewHttp(nodeA.Address)); // A is new each trial
                api.Http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                var projectId = await api.ProjectWithIntakeAsync(projectName: $"Failover {trial}");
                using var stream = await SseClient.ConnectAsync(onB, token, projectId, CancellationToken.None);
                using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
                await using var events = SseClient.ReadTimedAsync(stream, cts.Token).GetAsyncEnumerator(cts.Token);
                using (var started = await api.StartAsync(projectId, ct: cts.Token))
                {
                    if (started.StatusCode != HttpStatusCode.Accepted)
                    {
                        throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
                    }
                }

                // Mid-run: a step has completed and the run goes on (on A, whose worker took it from the start).
                while (true)
                {
                    if (!await events.MoveNextAsync())
                    {
                        throw new InvalidOperationException("B's stream ended");
                    }

                    var status = SseClient.Parse(events.Current.Data);
                    if (status.CompletedSteps.Count > 0 && status.IsGenerating)
                    {
                        break;
                    }
                }

                var lastOnA = events.Current.Version;
                var signalled = Stopwatch.GetTimestamp();
                if (kill)
                {
                    await nodeA.KillAsync();
                }
                else
                {
                    _ = await nodeA.StopAsync(TimeSpan.FromSeconds(45));
                }

                // B's first change of the run: A is gone, so any newer version is B's resume.
                long resumedAt = 0;
                while (resumedAt == 0)
                {
                    if (!await events.MoveNextAsync())
                    {
                        throw new InvalidOperationException("B's stream ended");
                    }

                    if (events.Current.Version > lastOnA)
                    {
                        resumedAt = events.Current.Timestamp;
                    }
                }

                var ms = Stats.Ms(signalled, resumedAt);
                (kill ? killed : stopped).Add(ms);
                Console.WriteLine($"  trial {trial + 1}: {(kill ? "SIGKILL" : "SIGTERM")} → resumed on B after {Stats.F(ms, "0")} ms");
                await nodeA.DisposeAsync();
                nodeA = await AppProcess.StartAsync(environment, nodeA.Address.Port);
            }
        }
        finally
        {
            await nodeA.DisposeAsync();
        }

        Console.WriteLine($"SIGKILL (lease {lease} must expire): {Stats.Format(Stats.Summarize(killed))}");
        Console.WriteLine($"SIGTERM (lease handed back):      {Stats.Format(Stats.Summarize(stopped))}");
        return 0;
    }
}
