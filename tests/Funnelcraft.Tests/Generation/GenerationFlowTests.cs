using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Generation;

/// <summary>The run lifecycle through the HTTP API, on SQLite and on PostgreSQL.</summary>
public abstract class GenerationFlowTests(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    protected FunnelcraftApp App { get; private set; } = null!;
    protected ScriptedWriter Writer { get; } = new();

    public async ValueTask InitializeAsync()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            cluster.EnsureAvailable();
        }

        App = await FunnelcraftApp.StartAsync(Kind, cluster, services: Writer.Install);
    }

    public async ValueTask DisposeAsync() => await App.DisposeAsync();

    [Fact]
    public async Task A_run_writes_all_seven_steps_about_the_intakes_business()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync("Harbor Lane Yoga");

        var response = await api.StartAsync(projectId);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/generate/generation-status?projectId={projectId}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var started = (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        Assert.True(started.IsGenerating);
        Assert.Equal(7, started.Progress.Count);
        Assert.Equal(StepCatalog.Numbers, started.Progress.Select(p => p.Step));

        var done = await App.WaitForAsync(projectId, s => s.RunId == started.RunId && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.False(done.IsGenerating);
        Assert.Equal(StepCatalog.Numbers.Order(), done.CompletedSteps.Order());
        Assert.All(done.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
        Assert.All(done.Progress, p => Assert.Equal(1, p.Attempt));
        Assert.Empty(done.FailedSteps);
        Assert.NotNull(done.LastGeneratedAt);

        foreach (var step in StepCatalog.All)
        {
            var content = await api.StepAsync(projectId, step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(step.Number, content.GetProperty("step").GetInt32());
            Assert.Equal(step.Name, content.GetProperty("stepName").GetString());
            Assert.Equal(1, content.GetProperty("version").GetInt32());
            Assert.Equal(started.RunId, content.GetProperty("runId").GetGuid());
            Assert.Contains("Harbor Lane Yoga", content.GetProperty("content").GetRawText(), StringComparison.Ordinal);
        }

        var deck = await api.StepAsync(projectId, "deck-structure");
        var slides = deck.GetProperty("content").GetProperty("slides");
        Assert.Equal(60, slides.GetArrayLength());
        Assert.Equal(Enumerable.Range(1, 60), slides.EnumerateArray().Select(s => s.GetProperty("slideNumber").GetInt32()));
    }

    [Fact]
    public async Task Ready_steps_run_in_parallel_up_to_the_limit()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("offer");
        Writer.Hold("deck_structure");

        var started = (await (await api.StartAsync(projectId)).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        await Writer.Waiting("offer");
        await Writer.Waiting("deck_structure", StepCatalog.DeckParts); // the deck's six parts are all in flight
        var both = await App.WaitForAsync(projectId, s => s.CurrentSteps.Count == 2);

        // Offer and deck need nothing: they are written at the same time.
        Assert.Equal([StepCatalog.Offer, StepCatalog.Deck], both.CurrentSteps);
        Assert.Equal(StepCatalog.Offer, both.CurrentStep);
        Writer.Release("offer");
        Writer.Release("deck_structure");
        var done = await App.WaitForAsync(projectId, s => s.RunId == started.RunId && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.InRange(Writer.MaxStepsInFlight, 2, 3); // Generation:MaxParallelSteps = 3
        Assert.InRange(Writer.MaxInFlight, 1 + StepCatalog.DeckParts, 8); // the offer and six deck parts; Writer:MaxConcurrentCalls = 8
    }

    [Fact]
    public async Task Deck_reports_progress_inside_the_step()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("deck_structure", afterCalls: 3);
        var started = (await (await api.StartAsync(projectId)).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;

        var midway = await App.WaitForAsync(projectId, s => s.Progress.Single(p => p.Step == StepCatalog.Deck).Detail == "slides 30/60");

        var deck = midway.Progress.Single(p => p.Step == StepCatalog.Deck);
        Assert.Equal(StepStatus.InProgress, deck.Status);
        Assert.Equal(57, deck.Percent); // 4 of the deck's 7 calls: the outline and three parts
        Writer.Release("deck_structure");
        var done = await App.WaitForAsync(projectId, s => s.RunId == started.RunId && FunnelcraftApp.Finished(s));
        Assert.Equal(100, done.Progress.Single(p => p.Step == StepCatalog.Deck).Percent);
        Assert.Equal(1, Writer.Calls("deck_outline"));
        Assert.Equal(6, Writer.Calls("deck_structure"));
    }

    [Fact]
    public async Task A_second_start_while_running_returns_409_with_the_running_status()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("offer");
        var first = (await (await api.StartAsync(projectId)).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;

        var second = await api.StartAsync(projectId);

        var problem = await ProblemAssert.IsProblemAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(first.RunId, problem.GetProperty("runId").GetGuid());
        Assert.True(problem.GetProperty("generationStatus").GetProperty("isGenerating").GetBoolean());
        Writer.Release("offer");
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
    }

    [Fact]
    public async Task Fifty_concurrent_starts_on_one_project_give_exactly_one_202()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("offer");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => api.StartAsync(projectId)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await using (var db = App.NewDbContext())
        {
            Assert.Equal(1, await db.Runs.CountAsync(r => r.ProjectId == projectId));
        }

        Writer.Release("offer");
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
    }

    [Fact]
    public async Task The_same_idempotency_key_gets_the_same_202()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("offer");

        var first = await api.StartAsync(projectId, idempotencyKey: "click-1");
        var again = await api.StartAsync(projectId, idempotencyKey: "click-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var a = (await first.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        var b = (await again.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        Assert.Equal(a.RunId, b.RunId);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Writer.Release("offer");
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
    }

    [Fact]
    public async Task A_failing_offer_fails_with_a_readable_message_skips_its_dependents_and_retry_completes_them()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;

        var done = await api.GenerateAsync(projectId);

        Assert.Equal(RunStatus.CompletedWithErrors, done.RunStatus);
        string StatusOf(int step) => done.Progress.Single(p => p.Step == step).Status;
        Assert.Equal(StepStatus.Failed, StatusOf(StepCatalog.Offer));
        Assert.Equal(StepStatus.Skipped, StatusOf(StepCatalog.Enrollment));
        Assert.Equal(StepStatus.Skipped, StatusOf(StepCatalog.Followup));
        Assert.Equal(StepStatus.Skipped, StatusOf(StepCatalog.MarketingProfile));
        Assert.Equal(StepStatus.Completed, StatusOf(StepCatalog.Deck));
        Assert.Equal(StepStatus.Completed, StatusOf(StepCatalog.Watch));
        Assert.Equal(StepStatus.Completed, StatusOf(StepCatalog.Registration));
        var error = Assert.Single(done.FailedSteps);
        Assert.Equal(StepCatalog.Offer, error.Step);
        Assert.Equal("The AI provider had an error (HTTP 500). (gave up after 3 attempts)", error.Error);
        Assert.Equal(3, done.Progress.Single(p => p.Step == StepCatalog.Offer).Attempt);
        Assert.Equal(3, Writer.Calls("offer"));
        var deckVersion = (await api.StepAsync(projectId, "3")).GetProperty("version").GetInt32();

        Writer.Failing.Clear();
        var retry = await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer });
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = await App.WaitForAsync(projectId, s => s.RunId == done.RunId && FunnelcraftApp.Finished(s) && s.Version > done.Version + 1);

        Assert.Equal(RunStatus.Completed, retried.RunStatus);
        Assert.All(retried.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
        Assert.Equal(deckVersion, (await api.StepAsync(projectId, "3")).GetProperty("version").GetInt32());
        Assert.Equal(6, Writer.Calls("deck_structure")); // the deck was not written again
    }

    [Fact]
    public async Task A_step_in_progress_shows_when_its_current_attempt_started_and_its_usual_duration()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("offer");
        Writer.Failing["offer"] = true;
        var started = (await (await api.StartAsync(projectId)).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        var usual = started.Progress.Single(p => p.Step == StepCatalog.Offer).EstimatedDurationMs;
        await Writer.Waiting("offer");
        var first = (await App.WaitForAsync(projectId, s => s.CurrentSteps.Contains(StepCatalog.Offer))).Progress.Single(p => p.Step == StepCatalog.Offer);

        // The first attempt fails (HTTP 500); the second waits at the writer.
        Assert.True(Writer.ReleaseOne("offer"));
        await Writer.Waiting("offer", 2);
        Writer.Failing.Clear();
        var second = (await App.WaitForAsync(projectId, s => s.Progress.Single(p => p.Step == StepCatalog.Offer) is { Attempt: 2, Status: StepStatus.InProgress }))
            .Progress.Single(p => p.Step == StepCatalog.Offer);
        var status = await api.StatusAsync(projectId);

        // What "taking longer than usual" is judged by: the start of the attempt being written and the step's usual duration.
        Assert.Equal(1, first.Attempt);
        Assert.NotNull(first.StartedAt);
        Assert.True(second.StartedAt > first.StartedAt, $"attempt 2 started {second.StartedAt}, attempt 1 {first.StartedAt}");
        Assert.True(second.StartedAt <= DateTimeOffset.UtcNow);
        Assert.True(usual > 0);
        Assert.Equal(usual, first.EstimatedDurationMs);
        Assert.Equal(usual, second.EstimatedDurationMs);
        var offer = status.Progress.Single(p => p.Step == StepCatalog.Offer);
        Assert.Equal((second.Attempt, second.StartedAt, usual), (offer.Attempt, offer.StartedAt, offer.EstimatedDurationMs));
        Assert.True(status.EstimatedCompletionAt > offer.StartedAt!.Value.AddMilliseconds(offer.EstimatedDurationMs));
        Writer.Release("offer");
        var done = await App.WaitForAsync(projectId, s => s.RunId == started.RunId && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
    }

    [Fact]
    public async Task A_retried_step_gets_every_attempt_again()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        var done = await api.GenerateAsync(projectId);
        Assert.Equal(3, Writer.Calls("offer"));

        var retry = await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer });

        // The provider still fails: the retry tries three times again, with backoff, and says so.
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var again = await App.WaitForAsync(projectId, s => s.Version > done.Version + 1 && FunnelcraftApp.Finished(s));
        Assert.Equal(6, Writer.Calls("offer"));
        var offer = again.Progress.Single(p => p.Step == StepCatalog.Offer);
        Assert.Equal(StepStatus.Failed, offer.Status);
        Assert.Equal(6, offer.Attempt);
        Assert.Equal("The AI provider had an error (HTTP 500). (gave up after 3 attempts)", offer.Error);
    }

    [Fact]
    public async Task Retry_step_on_a_step_that_did_not_fail_returns_409()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        var before = await DbFingerprint.TakeAsync(App);

        var response = await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer });

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await DbFingerprint.TakeAsync(App));
    }

    [Fact]
    public async Task Cancel_stops_the_run_marks_the_rest_cancelled_and_keeps_finished_content()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("deck_structure");
        var started = (await (await api.StartAsync(projectId)).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        await Writer.Waiting("deck_structure");
        await App.WaitForAsync(projectId, s => s.CompletedSteps.Contains(StepCatalog.Offer));

        var cancel = await api.PostJsonAsync("/api/generate/cancel", new { projectId });

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var status = await api.StatusAsync(projectId);
        Assert.Equal(RunStatus.Cancelled, status.RunStatus);
        Assert.False(status.IsGenerating);
        Assert.Equal(StepStatus.Cancelled, status.Progress.Single(p => p.Step == StepCatalog.Deck).Status);
        Assert.Equal(StepStatus.Completed, status.Progress.Single(p => p.Step == StepCatalog.Offer).Status);
        Assert.Equal(1, (await api.StepAsync(projectId, "offer")).GetProperty("version").GetInt32());
        var again = await api.PostJsonAsync("/api/generate/cancel", new { projectId });
        await ProblemAssert.IsProblemAsync(again, HttpStatusCode.Conflict);
        Writer.Release("deck_structure");
        Assert.Equal(started.RunId, status.RunId);
    }

    [Fact]
    public async Task Regenerate_keeps_earlier_versions_and_restore_makes_one_current()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        var first = await api.StepAsync(projectId, "offer");

        var second = await api.GenerateAsync(projectId, regenerate: true);

        Assert.Equal(RunStatus.Completed, second.RunStatus);
        Assert.Equal(1, second.RegenerationCount);
        var versions = await api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer/versions");
        Assert.Equal([2, 1], versions.EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));
        var restore = await api.Http.PostAsync($"/api/projects/{projectId}/steps/offer/versions/1/restore", null);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var current = await api.StepAsync(projectId, "offer");
        Assert.Equal(3, current.GetProperty("version").GetInt32());
        Assert.Equal(1, current.GetProperty("restoredFrom").GetInt32());
        Assert.Equal(first.GetProperty("content").GetRawText(), current.GetProperty("content").GetRawText());
    }

    [Fact]
    public async Task A_regeneration_that_fails_keeps_the_current_content()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        var before = await api.StepAsync(projectId, "offer");
        Writer.Failing["offer"] = true;

        var failed = await api.GenerateAsync(projectId, regenerate: true);

        Assert.Equal(StepStatus.Failed, failed.Progress.Single(p => p.Step == StepCatalog.Offer).Status);
        var after = await api.StepAsync(projectId, "offer");
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task Without_regenerate_only_steps_without_content_are_written()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        await api.GenerateAsync(projectId);
        Writer.Failing.Clear();
        var deckCalls = Writer.Calls("deck_structure");

        var second = await api.GenerateAsync(projectId, regenerate: false);

        Assert.Equal(RunStatus.Completed, second.RunStatus);
        Assert.Equal(0, second.RegenerationCount);
        Assert.Equal(deckCalls, Writer.Calls("deck_structure"));
        Assert.Equal(1, (await api.StepAsync(projectId, "deck-structure")).GetProperty("version").GetInt32());
        Assert.Equal(1, (await api.StepAsync(projectId, "offer")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Status_has_a_strong_etag_and_an_unchanged_status_answers_304()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var never = await api.Http.GetAsync($"/api/generate/generation-status?projectId={projectId}");
        var idle = (await never.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        Assert.False(idle.IsGenerating);
        Assert.Empty(idle.Progress);
        Assert.Null(idle.StartedAt);
        Assert.Null(idle.CurrentStep);

        var done = await api.GenerateAsync(projectId);
        var response = await api.Http.GetAsync($"/api/generate/generation-status?projectId={projectId}");
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal($"\"{done.Version}\"", etag.Tag);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/api/generate/generation-status?projectId={projectId}");
        conditional.Headers.IfNoneMatch.Add(etag);
        var notModified = await api.Http.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_project_row_holds_the_seed_status_document()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var done = await api.GenerateAsync(projectId);

        await using var db = App.NewDbContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, name, auto_generation_status FROM funnel_projects WHERE id = @id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@id";
        parameter.Value = Kind == DatabaseKind.Postgres ? projectId : projectId.ToString().ToUpperInvariant();
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("Spring launch", reader.GetString(1));
        using var document = JsonDocument.Parse(reader.GetString(2));
        var seed = document.RootElement;
        Assert.False(seed.GetProperty("is_generating").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seed.GetProperty("current_step").ValueKind);
        Assert.Equal(StepCatalog.Numbers.Order(), seed.GetProperty("generated_steps").EnumerateArray().Select(e => e.GetInt32()).Order());
        Assert.Equal(0, seed.GetProperty("generation_errors").GetArrayLength());
        Assert.Equal(7, seed.GetProperty("progress").GetArrayLength());
        Assert.Equal("completed", seed.GetProperty("progress")[0].GetProperty("status").GetString());
        Assert.Equal(done.StartedAt, seed.GetProperty("started_at").GetDateTimeOffset());
        Assert.Equal(done.LastGeneratedAt, seed.GetProperty("last_generated_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, seed.GetProperty("intake_id_used").ValueKind);
        Assert.Equal(0, seed.GetProperty("regeneration_count").GetInt32());
        Assert.Equal(done.Version, seed.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_status_read_back_from_the_rows_is_the_status_that_was_published()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("followup");
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        await Writer.Waiting("followup");
        using var subscription = App.Hub.Subscribe(projectId);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Writer.Release("followup");

        // The status the run's last change published from memory, then the same version built from the rows: a time kept
        // in memory more precisely than a database stores it would make the two differ (and the seed document too).
        GenerationStatus published;
        do
        {
            published = await subscription.Reader.ReadAsync(timeout.Token);
        }
        while (!FunnelcraftApp.Finished(published));

        var fromRows = (await App.Services.GetRequiredService<GenerationStore>().LoadAsync(projectId, CancellationToken.None))!.Status;
        Assert.Equal(published.Version, fromRows.Version);
        Assert.Equal(JsonSerializer.Serialize(Stored(published)), JsonSerializer.Serialize(Stored(fromRows)));

        // A step's estimated duration is a live figure (recent durations of its kind, updated as steps finish), not state.
        static GenerationStatus Stored(GenerationStatus status) =>
            status with { Progress = [.. status.Progress.Select(p => p with { EstimatedDurationMs = 0 })] };
    }
}

public sealed class GenerationFlowTestsOnSqlite(PostgresCluster cluster) : GenerationFlowTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class GenerationFlowTestsOnPostgres(PostgresCluster cluster) : GenerationFlowTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
