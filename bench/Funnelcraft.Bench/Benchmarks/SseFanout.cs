using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Benchmark 3: N SSE subscribers of one project, all following one run. The app runs in a child process (its memory
/// and sockets are its own); the clients here read only each event's id and time. Reported per N: server GC heap and
/// working set with no subscriber and with N idle subscribers (after a full collection), and delivery latency from
/// each change's commit (timestamp in the server, same monotonic clock) to each subscriber receiving it.
/// </summary>
public static class SseFanout
{
    public static async Task<int> RunAsync(Options options)
    {
        var levels = options.Ints("subscribers", "1000,5000,10000");
        var stepDelay = options.Get("step-delay", "00:00:00.500");
        Console.WriteLine($"writer delay {stepDelay} per call; the app in a child process on SQLite (fan-out is in memory; the database does not matter)");
        Console.WriteLine("| subscribers | connect s | GC heap before → after | per subscriber (heap) | working set before → after | per subscriber (WS) | events delivered | all got final | delivery p50 / p99 / max ms | server CPU s during run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var failures = 0;
        foreach (var n in levels)
        {
            failures += await LevelAsync(n, options.Get("db", "sqlite"), stepDelay, options.GetInt32("pause", 0));
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> LevelAsync(int n, string db, string stepDelay, int pauseSeconds)
    {
        await using var database = await BenchDatabase.CreateAsync(db);
        await using var host = await HostProcess.StartAsync(database, new Dictionary<string, string?>
        {
            ["Writer:Offline:StepDelay"] = stepDelay,
            ["Generation:PollInterval"] = "00:00:00.200",
        });
        using var api = await new ApiClient(ApiClient.NewHttp(host.Address, maxConnections: 8)).SignUpAsync();
        var token = api.Token!;
        var projectId = await api.ProjectWithIntakeAsync();
        using var sseHttp = ApiClient.NewHttp(host.Address, maxConnections: n + 16, timeout: Timeout.InfiniteTimeSpan);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));

        // Warm-up: a few subscribers follow one run, then leave. Its CPU is the run's own cost (writer, database).
        var warm = await ConnectAsync(sseHttp, token, projectId, 20, stop.Token);
        await RunToEndAsync(api, projectId, stop.Token);
        var warmCpu = host.CpuTime();
        await RunToEndAsync(api, projectId, stop.Token);
        warmCpu = host.CpuTime() - warmCpu;
        await warm.CloseAsync();

        var before = await host.MemoryAsync();
        var connecting = Stopwatch.StartNew();
        var subscribers = await ConnectAsync(sseHttp, token, projectId, n, stop.Token);
        var connectSeconds = connecting.Elapsed.TotalSeconds;
        var after = await host.MemoryAsync();
        if (pauseSeconds > 0)
        {
            // To look inside (e.g. dotnet-gcdump collect -p <pid>) with the subscribers connected and idle.
            Console.WriteLine($"  host pid {host.ProcessId}: pausing {pauseSeconds} s with {n} idle subscribers");
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(pauseSeconds, 600)), stop.Token);
        }

        var cpuBefore = host.CpuTime();
        var (runId, finalVersion, firstVersion) = await RunToEndAsync(api, projectId, stop.Token);
        var allGotFinal = await subscribers.WaitForAsync(finalVersion, TimeSpan.FromSeconds(60));
        var cpu = host.CpuTime() - cpuBefore;
        var commits = (await host.CommitsAsync()).Where(c => c.ProjectId == projectId && c.Version >= firstVersion && c.Version <= finalVersion)
            .ToDictionary(c => c.Version, c => c.Timestamp);

        // Latest-wins: a version committed within a few ms of the next one may be replaced before a stream sends it.
        // Versions committed at least 100 ms after the previous one are the ones every subscriber should see.
        var spaced = commits.Keys.Order().Where(v => !commits.TryGetValue(v - 1, out var previous) || Stats.Ms(previous, commits[v]) >= 100).ToHashSet();
        long spacedDelivered = subscribers.All.Sum(s => s.Events.Count(e => spaced.Contains(e.Version)));

        var latencies = new List<double>(n * commits.Count);
        long delivered = 0;
        foreach (var subscriber in subscribers.All)
        {
            foreach (var (version, received) in subscriber.Events)
            {
                if (commits.TryGetValue(version, out var committing))
                {
                    delivered++;
                    latencies.Add(Stats.Ms(committing, received));
                }
            }
        }

        var summary = Stats.Summarize(latencies);
        var possible = (long)n * commits.Count;
        Console.WriteLine($"| {n} | {Stats.F(connectSeconds)} | {Stats.Mb(before.GcHeapBytes)} → {Stats.Mb(after.GcHeapBytes)} (subscribers {after.Subscribers}) "
            + $"| {Stats.F((after.GcHeapBytes - before.GcHeapBytes) / 1024.0 / n, "0.0")} KB "
            + $"| {Stats.Mb(before.WorkingSetBytes)} → {Stats.Mb(after.WorkingSetBytes)} | {Stats.F((after.WorkingSetBytes - before.WorkingSetBytes) / 1024.0 / n, "0.0")} KB "
            + $"| {delivered}/{possible} ({Stats.F(delivered * 100.0 / possible, "0.0")}%; {commits.Count} versions) | {subscribers.CountAtLeast(finalVersion)}/{n} "
            + $"| {Stats.F(summary.P50)} / {Stats.F(summary.P99)} / {Stats.F(summary.Max)} | {Stats.F(cpu.TotalSeconds)} |");
        Console.WriteLine($"  run {runId}: {commits.Count} committed versions, {spaced.Count} of them ≥ 100 ms after the previous one: "
            + $"{Stats.F(spacedDelivered * 100.0 / ((long)n * spaced.Count), "0.0")}% of those delivered; subscribers dropped: {subscribers.Dropped}; "
            + $"server threads {after.Threads}; server CPU for the same run with 20 subscribers {Stats.F(warmCpu.TotalSeconds)} s");
        await subscribers.CloseAsync();
        return allGotFinal && subscribers.Dropped == 0 ? 0 : 1;
    }

    /// <summary>Starts a run and waits (polling the status once a second, bounded) until it ends.</summary>
    private static async Task<(Guid RunId, long FinalVersion, long FirstVersion)> RunToEndAsync(ApiClient api, Guid projectId, CancellationToken ct)
    {
        using var started = await api.StartAsync(projectId, regenerate: true, ct: ct);
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
        }

        var first = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json, ct))!;
        for (var i = 0; i < 300; i++)
        {
            var status = await api.StatusAsync(projectId, ct);
            if (status.RunId == first.RunId && status.RunStatus is { } s && !RunStatus.IsActive(s))
            {
                return (first.RunId!.Value, status.Version, first.Version);
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException("The run did not finish in 60 s.");
    }

    private static async Task<Subscribers> ConnectAsync(HttpClient http, string token, Guid projectId, int n, CancellationToken ct)
    {
        var subscribers = new Subscribers();
        using var gate = new SemaphoreSlim(64);
        var connecting = Enumerable.Range(0, n).Select(async _ =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var response = await SseClient.ConnectAsync(http, token, projectId, ct);
                subscribers.Add(new Subscriber(response, ct));
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        await Task.WhenAll(connecting);
        await subscribers.WaitForFirstAsync(TimeSpan.FromSeconds(120));
        return subscribers;
    }

    private sealed class Subscriber
    {
        private readonly HttpResponseMessage _response;
        private readonly CancellationTokenSource _stop;
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _latest = -1;

        public Subscriber(HttpResponseMessage response, CancellationToken ct)
        {
            _response = response;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Reading = ReadAsync();
        }

        public List<(long Version, long Timestamp)> Events { get; } = new(64);

        public Task First => _first.Task;

        public Task Reading { get; }

        public bool Dropped { get; private set; }

        public long Latest => Volatile.Read(ref _latest);

        private async Task ReadAsync()
        {
            try
            {
                await foreach (var e in SseClient.ReadVersionsAsync(_response, _stop.Token))
                {
                    lock (Events)
                    {
                        Events.Add(e);
                    }

                    Volatile.Write(ref _latest, e.Version);
                    _first.TrySetResult();
                }

                Dropped = !_stop.IsCancellationRequested; // the server ended the stream
            }
            catch (OperationCanceledException)
            {
                // closing
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Dropped = !_stop.IsCancellationRequested;
            }
            finally
            {
                _first.TrySetResult();
            }
        }

        public async Task CloseAsync()
        {
            await _stop.CancelAsync();
            _response.Dispose();
            await Reading;
            _stop.Dispose();
        }
    }

    private sealed class Subscribers
    {
        private readonly List<Subscriber> _all = [];

        public IReadOnlyList<Subscriber> All => _all;

        public int Dropped => _all.Count(s => s.Dropped);

        public void Add(Subscriber s)
        {
            lock (_all)
            {
                _all.Add(s);
            }
        }

        public async Task WaitForFirstAsync(TimeSpan timeout) => await Task.WhenAll(_all.Select(s => s.First)).WaitAsync(timeout);

        public int CountAtLeast(long version) => _all.Count(s => s.Latest >= version);

        /// <summary>Waits (bounded) until every subscriber has received <paramref name="version"/> or later.</summary>
        public async Task<bool> WaitForAsync(long version, TimeSpan timeout)
        {
            var deadline = Stopwatch.StartNew();
            while (CountAtLeast(version) < _all.Count && deadline.Elapsed < timeout)
            {
                await Task.Delay(20);
            }

            return CountAtLeast(version) == _all.Count;
        }

        public async Task CloseAsync() => await Task.WhenAll(_all.Select(s => s.CloseAsync()));
    }
}
