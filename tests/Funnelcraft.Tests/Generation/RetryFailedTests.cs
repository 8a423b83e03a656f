using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Generation;

/// <summary><c>POST /api/generate/retry-failed</c>: every failed or skipped step of the latest run again, in one run.</summary>
public abstract class RetryFailedTests(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    private FunnelcraftApp App { get; set; } = null!;
    private ScriptedWriter Writer { get; } = new();

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
    public async Task Retry_failed_writes_every_failed_and_skipped_step_again_in_the_same_run()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        Writer.Failing["deck_outline"] = true;
        var failed = await api.GenerateAsync(projectId);
        Assert.Equal(RunStatus.Failed, failed.RunStatus);
        Writer.Failing.Clear();
        Writer.Hold("offer");

        var response = await api.PostJsonAsync("/api/generate/retry-failed", new { projectId });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/generate/generation-status?projectId={projectId}", response.Headers.Location?.OriginalString);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {response.Headers.RetryAfter}");
        var queued = (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        Assert.Equal(failed.RunId, queued.RunId);
        Assert.True(queued.IsGenerating);
        Assert.Equal(RunStatus.Queued, queued.RunStatus);
        Assert.All(queued.Progress, p => Assert.Equal(StepStatus.Pending, p.Status));
        Assert.All(queued.Progress, p => Assert.Null(p.Error));
        Assert.Empty(queued.FailedSteps);
        Assert.NotNull(queued.EstimatedCompletionAt);

        Writer.Release("offer");
        var done = await App.WaitForAsync(projectId, s => s.Version > queued.Version && FunnelcraftApp.Finished(s));
        Assert.Equal(failed.RunId, done.RunId);
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.All(done.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
        foreach (var step in StepCatalog.All)
        {
            Assert.Equal(1, (await api.StepAsync(projectId, step.Key)).GetProperty("version").GetInt32());
        }

        await Invariants.AssertHoldAsync(App, projectId);
    }

    [Fact]
    public async Task Retry_failed_keeps_the_steps_that_completed()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        var failed = await api.GenerateAsync(projectId);
        Assert.Equal([StepCatalog.Deck, StepCatalog.Watch, StepCatalog.Registration], failed.CompletedSteps);
        Writer.Failing.Clear();
        var deckCalls = Writer.Calls("deck_outline");

        var response = await api.PostJsonAsync("/api/generate/retry-failed", new { projectId });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = (await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        Assert.Equal(
            [StepCatalog.Offer, StepCatalog.Enrollment, StepCatalog.Followup, StepCatalog.MarketingProfile],
            queued.Progress.Where(p => p.Status == StepStatus.Pending).Select(p => p.Step));
        var done = await App.WaitForAsync(projectId, s => s.Version > queued.Version && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.Equal(deckCalls, Writer.Calls("deck_outline")); // the deck was not written again
        Assert.Equal(1, (await api.StepAsync(projectId, "deck-structure")).GetProperty("version").GetInt32());
        Assert.Equal(1, done.Progress.Single(p => p.Step == StepCatalog.Registration).Attempt);
    }

    [Fact]
    public async Task Retry_failed_while_a_run_is_active_answers_409_with_the_running_status()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Hold("offer");
        var started = (await (await api.StartAsync(projectId)).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;

        var response = await api.PostJsonAsync("/api/generate/retry-failed", new { projectId });

        var problem = await ProblemAssert.IsProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(started.RunId, problem.GetProperty("runId").GetGuid());
        Assert.True(problem.GetProperty("generationStatus").GetProperty("isGenerating").GetBoolean());
        Assert.Contains("in progress", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Writer.Release("offer");
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
    }

    [Fact]
    public async Task Retry_failed_when_nothing_failed_answers_409_and_changes_nothing()
    {
        using var api = await App.Client().SignUpAsync();
        var never = await api.ProjectWithIntakeAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var done = await api.GenerateAsync(projectId);
        var before = await DbFingerprint.TakeAsync(App);

        var afterSuccess = await api.PostJsonAsync("/api/generate/retry-failed", new { projectId });
        var neverRan = await api.PostJsonAsync("/api/generate/retry-failed", new { projectId = never });

        var problem = await ProblemAssert.IsProblemAsync(afterSuccess, HttpStatusCode.Conflict);
        Assert.Equal("No step of the latest run failed or was skipped, so there is nothing to retry.", problem.GetProperty("detail").GetString());
        Assert.Equal(done.RunId, problem.GetProperty("runId").GetGuid());
        Assert.False(problem.GetProperty("generationStatus").GetProperty("isGenerating").GetBoolean());
        await ProblemAssert.IsProblemAsync(neverRan, HttpStatusCode.Conflict);
        Assert.Equal(before, await DbFingerprint.TakeAsync(App));
    }

    [Fact]
    public async Task Retry_failed_after_a_cancel_writes_the_failed_steps_and_skips_what_needs_a_cancelled_one()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        Writer.Hold("deck_outline");
        Assert.Equal(HttpStatusCode.Accepted, (await api.StartAsync(projectId)).StatusCode);
        await App.WaitForAsync(projectId, s => s.FailedSteps.Any(f => f.Step == StepCatalog.Offer));
        Assert.Equal(HttpStatusCode.Accepted, (await api.PostJsonAsync("/api/generate/cancel", new { projectId })).StatusCode);
        var cancelled = await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
        Assert.Equal(RunStatus.Cancelled, cancelled.RunStatus);
        Writer.Release("deck_outline");
        Writer.Failing.Clear();

        var response = await api.PostJsonAsync("/api/generate/retry-failed", new { projectId });

        // The offer and the steps skipped for it run again; the enrollment pages also need the deck, which was
        // cancelled, so they are written with it (a skipped step brings back what it needs).
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var done = await App.WaitForAsync(projectId, s => s.Version > cancelled.Version + 1 && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        Assert.All(done.Progress, p => Assert.Equal(StepStatus.Completed, p.Status));
    }
}

public sealed class RetryFailedTestsOnSqlite(PostgresCluster cluster) : RetryFailedTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class RetryFailedTestsOnPostgres(PostgresCluster cluster) : RetryFailedTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
