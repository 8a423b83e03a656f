using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation;
using Microsoft.Net.Http.Headers;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Benchmark 6 (docs/reliability.md): a soak of mixed load against the app in a child process on PostgreSQL —
/// pollers with ETag (every 3 s, as the pages fall back to), SSE clients, and a run started every second across
/// 200 projects of 20 users. Reports errors (must be 0), status GET latency, SSE delivery latency (commit → client),
/// server memory before, at the end of the load and after the clients left, and runs finished vs started.
/// </summary>
public static class Soak
{
    public static async Task<int> RunAsync(Options options)
    {
        var seconds = options.GetInt32("seconds", 60);
        var pollerCount = options.GetInt32("pollers", 1000);
        var sseCount = options.GetInt32("sse", 1000);
        var projectCount = options.GetInt32("projects", 200);
        var userCount = options.GetInt32("users", 20);
        var stepDelay = options.Get("step-delay", "00:00:01");
        await using var database = await BenchDatabase.CreateAsync(options.Get("db", "postgres"));
        await using var host = await HostProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Writer:Offline:StepDelay"] = stepDelay,
            ["RateLimits:GenerationPerMinute"] = "10", // the default: each user starts 3 runs a minute here
        });
        Console.WriteLine($"database: {database.Provider}; {seconds} s; {pollerCount} pollers (ETag, every 3 s), {sseCount} SSE clients, "
            + $"a run every second over {projectCount} projects of {userCount} users; writer delay {stepDelay} per call");

        using var control = ApiClient.NewHttp(host.Address, maxConnections: 32);
        var projects = new List<(Guid Id, string Token)>();
        for (var u = 0; u < userCount; u++)
        {
            using var user = await new ApiClient(ApiClient.NewHttp(host.Address, maxConnections: 4)).SignUpAsync();
            for (var p = 0; p < projectCount / userCount; p++)
            {
                projects.Add((await user.ProjectWithIntakeAsync(projectName: $"Soak {u}-{p}"), user.Token!));
            }
        }

        var before = await host.MemoryAsync();
        var cpuBefore = host.CpuTime();
        var errors = new ConcurrentDictionary<string, int>();
        void Error(string what) => errors.AddOrUpdate(what, 1, (_, n) => n + 1);

        using var pollHttp = ApiClient.NewHttp(host.Address, maxConnections: 256, timeout: TimeSpan.FromSeconds(30));
        using var sseHttp = ApiClient.NewHttp(host.Address, maxConnections: sseCount + 16, timeout: Timeout.InfiniteTimeSpan);
        using var stopSse = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 180));
        var received = new ConcurrentBag<(Guid ProjectId, long Version, long Timestamp)>();
        using var connectGate = new SemaphoreSlim(64);
        var sseClients = Enumerable.Range(0, sseCount).Select(i => Task.Run(async () =>
        {
            var (projectId, token) = projects[i % projects.Count];
            try
            {
                await connectGate.WaitAsync(stopSse.Token);
                HttpResponseMessage response;
                try
                {
                    response = await SseClient.ConnectAsync(sseHttp, token, projectId, stopSse.Token);
                }
                finally
                {
                    connectGate.Release();
                }

                using (response)
                {
                    await foreach (var (version, at) in SseClient.ReadVersionsAsync(response, stopSse.Token))
                    {
                        received.Add((projectId, version, at));
                    }
                }

                Error("SSE stream ended by the server");
            }
            catch (OperationCanceledException) when (stopSse.IsCancellationRequested)
            {
                // the end of the soak
            }
            catch (Exception e)
            {
                Error($"SSE {e.GetType().Name}: {e.Message}");
            }
        })).ToList();

        var load = Stopwatch.StartNew();
        using var stopLoad = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var pollLatencies = new ConcurrentBag<(double At, double Ms, int Status)>();
        var pollers = Enumerable.Range(0, pollerCount).Select(i => Task.Run(async () =>
        {
            var (projectId, token) = projects[i % projects.Count];
            string? etag = null;
            try
            {
                await Task.Delay(Random.Shared.Next(0, 3000), stopLoad.Token); // spread the pollers over the interval
                while (!stopLoad.IsCancellationRequested)
                {
                    using var request = ApiClient.Request(HttpMethod.Get, ApiClient.StatusPath(projectId), token);
                    if (etag is not null)
                    {
                        request.Headers.TryAddWithoutValidation(HeaderNames.IfNoneMatch, etag);
                    }

                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        using var response = await pollHttp.SendAsync(request, CancellationToken.None);
                        await response.Content.LoadIntoBufferAsync();
                        pollLatencies.Add((load.Elapsed.TotalSeconds, Stats.Ms(sent, Stopwatch.GetTimestamp()), (int)response.StatusCode));
                        if (response.StatusCode == HttpStatusCode.OK)
                        {
                            etag = response.Headers.ETag?.Tag;
                        }
                        else if (response.StatusCode != HttpStatusCode.NotModified)
                        {
                            Error($"status GET answered {(int)response.StatusCode}");
                        }
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        Error($"status GET {e.GetType().Name}: {e.Message}");
                    }

                    await Task.Delay(3000 + Random.Shared.Next(-100, 100), stopLoad.Token);
                }
            }
            catch (OperationCanceledException)
            {
                // the end of the load
            }
        })).ToList();

        var started = new List<(Guid ProjectId, string Token, Guid RunId)>();
        using (var tick = new PeriodicTimer(TimeSpan.FromSeconds(1)))
        {
            for (var i = 0; i < seconds; i++)
            {
                var (projectId, token) = projects[i % projects.Count];
                try
                {
                    using var request = ApiClient.Request(HttpMethod.Post, "/api/generate/auto-generate-all", token, new { projectId, regenerate = true });
                    using var response = await control.SendAsync(request);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        started.Add((projectId, token, (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId!.Value));
                    }
                    else
                    {
                        Error($"start answered {(int)response.StatusCode}");
                    }
                }
                catch (HttpRequestException e)
                {
                    Error($"start {e.Message}");
                }

                await tick.WaitForNextTickAsync();
            }
        }

        await Task.WhenAll(pollers);
        var loadSeconds = load.Elapsed.TotalSeconds;
        var cpu = host.CpuTime() - cpuBefore;
        var atEnd = await host.MemoryAsync();

        // Let the runs started last finish (bounded), with the SSE clients still listening.
        var finished = new Dictionary<Guid, string>();
        for (var wait = 0; wait < 120 && finished.Count < started.Count; wait++)
        {
            foreach (var (projectId, token, runId) in started.Where(s => !finished.ContainsKey(s.RunId)))
            {
                using var request = ApiClient.Request(HttpMethod.Get, ApiClient.StatusPath(projectId), token);
                using var response = await control.SendAsync(request);
                var status = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
                if (status.RunId != runId)
                {
                    finished[runId] = "superseded?";
                }
                else if (status.RunStatus is { } s && !RunStatus.IsActive(s))
                {
                    finished[runId] = s;
                }
            }

            await Task.Delay(500);
        }

        await Task.Delay(500); // the last events reach the clients
        await stopSse.CancelAsync();
        await Task.WhenAll(sseClients);
        var after = await host.MemoryAsync();

        var commits = (await host.CommitsAsync()).ToDictionary(c => (c.ProjectId, c.Version), c => c.Timestamp);
        var delivery = received.Where(r => commits.ContainsKey((r.ProjectId, r.Version)))
            .Select(r => Stats.Ms(commits[(r.ProjectId, r.Version)], r.Timestamp)).ToList();
        var completed = finished.Values.Count(s => s == RunStatus.Completed);
        foreach (var failed in finished.Where(f => f.Value != RunStatus.Completed))
        {
            Error($"run ended {failed.Value}");
        }

        Console.WriteLine($"load phase {Stats.F(loadSeconds, "0.0")} s; server CPU {Stats.F(cpu.TotalSeconds, "0.0")} s ({Stats.F(cpu.TotalSeconds / loadSeconds * 100, "0")}% of one core)");
        Console.WriteLine($"status GET: {Stats.Format(Stats.Summarize(pollLatencies.Select(p => p.Ms)))} ({Stats.F(pollLatencies.Count / loadSeconds, "0")} req/s; "
            + $"{pollLatencies.Count(p => p.Status == 304)} × 304, {pollLatencies.Count(p => p.Status == 200)} × 200)");
        Console.WriteLine($"  first 10 s (every poller's first GET, cold snapshots, SSE clients connecting): {Stats.Format(Stats.Summarize(pollLatencies.Where(p => p.At < 10).Select(p => p.Ms)))}");
        Console.WriteLine($"  after 10 s: {Stats.Format(Stats.Summarize(pollLatencies.Where(p => p.At >= 10).Select(p => p.Ms)))}");
        Console.WriteLine($"SSE delivery (commit → client): {Stats.Format(Stats.Summarize(delivery))}; events received {received.Count}");
        Console.WriteLine($"runs: started {started.Count}, finished {finished.Count}, completed {completed}");
        Console.WriteLine($"server memory (after full GC): GC heap {Stats.Mb(before.GcHeapBytes)} before → {Stats.Mb(atEnd.GcHeapBytes)} at the end of the load "
            + $"({atEnd.Subscribers} subscribers) → {Stats.Mb(after.GcHeapBytes)} after the clients left; working set {Stats.Mb(before.WorkingSetBytes)} → "
            + $"{Stats.Mb(atEnd.WorkingSetBytes)} → {Stats.Mb(after.WorkingSetBytes)}; threads {before.Threads} → {atEnd.Threads} → {after.Threads}");
        var errorCount = errors.Values.Sum();
        Console.WriteLine($"errors: {errorCount}");
        foreach (var (what, count) in errors.OrderByDescending(e => e.Value).Take(10))
        {
            Console.WriteLine($"  {count} × {what}");
        }

        return errorCount == 0 && completed == started.Count ? 0 : 1;
    }
}
