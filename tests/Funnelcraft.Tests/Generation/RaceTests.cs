using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Tests.Generation;

/// <summary>Concurrent starts, cancels and retries: the invariants hold after each burst.</summary>
public abstract class RaceTests(PostgresCluster cluster) : IAsyncLifetime
{
    protected abstract DatabaseKind Kind { get; }

    private FunnelcraftApp _app = null!;
    private readonly ScriptedWriter _writer = new();

    public async ValueTask InitializeAsync() =>
        _app = await FunnelcraftApp.StartAsync(Kind, cluster, new Dictionary<string, string?> { ["Writer:Offline:StepDelay"] = "00:00:00.005" }, _writer.Install);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_hundred_concurrent_starts_make_exactly_one_run()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        _writer.Hold("offer");

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => api.StartAsync(projectId, regenerate: true)));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await Invariants.AssertHoldAsync(_app, projectId);
        _writer.Release("offer");
        await _app.WaitForAsync(projectId, FunnelcraftApp.Finished);
        await Invariants.AssertHoldAsync(_app, projectId);
        await using var db = _app.NewDbContext();
        Assert.Equal(1, await db.Runs.CountAsync(r => r.ProjectId == projectId));
        Assert.Equal(1, (await db.Projects.SingleAsync(p => p.Id == projectId)).RegenerationCount);
    }

    [Fact]
    public async Task Interleaved_starts_and_cancels_never_leave_two_runs_or_a_stuck_one()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        for (var round = 0; round < 15; round++)
        {
            var burst = Enumerable.Range(0, 12).Select(i => i % 3 == 0
                ? api.PostJsonAsync("/api/generate/cancel", new { projectId })
                : api.StartAsync(projectId, regenerate: i % 2 == 0));
            var responses = await Task.WhenAll(burst);

            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
            await Invariants.AssertHoldAsync(_app, projectId);
        }

        await api.PostJsonAsync("/api/generate/cancel", new { projectId });
        var last = await _app.WaitForAsync(projectId, FunnelcraftApp.Finished);
        Assert.False(last.IsGenerating);
        await Invariants.AssertHoldAsync(_app, projectId);

        // After the storm a normal run still works end to end.
        var done = await api.GenerateAsync(projectId, regenerate: true);
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        await Invariants.AssertHoldAsync(_app, projectId);
    }

    [Fact]
    public async Task Retry_step_and_retry_failed_racing_a_start_let_exactly_one_through()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        _writer.Failing["offer"] = true;
        var failed = await api.GenerateAsync(projectId);
        Assert.Equal(StepStatus.Failed, failed.Progress.Single(p => p.Step == StepCatalog.Offer).Status);
        _writer.Failing.Clear();
        _writer.Hold("offer");

        var responses = await Task.WhenAll(
            api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer }),
            api.StartAsync(projectId, regenerate: true),
            api.PostJsonAsync("/api/generate/retry-step", new { projectId, step = StepCatalog.Offer }),
            api.PostJsonAsync("/api/generate/retry-failed", new { projectId }),
            api.StartAsync(projectId),
            api.PostJsonAsync("/api/generate/retry-failed", new { projectId }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        await Invariants.AssertHoldAsync(_app, projectId);
        var winner = (await responses.Single(r => r.StatusCode == HttpStatusCode.Accepted).Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!;
        _writer.Release("offer");
        var done = await _app.WaitForAsync(projectId, s => s.RunId == winner.RunId && FunnelcraftApp.Finished(s));
        Assert.Equal(RunStatus.Completed, done.RunStatus);
        await Invariants.AssertHoldAsync(_app, projectId);
    }
}

public sealed class RaceTestsOnSqlite(PostgresCluster cluster) : RaceTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class RaceTestsOnPostgres(PostgresCluster cluster) : RaceTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
