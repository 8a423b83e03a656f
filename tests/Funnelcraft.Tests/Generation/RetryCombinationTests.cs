using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Generation;

/// <summary>
/// Every combination the step graph allows, generated from <see cref="StepCatalog"/>: which steps that need nothing fail
/// in the first run × which retries follow (each failed or skipped step alone — a failed step brings back what needs it,
/// a skipped one what it needs —, the failed steps one after the other, or all failed at once), with the fault cleared
/// or still there. Each run must end, every step must end in a final state, and each outcome must be what the graph says.
/// </summary>
public abstract class RetryCombinationTests(RetryCombinationApp fixture, PostgresCluster cluster)
{
    private const string RetryFailed = "retry-failed";

    public static TheoryData<string, string, bool> Cases
    {
        get
        {
            var cases = new TheoryData<string, string, bool>();
            var roots = StepCatalog.All.Where(s => s.Needs.Count == 0).Select(s => s.Number).ToList();
            for (var mask = 1; mask < 1 << roots.Count; mask++)
            {
                var failing = roots.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                var afterFirst = Model.Run(Model.AllPending, StepCatalog.Numbers, failing);
                var retryable = afterFirst.Where(s => s.Value is StepStatus.Failed or StepStatus.Skipped).Select(s => s.Key).OrderBy(StepCatalog.OrderOf);
                List<List<string>> plans = [.. retryable.Select(s => new List<string> { StepCatalog.Get(s).Key }), [RetryFailed]];
                foreach (var persists in new[] { false, true })
                {
                    foreach (var plan in plans)
                    {
                        cases.Add(Keys(failing), string.Join(", then ", plan), persists);
                    }
                }

                // Both failed steps retried one after the other, in each order (with the fault cleared: they end completed).
                foreach (var order in Permutations(failing).Where(p => p.Count > 1))
                {
                    cases.Add(Keys(failing), string.Join(", then ", order.Select(s => StepCatalog.Get(s).Key)), false);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Every_run_ends_with_every_step_final_and_as_the_graph_says(string failing, string plan, bool faultPersists)
    {
        if (fixture.Kind == DatabaseKind.Postgres)
        {
            cluster.EnsureAvailable();
        }

        var app = fixture.App;
        var api = fixture.Api;
        var faulty = failing.Split('+').Select(k => StepCatalog.All.Single(s => s.Key == k).Number).ToList();
        var projectId = await api.ProjectWithIntakeAsync();
        SetFaults(faulty);

        var first = await api.GenerateAsync(projectId);

        var expected = Model.Run(Model.AllPending, StepCatalog.Numbers, faulty);
        AssertOutcome(expected, first);
        if (!faultPersists)
        {
            fixture.Writer.Failing.Clear();
        }

        var status = first;
        foreach (var retry in plan.Split(", then "))
        {
            var targets = retry == RetryFailed
                ? [.. expected.Where(s => s.Value is StepStatus.Failed or StepStatus.Skipped).Select(s => s.Key)]
                : new List<int> { StepCatalog.All.Single(s => s.Key == retry).Number };
            var response = retry == RetryFailed
                ? await api.PostJsonAsync("/api/generate/retry-failed", new { projectId })
                : await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = targets[0] });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var queued = (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
            var reopened = Model.Reopened(expected, targets);

            // At once: the steps written again are pending, those of them that need a step left failed or skipped are skipped.
            Assert.Equal(first.RunId, queued.RunId);
            Assert.True(queued.IsGenerating);
            foreach (var step in StepCatalog.Numbers)
            {
                var now = queued.Progress.Single(p => p.Step == step).Status;
                var blocked = reopened.Contains(step) && StepCatalog.Get(step).Needs.Any(n => !reopened.Contains(n) && expected[n] != StepStatus.Completed);
                Assert.True(
                    now == (!reopened.Contains(step) ? expected[step] : blocked ? StepStatus.Skipped : StepStatus.Pending),
                    $"after asking to {retry}, step {step} is {now}");
            }

            status = await app.WaitForAsync(projectId, s => s.Version > queued.Version && FunnelcraftApp.Finished(s), TimeSpan.FromSeconds(30));
            expected = Model.Run(expected, reopened, faultPersists ? faulty : []);
            AssertOutcome(expected, status);
        }

        Assert.Equal(first.RunId, status.RunId);
        foreach (var step in StepCatalog.All)
        {
            using var content = await api.Http.GetAsync($"/api/projects/{projectId}/steps/{step.Key}");
            Assert.Equal(expected[step.Number] == StepStatus.Completed ? HttpStatusCode.OK : HttpStatusCode.NotFound, content.StatusCode);
        }

        await Invariants.AssertHoldAsync(app, projectId);
    }

    private void SetFaults(IEnumerable<int> steps)
    {
        fixture.Writer.Failing.Clear();
        foreach (var step in steps)
        {
            fixture.Writer.Failing[StepCatalog.Get(step).Key.Replace('-', '_')] = true;
        }
    }

    /// <summary>The run ended as its steps say, every step is final and as expected, and every skip names a need that did not complete.</summary>
    private static void AssertOutcome(IReadOnlyDictionary<int, string> expected, GenerationStatus status)
    {
        Assert.False(status.IsGenerating);
        var completed = expected.Values.Count(s => s == StepStatus.Completed);
        Assert.Equal(completed == expected.Count ? RunStatus.Completed : completed > 0 ? RunStatus.CompletedWithErrors : RunStatus.Failed, status.RunStatus);
        foreach (var step in status.Progress)
        {
            Assert.True(StepStatus.IsFinished(step.Status), $"step {step.Step} is {step.Status}");
            Assert.True(expected[step.Step] == step.Status, $"step {step.Step} is {step.Status}, expected {expected[step.Step]}");
            switch (step.Status)
            {
                case StepStatus.Skipped:
                    var blocker = StepCatalog.Get(step.Step).Needs.Select(StepCatalog.Get).FirstOrDefault(n => step.Error == $"Skipped because {n.Name} {(expected[n.Number] == StepStatus.Failed ? "failed" : "was skipped")}.");
                    Assert.True(blocker is not null && expected[blocker.Number] != StepStatus.Completed, $"step {step.Step}: {step.Error}");
                    break;
                case StepStatus.Failed:
                    Assert.Equal("The AI provider had an error (HTTP 500). (gave up after 3 attempts)", step.Error);
                    break;
                default:
                    Assert.Null(step.Error);
                    break;
            }
        }

        Assert.Equal(expected.Where(s => s.Value == StepStatus.Failed).Select(s => s.Key).Order(), status.FailedSteps.Select(f => f.Step).Order());
    }

    private static string Keys(IEnumerable<int> steps) => string.Join("+", steps.Select(s => StepCatalog.Get(s).Key));

    private static IEnumerable<List<int>> Permutations(List<int> items) => items.Count <= 1
        ? [items]
        : items.SelectMany(first => Permutations([.. items.Where(i => i != first)]).Select(rest => new List<int> { first }.Concat(rest).ToList()));

    /// <summary>What the step graph says a run does, from <see cref="StepCatalog"/>'s needs alone.</summary>
    private static class Model
    {
        public static IReadOnlyDictionary<int, string> AllPending { get; } = StepCatalog.Numbers.ToDictionary(n => n, _ => StepStatus.Pending);

        /// <summary>
        /// Writes <paramref name="todo"/> in dependency order: a step whose needs did not all complete is skipped, a step
        /// the writer fails on is failed, the others complete; steps not written keep their state.
        /// </summary>
        public static Dictionary<int, string> Run(IReadOnlyDictionary<int, string> before, IEnumerable<int> todo, IReadOnlyCollection<int> faulty)
        {
            var after = new Dictionary<int, string>(before);
            var pending = todo.ToHashSet();
            while (pending.Count > 0)
            {
                var next = pending.First(s => StepCatalog.Get(s).Needs.All(n => !pending.Contains(n)));
                pending.Remove(next);
                after[next] = StepCatalog.Get(next).Needs.Any(n => after[n] != StepStatus.Completed) ? StepStatus.Skipped
                    : faulty.Contains(next) ? StepStatus.Failed
                    : StepStatus.Completed;
            }

            return after;
        }

        /// <summary>A retry writes its targets again, with the unfinished steps they need and every unfinished step that needs them.</summary>
        public static HashSet<int> Reopened(Dictionary<int, string> before, IEnumerable<int> targets)
        {
            var again = targets.ToHashSet();
            var grew = true;
            while (grew)
            {
                grew = false;
                foreach (var need in again.SelectMany(s => StepCatalog.Get(s).Needs).Where(n => before[n] != StepStatus.Completed).ToList())
                {
                    grew |= again.Add(need);
                }
            }

            foreach (var dependent in again.ToList().SelectMany(StepCatalog.DependentsOf).Where(d => before[d] != StepStatus.Completed))
            {
                again.Add(dependent);
            }

            return again;
        }
    }
}

/// <summary>One app per database for all the combinations (they run one after another and share the scripted writer).</summary>
public abstract class RetryCombinationApp(PostgresCluster cluster) : IAsyncLifetime
{
    public abstract DatabaseKind Kind { get; }

    public ScriptedWriter Writer { get; } = new();

    public FunnelcraftApp App { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres && !cluster.IsAvailable)
        {
            return; // each test skips (or fails, when PostgreSQL is required) with the cluster's message
        }

        App = await FunnelcraftApp.StartAsync(Kind, cluster, services: Writer.Install);
        Api = await App.Client().SignUpAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    public sealed class OnSqlite(PostgresCluster cluster) : RetryCombinationApp(cluster)
    {
        public override DatabaseKind Kind => DatabaseKind.Sqlite;
    }

    public sealed class OnPostgres(PostgresCluster cluster) : RetryCombinationApp(cluster)
    {
        public override DatabaseKind Kind => DatabaseKind.Postgres;
    }
}

public sealed class RetryCombinationTestsOnSqlite(RetryCombinationApp.OnSqlite fixture, PostgresCluster cluster)
    : RetryCombinationTests(fixture, cluster), IClassFixture<RetryCombinationApp.OnSqlite>;

public sealed class RetryCombinationTestsOnPostgres(RetryCombinationApp.OnPostgres fixture, PostgresCluster cluster)
    : RetryCombinationTests(fixture, cluster), IClassFixture<RetryCombinationApp.OnPostgres>;
