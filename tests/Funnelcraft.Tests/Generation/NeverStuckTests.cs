using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Tests.Generation;

/// <summary>A retry whose steps still need a step that failed ends the run instead of leaving it active forever.</summary>
public abstract class NeverStuckTests(PostgresCluster cluster) : IAsyncLifetime
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
    public async Task Retrying_the_offer_after_offer_and_deck_failed_ends_the_run_and_skips_what_still_needs_the_deck()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        Writer.Failing["deck_outline"] = true;

        var first = await api.GenerateAsync(projectId);

        Assert.Equal(RunStatus.Failed, first.RunStatus);
        Assert.Equal([StepCatalog.Offer, StepCatalog.Deck], first.FailedSteps.Select(f => f.Step));
        Assert.Equal(5, first.Progress.Count(p => p.Status == StepStatus.Skipped));

        // Without the fault, retry the offer alone: the deck stays failed, so the enrollment pages cannot be written.
        Writer.Failing.Clear();
        var retry = await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer });
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var queued = (await retry.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;

        var done = await App.WaitForAsync(projectId, s => s.Version > queued.Version && FunnelcraftApp.Finished(s), TimeSpan.FromSeconds(30));

        Assert.Equal(first.RunId, done.RunId);
        Assert.Equal(RunStatus.CompletedWithErrors, done.RunStatus);
        Assert.False(done.IsGenerating);
        StepProgress Step(int step) => done.Progress.Single(p => p.Step == step);
        Assert.Equal(StepStatus.Completed, Step(StepCatalog.Offer).Status);
        Assert.Equal(StepStatus.Completed, Step(StepCatalog.Followup).Status);
        Assert.Equal(StepStatus.Completed, Step(StepCatalog.MarketingProfile).Status);
        Assert.Equal(StepStatus.Failed, Step(StepCatalog.Deck).Status);
        Assert.Equal(StepStatus.Skipped, Step(StepCatalog.Enrollment).Status);
        Assert.Equal("Skipped because Deck Structure failed.", Step(StepCatalog.Enrollment).Error);
        Assert.All(done.Progress, p => Assert.True(StepStatus.IsFinished(p.Status), $"step {p.Step} is {p.Status}"));
        await Invariants.AssertHoldAsync(App, projectId);

        // The run is over, so the deck can be retried now, and that finishes the funnel.
        var deck = await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Deck });
        Assert.Equal(HttpStatusCode.Accepted, deck.StatusCode);
        var all = await App.WaitForAsync(projectId, s => s.Version > done.Version + 1 && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, all.RunStatus);
    }

    [Fact]
    public async Task A_reopened_step_that_needs_a_failed_step_is_skipped_at_once_with_the_reason()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        Writer.Failing["deck_outline"] = true;
        await api.GenerateAsync(projectId);
        Writer.Failing.Clear();
        Writer.Hold("offer");

        var retry = await api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer });

        // The status the retry answers already shows the enrollment pages skipped: they need the deck, which failed.
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var queued = (await retry.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        var enrollment = queued.Progress.Single(p => p.Step == StepCatalog.Enrollment);
        Assert.Equal(StepStatus.Skipped, enrollment.Status);
        Assert.Equal("Skipped because Deck Structure failed.", enrollment.Error);
        Assert.Equal(StepStatus.Pending, queued.Progress.Single(p => p.Step == StepCatalog.Followup).Status);
        Writer.Release("offer");
        var done = await App.WaitForAsync(projectId, s => s.Version > queued.Version && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.CompletedWithErrors, done.RunStatus);
    }

    [Fact]
    public async Task A_run_left_active_with_a_step_that_can_never_start_ends_when_a_worker_resumes_it()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        Writer.Failing["offer"] = true;
        Writer.Failing["deck_outline"] = true;
        var failed = await api.GenerateAsync(projectId);
        Writer.Failing.Clear();

        // What an earlier version left behind: the enrollment pages waiting for a failed deck, the run running, its
        // worker gone (the lease expired).
        await using (var db = App.NewDbContext())
        {
            await db.RunSteps.Where(s => s.RunId == failed.RunId && s.Step == StepCatalog.Enrollment).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, StepStatus.Pending).SetProperty(x => x.Error, (string?)null).SetProperty(x => x.CompletedAt, (DateTimeOffset?)null));
            await db.Runs.Where(r => r.Id == failed.RunId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.CompletedAt, (DateTimeOffset?)null)
                .SetProperty(r => r.LeaseOwner, "gone#1").SetProperty(r => r.LeaseExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)));
        }

        var done = await App.WaitForAsync(projectId, s => s.Version > failed.Version && FunnelcraftApp.Finished(s), TimeSpan.FromSeconds(30));

        Assert.Equal(failed.RunId, done.RunId);
        Assert.Equal(RunStatus.Failed, done.RunStatus); // nothing completed
        var enrollment = done.Progress.Single(p => p.Step == StepCatalog.Enrollment);
        Assert.Equal(StepStatus.Skipped, enrollment.Status);
        Assert.Equal("Skipped because Offer failed.", enrollment.Error);
        Assert.Equal(0, Writer.Calls("enrollment"));
        await Invariants.AssertHoldAsync(App, projectId);
    }
}

public sealed class NeverStuckTestsOnSqlite(PostgresCluster cluster) : NeverStuckTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class NeverStuckTestsOnPostgres(PostgresCluster cluster) : NeverStuckTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
