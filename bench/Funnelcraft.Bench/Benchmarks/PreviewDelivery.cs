using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Previews, side by side in one run: (1) click → first visible words (the first <c>preview</c> event) against click →
/// first content (the first completed step), offline writer at 2 s a call, on the same streams; (2) preview delivery,
/// the board's publish → the client's receipt, on one node and across two (PostgreSQL); (3) what one preview update
/// costs PostgreSQL: the upsert + NOTIFY round trip, one at a time and from 8 writers at once.
/// </summary>
public static class PreviewDelivery
{
    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.GetInt32("runs", 3);
        var updates = options.GetInt32("updates", 300);
        await using var database = await BenchDatabase.CreateAsync("postgres");
        await using (var app = BenchApp.Start(database, new Dictionary<string, string?> { ["Writer:Offline:StepDelay"] = "00:00:02" }))
        {
            using var first = await new ApiClient(ApiClient.NewHttp(app.Address)).SignUpAsync();
            Console.WriteLine("## click → first visible words vs first content (offline writer, 2 s a call)");
            var words = new List<double>();
            var content = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var (w, c) = await FirstWordsAsync(first, $"First words {run}");
                words.Add(w);
                content.Add(c);
                Console.WriteLine($"run {run + 1}: first words {Stats.F(w, "0")} ms, first content {Stats.F(c, "0")} ms, {Stats.F(c / w, "0.0")}× sooner");
            }

            Console.WriteLine($"median: first words {Stats.F(Stats.Median(words), "0")} ms, first content {Stats.F(Stats.Median(content), "0")} ms, {Stats.F(Stats.Median(content) / Stats.Median(words), "0.0")}× sooner");
        }

        // A slow writer, so the step the measured previews belong to stays being written throughout.
        var settings = new Dictionary<string, string?> { ["Writer:Offline:StepDelay"] = "00:02:00" };
        await using (var nodeA = BenchApp.Start(database, settings))
        await using (var nodeB = BenchApp.Start(database, new Dictionary<string, string?>(settings) { ["Roles:Worker"] = "false" }))
        {
            using var api = await new ApiClient(ApiClient.NewHttp(nodeA.Address)).SignUpAsync();

            Console.WriteLine($"## preview delivery, publish → client ({updates} updates, one every 20 ms, on a step being written)");
            await DeliveryAsync("one node", nodeA, nodeA.Address, api, updates);
            await DeliveryAsync("two nodes (written on A, client on B)", nodeA, nodeB.Address, api, updates);

            Console.WriteLine("## what a preview update costs PostgreSQL (upsert of the step's row + NOTIFY, one round trip)");
            await CostAsync(nodeA, updates * 4, writers: 1);
            await CostAsync(nodeA, updates * 4, writers: 8);
        }

        var steps = options.GetInt32("steps", 300);
        var rate = options.GetInt32("rate", 5);
        var seconds = options.GetInt32("seconds", 20);
        foreach (var db in options.Get("scale-db", "postgres,sqlite").Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            Console.WriteLine($"## one node ({db}) carrying {steps} steps being written at once, {rate} previews/s each, one watcher each ({seconds} s)");
            if (db == "postgres")
            {
                await PreviewScale.RunAsync(database, steps, rate, seconds);
            }
            else
            {
                await using var other = await BenchDatabase.CreateAsync(db);
                await PreviewScale.RunAsync(other, steps, rate, seconds);
            }
        }

        return 0;
    }

    private static async Task<(double Words, double Content)> FirstWordsAsync(ApiClient api, string name)
    {
        var projectId = await api.ProjectWithIntakeAsync(projectName: name);
        using var stream = await SseClient.ConnectAsync(api.Http, api.Token!, projectId, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var events = SseClient.ReadEventsAsync(stream, timeout.Token).GetAsyncEnumerator(timeout.Token);
        await events.MoveNextAsync(); // the idle status
        var clicked = Stopwatch.GetTimestamp();
        using var started = await api.StartAsync(projectId, ct: timeout.Token);
        var runId = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json, timeout.Token))!.RunId;
        double? words = null;
        double? content = null;
        while ((words is null || content is null) && await events.MoveNextAsync())
        {
            var e = events.Current;
            if (e.Type == StreamPreviewsType && SseClient.ParsePreview(e.Data).RunId == runId)
            {
                words ??= Stats.Ms(clicked, e.Timestamp);
            }
            else if (e.Type == GenerationEvents.EventType && SseClient.Parse(e.Data) is { } s && s.RunId == runId && s.CompletedSteps.Count > 0)
            {
                content ??= Stats.Ms(clicked, e.Timestamp);
            }
        }

        await events.DisposeAsync();
        await api.PostJsonAsync("/api/generate/cancel", new { projectId });
        return (words!.Value, content!.Value);
    }

    private const string StreamPreviewsType = "preview";

    /// <summary>
    /// Publishes previews with the send time in them into the board of <paramref name="writer"/>, for a step its worker is
    /// writing (seq far above the writer's own, so they win), and times their arrival at a client of <paramref name="client"/>.
    /// </summary>
    private static async Task DeliveryAsync(string label, BenchApp writer, Uri client, ApiClient api, int updates)
    {
        var projectId = await api.ProjectWithIntakeAsync(projectName: label);
        using var http = ApiClient.NewHttp(client);
        using var stream = await SseClient.ConnectAsync(http, api.Token!, projectId, CancellationToken.None);
        using var started = await api.StartAsync(projectId);
        if (started.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
        }

        var status = await StatusWaits.WaitForAsync(writer.Services, projectId, s => s.CurrentSteps.Count > 0, TimeSpan.FromSeconds(30));
        var step = status.Progress.First(p => p.Status == StepStatus.InProgress);
        var board = writer.Services.GetRequiredService<PreviewBoard>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var latencies = new List<double>();
        var reading = Task.Run(async () =>
        {
            await foreach (var e in SseClient.ReadEventsAsync(stream, timeout.Token))
            {
                if (e.Type == StreamPreviewsType && SseClient.ParsePreview(e.Data) is { Seq: > 1_000_000 } p && p.Step == step.Step)
                {
                    var sent = p.Content.GetProperty("sentAt").GetInt64();
                    latencies.Add(Stats.Ms(sent, e.Timestamp));
                    if (p.Seq == 1_000_000 + updates)
                    {
                        return;
                    }
                }
            }
        });
        for (var i = 1; i <= updates; i++)
        {
            var json = string.Create(CultureInfo.InvariantCulture, $"{{\"name\":\"Preview {i}\",\"tagline\":\"{new string('x', 300)}\",\"sentAt\":{Stopwatch.GetTimestamp()}}}");
            await board.PublishAsync(projectId, new LivePreview(status.RunId!.Value, step.Step, step.Attempt, 1_000_000 + i, json), timeout.Token);
            await Task.Delay(20, timeout.Token);
        }

        await reading.WaitAsync(timeout.Token);
        await api.PostJsonAsync("/api/generate/cancel", new { projectId });
        Console.WriteLine($"{label}: {Stats.Format(Stats.Summarize(latencies))} ({latencies.Count} of {updates} received; the rest folded into later ones)");
    }

    private static async Task CostAsync(BenchApp app, int updates, int writers)
    {
        var board = app.Services.GetRequiredService<PreviewBoard>();
        var content = "{\"name\":\"" + new string('x', 1500) + "\"}"; // a typical mid-step preview, 1.5 KB
        var projects = Enumerable.Range(0, writers).Select(_ => Guid.NewGuid()).ToList();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(projects.Select(async projectId =>
        {
            var runId = Guid.NewGuid();
            for (var i = 1; i <= updates / writers; i++)
            {
                await board.PublishAsync(projectId, new LivePreview(runId, 2, 1, i, content), CancellationToken.None);
            }
        }));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var appCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine($"{writers} writer(s): {updates} updates in {Stats.F(seconds, "0.00")} s = {Stats.F(updates / seconds, "0")} updates/s, "
            + $"{Stats.F(seconds * 1000 * writers / updates, "0.00")} ms a round trip, app CPU {Stats.F(appCpu * 1000 / updates, "0")} µs an update (both nodes' listeners included)");
        foreach (var projectId in projects)
        {
            await board.EndAsync(projectId, 2, Guid.Empty, 1);
        }
    }
}
