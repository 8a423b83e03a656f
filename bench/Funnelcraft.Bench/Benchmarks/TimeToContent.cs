using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation;
using Funnelcraft.Steps;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Benchmark 4: time to all content with a fixed writer delay per call (2 s): the wall time of a run, from the POST to
/// the client seeing it finished, against the sum of its step times (what running the steps one after another, as the
/// seed did, would take). The deck writes its outline, then its six parts at once (seven calls, two call-times), so
/// the critical path is deck (2 call-times) then a page (1 call).
/// </summary>
public static class TimeToContent
{
    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.GetInt32("runs", 3);
        var delay = TimeSpan.Parse(options.Get("step-delay", "00:00:02"), System.Globalization.CultureInfo.InvariantCulture);
        await using var database = await BenchDatabase.CreateAsync(options.Get("db", "postgres"));
        await using var app = BenchApp.Start(database, new Dictionary<string, string?>
        {
            ["Writer:Offline:StepDelay"] = delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        });
        using var api = await new ApiClient(ApiClient.NewHttp(app.Address)).SignUpAsync();
        var calls = StepCatalog.All.Sum(s => s.TotalCalls);
        var callTimes = StepCatalog.All.Sum(s => s.Calls);
        var critical = StepCatalog.Get(StepCatalog.Deck).Calls + 1;
        Console.WriteLine($"database: {database.Provider}; writer delay {delay.TotalSeconds} s per call; {calls} calls in 7 steps, {callTimes * delay.TotalSeconds} s of step time "
            + $"(the deck's outline, then its {StepCatalog.DeckParts} parts at once); critical path deck ({critical - 1} call-times) → page (1 call) = {critical * delay.TotalSeconds} s; "
            + $"best possible ratio {Stats.F((double)callTimes / critical, "0.00")}×");

        var ratios = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var projectId = await api.ProjectWithIntakeAsync(projectName: $"Time to content {run}");
            using var stream = await SseClient.ConnectAsync(api.Http, api.Token!, projectId, CancellationToken.None);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var events = SseClient.ReadTimedAsync(stream, timeout.Token).GetAsyncEnumerator(timeout.Token);
            await events.MoveNextAsync(); // the idle status, sent on connect

            var clicked = Stopwatch.GetTimestamp();
            using var started = await api.StartAsync(projectId, regenerate: false, ct: timeout.Token);
            if (started.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"start answered {(int)started.StatusCode}");
            }

            var runId = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json, timeout.Token))!.RunId;
            double? firstContent = null;
            GenerationStatus? last = null;
            long finishedAt = 0;
            while (await events.MoveNextAsync())
            {
                var status = SseClient.Parse(events.Current.Data);
                if (status.RunId != runId)
                {
                    continue;
                }

                firstContent ??= status.CompletedSteps.Count > 0 ? Stats.Ms(clicked, events.Current.Timestamp) / 1000 : null;
                if (status.RunStatus is { } s && !RunStatus.IsActive(s))
                {
                    last = status;
                    finishedAt = events.Current.Timestamp;
                    break;
                }
            }

            await events.DisposeAsync();
            if (last is null || last.RunStatus != RunStatus.Completed)
            {
                throw new InvalidOperationException($"run {runId} ended {last?.RunStatus ?? "unseen"}");
            }

            var wall = Stats.Ms(clicked, finishedAt) / 1000;
            var sum = last.Progress.Sum(p => (p.CompletedAt!.Value - p.StartedAt!.Value).TotalSeconds);
            ratios.Add(sum / wall);
            var origin = last.StartedAt!.Value;
            Console.WriteLine($"run {run + 1}: wall {Stats.F(wall, "0.00")} s (POST → finished event), first content {Stats.F(firstContent ?? double.NaN, "0.00")} s, "
                + $"sum of steps {Stats.F(sum, "0.00")} s → speed-up {Stats.F(sum / wall, "0.00")}×");
            foreach (var p in last.Progress.OrderBy(p => p.StartedAt))
            {
                Console.WriteLine($"    {p.StepKey,-18} {Stats.F((p.StartedAt!.Value - origin).TotalSeconds, "0.00"),6} → {Stats.F((p.CompletedAt!.Value - origin).TotalSeconds, "0.00"),6} s");
            }
        }

        Console.WriteLine($"speed-up (sum of step times / wall): median {Stats.F(Stats.Median(ratios), "0.00")}× over {runs} runs (target ≥ 2.5×)");
        return 0;
    }
}
