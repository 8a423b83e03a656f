using System.Text.Json;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.Generation;
using Funnelcraft.Pages.FunnelBuilder;
using Funnelcraft.Steps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>
/// The server renders a page's first state in C# (StepRowView, RunSummaryView, ProjectStateView, FunnelUrls,
/// ContentModel.IsBeingWritten); the browser applies wwwroot/js/live/view-rules.js to every later status. This runs
/// every step state, run summary, time-left, project-state and address case through both, in the browser the
/// module is written for, and compares: a rule changed on one side only fails here.
/// </summary>
public sealed class ViewRulesAgreementTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly Guid ProjectId = Guid.Parse("0190a3c4-0000-7000-8000-000000000001");
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] StepStatuses = [StepStatus.Pending, StepStatus.InProgress, StepStatus.Completed, StepStatus.Failed, StepStatus.Skipped, StepStatus.Cancelled];
    private static readonly string[] RunStatuses = [RunStatus.Queued, RunStatus.Running, RunStatus.Completed, RunStatus.CompletedWithErrors, RunStatus.Failed, RunStatus.Cancelled];

    [BrowserFact]
    public async Task Every_step_row_is_described_the_same_by_the_server_and_the_module()
    {
        var cases = new List<(StepProgress P, bool RunActive, bool RetryAll)>();
        foreach (var step in StepCatalog.All)
        {
            foreach (var status in StepStatuses)
            {
                foreach (var detail in new[] { null, "", "slides 30/60", "outline", "Attempt 2" })
                {
                    foreach (var error in new[] { null, "", "The AI provider refused the request." })
                    {
                        foreach (var percent in new[] { 0, 57 })
                        {
                            foreach (var (runActive, retryAll) in new[] { (false, false), (true, false), (false, true) })
                            {
                                cases.Add((Progress(step, status, detail: detail, error: error, percent: percent), runActive, retryAll));
                            }
                        }
                    }
                }
            }
        }

        var js = await EvaluateAsync(
            "(m, cases) => cases.map(c => m.describeStep(c.p, { projectId: c.projectId, runActive: c.runActive, retryAll: c.retryAll }))",
            cases.Select(c => new { p = c.P, projectId = ProjectId, runActive = c.RunActive, retryAll = c.RetryAll }));
        for (var i = 0; i < cases.Count; i++)
        {
            var cs = StepRowView.From(cases[i].P, ProjectId, cases[i].RunActive, cases[i].RetryAll);
            var expected = new { icon = cs.Icon, state = cs.StateText, detail = cs.Detail, percent = cs.Percent, href = cs.Href, retry = cs.CanRetry };
            Assert.True(JsonEquals(expected, js[i]), $"case {Describe(cases[i].P)} runActive={cases[i].RunActive} retryAll={cases[i].RetryAll}: C# {Json(expected)} vs JS {js[i]}");
        }
    }

    [BrowserFact]
    public async Task Every_run_summary_and_time_left_is_the_same_on_both_sides()
    {
        var statuses = new List<GenerationStatus>();
        foreach (var runStatus in RunStatuses)
        {
            foreach (var mix in Mixes())
            {
                foreach (var eta in new long?[] { null, -10_000, -1, 0, 2_500, 5_000, 5_001, 30_000, 44_999, 45_000, 89_999, 90_000, 150_000, 3_600_000 })
                {
                    statuses.Add(Status(runStatus, mix, eta));
                }
            }
        }

        var js = await EvaluateAsync("(m, c) => c.statuses.map(s => ({ summary: m.summarize(s, c.now), timeLeft: m.timeLeft(s, c.now) }))",
            new { statuses, now = Now.ToUnixTimeMilliseconds() });
        for (var i = 0; i < statuses.Count; i++)
        {
            var s = RunSummaryView.From(statuses[i], Now)!;
            var expected = new
            {
                summary = new
                {
                    done = s.Done, failed = s.Failed, skipped = s.Skipped, total = s.Total, progress = s.Progress, active = s.Active,
                    title = s.Title, note = s.Note, canRetryAll = s.CanRetryAll, timeLeft = s.TimeLeft,
                },
                timeLeft = RunSummaryView.TimeLeftOf(statuses[i], Now),
            };
            Assert.True(JsonEquals(expected, js[i]), $"status {Json(statuses[i])}: C# {Json(expected)} vs JS {js[i]}");
        }

        Assert.Contains(statuses, s => RunSummaryView.TimeLeftOf(s, Now) == "taking longer than usual");
        Assert.Contains(statuses, s => RunSummaryView.TimeLeftOf(s, Now) == "almost done");
        Assert.Contains(statuses, s => RunSummaryView.TimeLeftOf(s, Now) == "about 3 min left");
    }

    [BrowserFact]
    public async Task Project_states_addresses_and_being_written_are_the_same_on_both_sides()
    {
        var statuses = new List<GenerationStatus?> { null, Status(null, [], null) };
        statuses.AddRange(RunStatuses.SelectMany(r => Mixes().Select(m => (GenerationStatus?)Status(r, m, 60_000))));
        var pieces = new[] { 0, 4, 7 };
        var js = await EvaluateAsync(
            "(m, c) => ({ states: c.statuses.flatMap(s => c.pieces.map(n => m.projectState(s, n, 7))), " +
            "urls: c.steps.map(n => m.stepUrl(c.projectId, n)), " +
            "writing: c.statuses.filter(s => s).flatMap(s => c.steps.map(n => m.isBeingWritten(s, n))) })",
            new { statuses, pieces, steps = StepCatalog.Numbers, projectId = ProjectId });
        var root = JsonDocument.Parse(js.Single()).RootElement;

        var states = root.GetProperty("states").EnumerateArray().ToList();
        var k = 0;
        foreach (var status in statuses)
        {
            foreach (var n in pieces)
            {
                var cs = ProjectStateView.From(status, n, StepCatalog.All.Count);
                var expected = new { state = cs.State, text = cs.Text };
                Assert.True(JsonEquals(expected, states[k].GetRawText()), $"project state of {Json(status)} with {n} pieces: C# {Json(expected)} vs JS {states[k]}");
                k++;
            }
        }

        Assert.Equal(StepCatalog.Numbers.Select(n => FunnelUrls.Step(ProjectId, n)), root.GetProperty("urls").EnumerateArray().Select(u => u.GetString()));
        var writing = root.GetProperty("writing").EnumerateArray().Select(w => w.GetBoolean()).ToList();
        Assert.Equal(statuses.OfType<GenerationStatus>().SelectMany(s => StepCatalog.Numbers.Select(n => ContentModel.IsBeingWritten(s, n))), writing);
        Assert.Contains(true, writing);
    }

    /// <summary>Progress arrays of the seven steps: each status for all, and mixes with failures, overruns and estimates.</summary>
    private static IEnumerable<IReadOnlyList<StepProgress>> Mixes()
    {
        var all = StepCatalog.All;
        foreach (var status in StepStatuses)
        {
            yield return [.. all.Select(s => Progress(s, status, percent: status == StepStatus.InProgress ? 40 : 0, estimateMs: 20_000, startedMsAgo: 5_000))];
        }

        string[][] mixes =
        [
            [StepStatus.Completed, StepStatus.InProgress, StepStatus.Pending, StepStatus.Pending, StepStatus.Pending, StepStatus.Pending, StepStatus.Pending],
            [StepStatus.Failed, StepStatus.Completed, StepStatus.Skipped, StepStatus.Completed, StepStatus.Completed, StepStatus.Skipped, StepStatus.Skipped],
            [StepStatus.Failed, StepStatus.Failed, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Skipped],
            [StepStatus.Completed, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Skipped, StepStatus.Completed, StepStatus.Completed],
            [StepStatus.Completed, StepStatus.Completed, StepStatus.Cancelled, StepStatus.Cancelled, StepStatus.Cancelled, StepStatus.Completed, StepStatus.Cancelled],
        ];
        foreach (var mix in mixes)
        {
            yield return [.. all.Select((s, i) => Progress(s, mix[i], percent: 25, estimateMs: 20_000, startedMsAgo: 2_000))];
        }

        // Time: a step within its estimate, one that overran it, a pending one that needs minutes, unknown estimates.
        foreach (var (estimate, ago) in new[] { (20_000L, 2_000L), (3_000L, 20_000L), (3_000L, 1_000L), (0L, 1_000L), (40_000L, 5_000L) })
        {
            yield return [.. all.Select((s, i) => Progress(s, i == 0 ? StepStatus.InProgress : i == 1 ? StepStatus.Completed : StepStatus.Pending,
                estimateMs: i == 0 ? estimate : i == 6 ? 90_000 : estimate, startedMsAgo: ago))];
            yield return [.. all.Select((s, i) => Progress(s, i < 2 ? StepStatus.InProgress : StepStatus.Completed, estimateMs: estimate, startedMsAgo: ago))];
        }
    }

    private static StepProgress Progress(StepDefinition step, string status, string? detail = null, string? error = null, int percent = 0, long estimateMs = 0, long startedMsAgo = 0) => new()
    {
        Step = step.Number,
        StepKey = step.Key,
        StepName = step.Name,
        Status = status,
        Error = error,
        Detail = detail,
        Percent = percent,
        Attempt = 1,
        StartedAt = status == StepStatus.Pending ? null : Now.AddMilliseconds(-startedMsAgo),
        CompletedAt = StepStatus.IsFinished(status) ? Now : null,
        EstimatedDurationMs = estimateMs,
        Usage = TokenUsage.None,
    };

    private static GenerationStatus Status(string? runStatus, IReadOnlyList<StepProgress> progress, long? etaMs) => new()
    {
        IsGenerating = runStatus is not null && RunStatus.IsActive(runStatus),
        CurrentStep = null,
        CompletedSteps = [.. progress.Where(p => p.Status == StepStatus.Completed).Select(p => p.Step)],
        FailedSteps = [],
        Progress = progress,
        StartedAt = runStatus is null ? null : Now.AddMinutes(-1),
        RunId = runStatus is null ? null : Guid.Parse("0190a3c4-0000-7000-8000-0000000000aa"),
        RunStatus = runStatus,
        CurrentSteps = [],
        Version = 3,
        EstimatedCompletionAt = etaMs is { } ms ? Now.AddMilliseconds(ms) : null,
        LastGeneratedAt = null,
        RegenerationCount = 0,
        ProjectId = ProjectId,
        IntakeId = null,
        Regenerate = false,
        CompletedAt = null,
        Usage = TokenUsage.None,
    };

    /// <summary>Runs <paramref name="function"/>(module, cases) in the page with view-rules.js imported; one JSON text per result.</summary>
    private async Task<IReadOnlyList<string>> EvaluateAsync(string function, object cases)
    {
        await Page.GotoAsync("/account/login");
        var json = JsonSerializer.Serialize(cases, App.Services.GetRequiredService<IOptions<HttpJsonOptions>>().Value.SerializerOptions);
        var result = await Page.EvaluateAsync<string>(
            $"async (json) => {{ const m = await import('/js/live/view-rules.js'); const r = ({function})(m, JSON.parse(json)); return JSON.stringify(Array.isArray(r) ? r : [r]); }}",
            json);
        return [.. JsonDocument.Parse(result).RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static string Json(object? value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);

    private static bool JsonEquals(object expected, string actual) => Same(JsonDocument.Parse(Json(expected)).RootElement, JsonDocument.Parse(actual).RootElement);

    private static bool Same(JsonElement a, JsonElement b) => (a.ValueKind, b.ValueKind) switch
    {
        (JsonValueKind.Object, JsonValueKind.Object) => a.EnumerateObject().Count() == b.EnumerateObject().Count()
            && a.EnumerateObject().All(p => b.TryGetProperty(p.Name, out var q) && Same(p.Value, q)),
        (JsonValueKind.Number, JsonValueKind.Number) => Math.Abs(a.GetDouble() - b.GetDouble()) < 1e-9,
        (JsonValueKind.String, JsonValueKind.String) => a.GetString() == b.GetString(), // "…" may be escaped on one side
        (JsonValueKind.Array, JsonValueKind.Array) => a.GetArrayLength() == b.GetArrayLength()
            && a.EnumerateArray().Zip(b.EnumerateArray()).All(x => Same(x.First, x.Second)),
        _ => a.ValueKind == b.ValueKind && a.ValueKind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null,
    };

    private static string Describe(StepProgress p) => $"{p.Step} {p.Status} detail={p.Detail ?? "null"} error={p.Error ?? "null"} percent={p.Percent}";
}
