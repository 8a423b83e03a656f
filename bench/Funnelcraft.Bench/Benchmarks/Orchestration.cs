using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Intakes;
using Funnelcraft.Operations;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Writers;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// Benchmark 5: orchestration overhead. Runs/s end to end (POST → every run finished) with a zero-delay writer, on
/// PostgreSQL and on SQLite, against the limit: the same seven steps' writer calls (13 calls: the deck makes seven, its
/// outline and six parts) made in a plain loop with no persistence, on as many parallel loops as the machine has cores.
/// The writer is <c>--writer canned</c> (default: zero delay and no work, each step's content written once by the
/// offline writer) or <c>--writer offline</c> (the offline writer composes every answer).
/// </summary>
public static class Orchestration
{
    public static async Task<int> RunAsync(Options options)
    {
        var runs = options.GetInt32("runs", 1000);
        // canned: the offline writer's content, written once per step and then answered at once (orchestration alone);
        // offline: the offline writer composes every answer (its CPU is part of each run).
        var writer = options.Get("writer", "canned");
        Console.WriteLine($"writer: {writer}");
        var failures = 0;
        (double RunsPerSecond, double WriterMsPerRun)? limit = null;
        foreach (var db in options.List("db", "postgres,sqlite"))
        {
            await using var database = await BenchDatabase.CreateAsync(db);
            var settings = new Dictionary<string, string?> { [BenchApp.TracingSetting] = options.Get("tracing", "off"), [CannedWriter.Setting] = writer };
            if (database.IsPostgres && options.Get("npgsql-tuning", "on") == "off")
            {
                // A/B: Npgsql's own defaults instead of the app's (statement preparation, no reset on close).
                settings["ConnectionStrings:Funnelcraft"] = database.ConnectionString + ";Max Auto Prepare=0;No Reset On Close=false";
            }

            await using var app = BenchApp.Start(database, settings);
            limit ??= await LimitAsync(app, runs);
            failures += await OrchestratedAsync(app, database, runs, options.GetInt32("warmup", 600), limit.Value, options.GetInt32("shapes", 8));
        }

        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> OrchestratedAsync(BenchApp app, BenchDatabase database, int runs, int warmup, (double RunsPerSecond, double WriterMsPerRun) limits, int shapes)
    {
        var provider = database.Provider;
        var limit = limits.RunsPerSecond;
        using var api = await new ApiClient(ApiClient.NewHttp(app.Address, maxConnections: 32)).SignUpAsync();
        // warmup: long enough for tiered compilation (tier 0 → instrumented → tier 1) to settle on the hot paths
        var projects = new List<Guid>();
        for (var i = 0; i < runs + warmup; i++)
        {
            projects.Add(await api.ProjectWithIntakeAsync(projectName: $"Orchestration {i}"));
        }

        await RunAllAsync(app, api, projects[..warmup]);
        using var commands = new CommandCounter();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var dbCpu = database.ServerCpuTime();
        var clock = Stopwatch.StartNew();
        var (completed, errors) = await RunAllAsync(app, api, projects[warmup..]);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var dbCpuMs = (database.ServerCpuTime() - dbCpu).TotalMilliseconds;
        var sqlPerRun = commands.Count / (double)runs;
        var rps = runs / seconds;
        var overheadPerStep = ((1 / rps) - (1 / limit)) * 1000 / StepCatalog.All.Count;
        Console.WriteLine($"{provider}: {runs} runs in {Stats.F(seconds, "0.00")} s = {Stats.F(rps, "0.0")} runs/s (target ≥ 100 on PostgreSQL); "
            + $"{completed} completed, {errors} errors; vs the limit {Stats.F(rps / limit * 100, "0.0")}%; "
            + $"overhead {Stats.F(overheadPerStep, "0.00")} ms of machine time per step");
        foreach (var (shape, count) in commands.Top(shapes))
        {
            Console.WriteLine($"    {Stats.F(count / (double)runs, "0.0"),5} per run  {shape}");
        }

        Console.WriteLine($"  per run: {Stats.F(sqlPerRun, "0")} SQL commands; CPU {Stats.F(cpuMs / runs, "0.0")} ms in this process (app + HTTP client)"
            + (database.IsPostgres ? $" + {Stats.F(dbCpuMs / runs, "0.0")} ms in PostgreSQL" : " (SQLite is inside it)")
            + $"; the writer's share {Stats.F(limits.WriterMsPerRun, "0.0")} ms → orchestration CPU per step "
            + $"{Stats.F(((cpuMs + dbCpuMs) / runs - limits.WriterMsPerRun) / StepCatalog.All.Count, "0.00")} ms");
        return errors == 0 && completed == runs ? 0 : 1;
    }

    /// <summary>Starts a run on each project (16 POSTs in flight) and waits until each has finished.</summary>
    private static async Task<(int Completed, int Errors)> RunAllAsync(BenchApp app, ApiClient api, IReadOnlyList<Guid> projects)
    {
        var completed = 0;
        var errors = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        using var gate = new SemaphoreSlim(16);
        var all = projects.Select(async projectId =>
        {
            using var subscription = app.Feed.Subscribe(projectId);
            Guid? runId;
            await gate.WaitAsync(timeout.Token);
            try
            {
                using var started = await api.StartAsync(projectId, regenerate: true, ct: timeout.Token);
                if (started.StatusCode != HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref errors);
                    return;
                }

                runId = (await started.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json, timeout.Token))!.RunId;
            }
            finally
            {
                gate.Release();
            }

            while (true)
            {
                var status = await subscription.Reader.ReadAsync(timeout.Token);
                if (status.RunId == runId && status.RunStatus is { } s && !RunStatus.IsActive(s))
                {
                    Interlocked.Increment(ref s == RunStatus.Completed ? ref completed : ref errors);
                    return;
                }
            }
        }).ToList();
        await Task.WhenAll(all);
        return (completed, errors);
    }

    /// <summary>
    /// Counts the database commands the app runs, on either provider: the spans of EF Core's instrumentation, and the
    /// executor's batches (<c>db.batch</c>, one command of several statements each, shown by its first statement).
    /// </summary>
    private sealed class CommandCounter : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _shapes = new();
        private long _count;

        public CommandCounter()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "OpenTelemetry.Instrumentation.EntityFrameworkCore" or GenerationTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded, // the statement text is a tag, set only on recorded spans
                ActivityStopped = activity =>
                {
                    var batch = activity.OperationName == "db.batch";
                    if (activity.Source.Name == GenerationTelemetry.Name && !batch)
                    {
                        return; // a run's or a step's span
                    }

                    Interlocked.Increment(ref _count);
                    var sql = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")) as string ?? activity.DisplayName;
                    _shapes.AddOrUpdate(batch ? $"batch of {activity.GetTagItem("db.operation.batch.size")}: {Shape(sql)}" : Shape(sql), 1, (_, n) => n + 1);
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public long Count => Interlocked.Read(ref _count);

        public IEnumerable<(string Shape, int Count)> Top(int n) => _shapes.OrderByDescending(kv => kv.Value).Take(n).Select(kv => (kv.Key, kv.Value));

        // The statement's first words and its table: enough to tell the app's queries apart.
        private static string Shape(string sql)
        {
            var flat = string.Join(' ', sql.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            var from = flat.IndexOf(" FROM ", StringComparison.OrdinalIgnoreCase);
            var head = flat.Length > 48 ? flat[..48] : flat;
            return from > 48 ? $"{head} … {flat[from..Math.Min(flat.Length, from + 40)]}" : flat.Length > 90 ? flat[..90] : flat;
        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The limit: each run's seven steps written in a plain loop (no database, no status), one loop per core.</summary>
    private static async Task<(double RunsPerSecond, double WriterMsPerRun)> LimitAsync(BenchApp app, int runs)
    {
        var writer = app.Services.GetRequiredService<IStepWriter>();
        var intake = IntakeBrief.From([new Intake
        {
            Method = "form",
            BusinessName = "Harbor Lane Yoga",
            Industry = "Health & wellness",
            TargetAudience = "desk workers with back pain",
            MainProblem = "chronic lower back pain from sitting all day",
            CurrentSolution = "painkillers and the odd massage",
            DesiredOutcome = "move without pain and sleep through the night",
            PricePoint = "$497",
            Timeline = "8 weeks",
        }]);

        async Task OneRunAsync()
        {
            var none = StepReports.None;
            var offerJson = await writer.WriteAsync(StepCatalog.Get(StepCatalog.Offer), new StepInputs(intake, null, null), none, CancellationToken.None);
            var deckJson = await writer.WriteAsync(StepCatalog.Get(StepCatalog.Deck), new StepInputs(intake, null, null), none, CancellationToken.None);
            var offer = JsonSerializer.Deserialize<OfferContent>(offerJson.Json, ContentJson.Options);
            var deck = JsonSerializer.Deserialize<DeckContent>(deckJson.Json, ContentJson.Options);
            foreach (var step in new[] { StepCatalog.Enrollment, StepCatalog.Watch, StepCatalog.Registration, StepCatalog.Followup, StepCatalog.MarketingProfile })
            {
                await writer.WriteAsync(StepCatalog.Get(step), new StepInputs(intake, offer, deck), none, CancellationToken.None);
            }
        }

        for (var i = 0; i < 20; i++)
        {
            await OneRunAsync(); // warm-up
        }

        var sequential = Stopwatch.StartNew();
        var few = Math.Max(runs / 4, 10);
        for (var i = 0; i < few; i++)
        {
            await OneRunAsync();
        }

        var oneLoop = few / sequential.Elapsed.TotalSeconds;
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < runs)
            {
                await OneRunAsync();
            }
        })));
        var parallel = runs / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"limit (writer calls only, no persistence): {Stats.F(parallel, "0.0")} runs/s on {Environment.ProcessorCount} loops; "
            + $"{Stats.F(oneLoop, "0.0")} runs/s on one loop ({Stats.F(1000 / oneLoop, "0.00")} ms per run, {StepCatalog.All.Sum(s => s.TotalCalls)} writer calls)");
        return (parallel, 1000 / oneLoop);
    }
}
