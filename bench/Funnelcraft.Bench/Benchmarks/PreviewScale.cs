using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// One node carrying <c>steps</c> steps being written at once, each previewed <c>rate</c> times a second, each watched by
/// its own <c>generation-events</c> stream: delivery (publish → receipt) p50/p99/max and the node's CPU per preview
/// update. Every project runs with a writer that writes nothing (<see cref="WaitingWriter"/>), so its offer stays being
/// written and has no preview of its own; the measured previews are published into the node's board with the send time in them, as the
/// writer would (so they pass the node's whole path: the board, on PostgreSQL its upsert + NOTIFY and listener, the hub,
/// each stream). CPU per update is the process's CPU while publishing minus its CPU over as long a time with the same
/// runs and streams and no published preview (the lower of a window before and one after the publishing), divided by the updates; the readers run in the same process, so it
/// includes the clients' parsing too (an upper bound).
/// </summary>
public static class PreviewScale
{
    public static async Task RunAsync(BenchDatabase database, int steps, int rate, int seconds)
    {
        await using var node = BenchApp.Start(database, new Dictionary<string, string?>
        {
            [CannedWriter.Setting] = WaitingWriter.Mode,
            ["Generation:MaxConcurrentRuns"] = (steps + 8).ToString(CultureInfo.InvariantCulture),
            ["Live:MaxStreamsPerUser"] = (steps + 8).ToString(CultureInfo.InvariantCulture),
            ["RateLimits:GenerationPerMinute"] = "100000",
        });
        using var api = await new ApiClient(ApiClient.NewHttp(node.Address, maxConnections: 32)).SignUpAsync();
        using var sseHttp = ApiClient.NewHttp(node.Address, maxConnections: steps + 16, timeout: Timeout.InfiniteTimeSpan);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        var setup = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(16);
        var projects = await Task.WhenAll(Enumerable.Range(0, steps).Select(async i =>
        {
            await gate.WaitAsync(stop.Token);
            try
            {
                var projectId = await api.ProjectWithIntakeAsync(projectName: $"Scale {i}");
                var stream = await SseClient.ConnectAsync(sseHttp, api.Token!, projectId, stop.Token);
                using var started = await api.StartAsync(projectId, ct: stop.Token);
                if (started.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
                }

                var status = await StatusWaits.WaitForAsync(node.Services, projectId, s => s.Progress.Any(p => p.Step == 2 && p.Status == StepStatus.InProgress), TimeSpan.FromMinutes(5));
                return (ProjectId: projectId, Stream: stream, RunId: status.RunId!.Value, Attempt: status.Progress.First(p => p.Step == 2).Attempt);
            }
            finally
            {
                gate.Release();
            }
        }));
        Console.WriteLine($"{steps} projects with a run writing its offer and one stream each, ready in {Stats.F(setup.Elapsed.TotalSeconds)} s");

        var latencies = new ConcurrentBag<double>();
        var readers = projects.Select(p => Task.Run(async () =>
        {
            try
            {
                await foreach (var e in SseClient.ReadEventsAsync(p.Stream, stop.Token))
                {
                    if (e.Type == "preview" && SseClient.ParsePreview(e.Data) is { Seq: > 1_000_000 } preview)
                    {
                        latencies.Add(Stats.Ms(preview.Content.GetProperty("sentAt").GetInt64(), e.Timestamp));
                    }
                }
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                // the end of the measurement closes the streams
            }
        })).ToList();

        using var process = Process.GetCurrentProcess();
        var idleCpu = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(seconds), stop.Token);
        process.Refresh();
        idleCpu = process.TotalProcessorTime - idleCpu;

        var board = node.Services.GetRequiredService<PreviewBoard>();
        var period = TimeSpan.FromSeconds(1.0 / rate);
        var published = 0;
        var late = 0;
        var cpu = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(projects.Select((p, index) => Task.Run(async () =>
        {
            await Task.Delay(period * index / steps, stop.Token); // spread over the period, as independent writers would be
            var start = Stopwatch.GetTimestamp();
            for (var i = 1; Stopwatch.GetElapsedTime(start).TotalSeconds < seconds; i++)
            {
                var json = string.Create(CultureInfo.InvariantCulture, $"{{\"name\":\"Preview {i}\",\"tagline\":\"{new string('x', 200)}\",\"sentAt\":{Stopwatch.GetTimestamp()}}}");
                await board.PublishAsync(p.ProjectId, new LivePreview(p.RunId, 2, p.Attempt, 1_000_000 + i, json), stop.Token);
                Interlocked.Increment(ref published);
                var next = period * i - Stopwatch.GetElapsedTime(start);
                if (next > TimeSpan.Zero)
                {
                    await Task.Delay(next, stop.Token);
                }
                else
                {
                    Interlocked.Increment(ref late);
                }
            }
        })));
        await Task.Delay(TimeSpan.FromSeconds(1), stop.Token); // the last ones in flight
        process.Refresh();
        var busyCpu = process.TotalProcessorTime - cpu;
        var elapsed = wall.Elapsed.TotalSeconds;

        // A second window with none after it: the first may still carry the setup's tail (the runs' start, JIT, GC).
        var idleAfter = process.TotalProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(seconds), stop.Token);
        process.Refresh();
        idleAfter = process.TotalProcessorTime - idleAfter;
        Console.WriteLine($"idle windows: {Stats.F(idleCpu.TotalSeconds, "0.00")} s before publishing, {Stats.F(idleAfter.TotalSeconds, "0.00")} s after; the lower is the baseline");
        idleCpu = idleAfter < idleCpu ? idleAfter : idleCpu;
        var summary = Stats.Summarize(latencies);
        var perUpdate = (busyCpu - idleCpu * (elapsed / seconds)).TotalMilliseconds * 1000 / Math.Max(1, published);
        Console.WriteLine($"{published} updates in {Stats.F(elapsed)} s = {Stats.F(published / elapsed, "0")} updates/s (asked {steps * rate}/s; {late} publishes fell behind their schedule), "
            + $"{latencies.Count} delivered ({Stats.F(latencies.Count * 100.0 / Math.Max(1, published), "0.0")}%; the rest folded into a newer one, latest wins)");
        Console.WriteLine($"delivery publish → client: {Stats.Format(summary)}");
        Console.WriteLine($"process CPU: {Stats.F(busyCpu.TotalSeconds, "0.00")} s publishing vs {Stats.F(idleCpu.TotalSeconds, "0.00")} s over {seconds} s with none → "
            + $"{Stats.F(perUpdate, "0")} µs CPU per preview update (server and the {steps} readers), {Stats.F((busyCpu.TotalSeconds - idleCpu.TotalSeconds) / elapsed * 100, "0")}% of a core");
        await stop.CancelAsync();
        await Task.WhenAll(readers);
        foreach (var p in projects)
        {
            p.Stream.Dispose();
        }
    }
}
