using Funnelcraft.Bench.Benchmarks;
using Funnelcraft.Bench.Infrastructure;

namespace Funnelcraft.Bench;

// Benchmarks of docs/benchmarks.md and docs/reliability.md. One command each:
//   dotnet run -c Release --project bench/Funnelcraft.Bench -- <benchmark> [--option value …]
/// <summary>The entry point (named so that it does not clash with the app's <c>Program</c>).</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var options = Options.Parse(args);
        if (options.Command == "host")
        {
            return await HostProcess.RunHostAsync(options); // the child process of sse-fanout and soak
        }

        Func<Options, Task<int>>? benchmark = options.Command switch
        {
            "sse-latency" => SseLatency.RunAsync,
            "status-throughput" => StatusThroughput.RunAsync,
            "sse-fanout" => SseFanout.RunAsync,
            "time-to-content" => TimeToContent.RunAsync,
            "orchestration" => Orchestration.RunAsync,
            "soak" => Soak.RunAsync,
            "failover" => Failover.RunAsync,
            "deck-export" => DeckExport.RunAsync,
            "partial-json" => PartialJsonCost.RunAsync,
            "previews" => PreviewDelivery.RunAsync,
            _ => null,
        };
        if (benchmark is null)
        {
            Console.WriteLine("""
                usage: dotnet run -c Release --project bench/Funnelcraft.Bench -- <benchmark> [options]
                  sse-latency        change → SSE client latency: one node, two nodes, two via nginx [--db postgres|sqlite] [--changes 500] [--runs 5]
                  status-throughput  status GET 304 vs a bare endpoint vs a DB read per poll     [--db postgres|sqlite] [--seconds 2] [--rounds 9] [--concurrency 32] [--tracing on|off]
                  sse-fanout         N SSE subscribers on one run: delivery p99, memory each     [--subscribers 1000,5000,10000] [--step-delay 00:00:00.500]
                  time-to-content    a run with a 2 s writer delay: wall time vs sum of steps    [--db postgres|sqlite] [--runs 3] [--step-delay 00:00:02]
                  orchestration      runs/s with a zero-delay writer vs the bare writer loop     [--db postgres,sqlite] [--runs 1000] [--warmup 600] [--writer canned|offline] [--tracing on|off] [--npgsql-tuning on|off]
                  soak               60 s of pollers, SSE clients and runs                      [--seconds 60] [--pollers 1000] [--sse 1000] [--projects 200]
                  failover           node killed / stopped mid-run → run resumed on the other   [--trials 6] [--lease 00:00:05] [--poll 00:00:01]
                  deck-export        a 60-slide deck as PowerPoint vs the same deck as JSON     [--rounds 200] [--slides 60]
                  partial-json       streamed answer reader: incremental vs re-parse per token   [--rounds 15]
                  previews           click → first words vs first content; preview delivery p99 one/two nodes; PG cost per update; one node with N steps previewing at once [--runs 3] [--updates 300] [--steps 300] [--rate 5] [--seconds 20] [--scale-db postgres,sqlite]
                every benchmark also takes --quiet-below <load> to wait (≤ 10 min) for a 1-minute load average below it,
                and --set Key=Value (repeatable) to change an app setting, e.g. --set Generation:MaxConcurrentRuns=32.
                """);
            return 2;
        }

        BenchApp.Overrides = options.Settings;
        Console.WriteLine($"# {options.Command}{string.Concat(options.Settings.Select(kv => $" --set {kv.Key}={kv.Value}"))}");
        Console.WriteLine($"machine: {Machine.Describe()}");
        await Machine.WaitForQuietAsync(options.GetDouble("quiet-below", 0), TimeSpan.FromMinutes(10));
        Console.WriteLine($"start load: {Machine.LoadAverage()}");
        var result = await benchmark(options);
        Console.WriteLine($"end load: {Machine.LoadAverage()}");
        return result;
    }
}
