using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Generation;

/// <summary>The real app process killed with SIGKILL mid-run, again and again: the run still finishes, nothing written twice.</summary>
public abstract class ProcessKillTests(PostgresCluster cluster)
{
    protected abstract DatabaseKind Kind { get; }

    [Fact]
    public async Task Runs_survive_repeated_SIGKILL_and_every_step_is_written_once()
    {
        using var database = await TestDatabase.CreateAsync(Kind, cluster);
        // Long enough (a run is about three rounds of calls) that a process lifetime sees a few changes, not the whole
        // run, even when a loaded machine makes the first requests to a fresh process take seconds.
        var environment = Environment(database, stepDelay: "00:00:04");
        var port = AppProcess.FreePort();
        var app = await AppProcess.StartAsync(environment, port);
        try
        {
            using var client = app.Client();
            var (projectId, token) = await SetUpAsync(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var start = await client.PostAsJsonAsync("/api/generate/auto-generate-all", new { projectId });
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            var runId = (await start.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId;

            // Kill at a different point each time: after the status has moved on by a few more changes.
            var random = new Random(42);
            long seen = 0;
            var kills = 0;
            for (; kills < 10; kills++)
            {
                var status = await PollUntilAsync(app, token, projectId, s => s.Version >= seen + 1 + random.Next(3) || !s.IsGenerating);
                Assert.True(status.Version >= seen, $"the status version went back from {seen} to {status.Version}");
                if (!status.IsGenerating)
                {
                    break;
                }

                seen = status.Version;
                await app.KillAsync();
                await app.DisposeAsync();
                app = await AppProcess.StartAsync(environment, port);
            }

            var done = await PollUntilAsync(app, token, projectId, s => !s.IsGenerating);
            Assert.True(kills >= 3, $"the run ended after only {kills} kills; slow the writer down");
            Assert.True(done.Version > seen);
            Assert.Equal(runId, done.RunId);
            Assert.Equal(RunStatus.Completed, done.RunStatus);
            Assert.All(done.Progress, p => Assert.Equal("completed", p.Status));

            // Every step was written exactly once, as version 1.
            var rows = await database.QueryAsync("SELECT step, COUNT(*), MAX(version) FROM content_versions GROUP BY step");
            Assert.Equal(7, rows.Count);
            Assert.All(rows, r => Assert.Equal((1L, 1L), (Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture))));
            var active = await database.QueryAsync("SELECT id FROM generation_runs WHERE status IN ('queued', 'running')");
            Assert.Empty(active); // no run stuck generating
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_regenerate_step_run_killed_while_writing_resumes_and_its_instruction_survives()
    {
        const string instruction = "Mention the guarantee first";
        using var database = await TestDatabase.CreateAsync(Kind, cluster);
        var environment = Environment(database, stepDelay: "00:00:02"); // the deck's two rounds of calls take 4 s: time to kill the process while it writes
        var port = AppProcess.FreePort();
        var app = await AppProcess.StartAsync(environment, port);
        try
        {
            using var client = app.Client();
            var (projectId, token) = await SetUpAsync(client);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/generate/auto-generate-all", new { projectId })).StatusCode);
            await PollUntilAsync(app, token, projectId, s => s.RunStatus == RunStatus.Completed);

            var start = await client.PostAsJsonAsync("/api/generate/regenerate-step", new { projectId, step = 3, instruction });
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            var runId = (await start.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json))!.RunId;
            // Killed while the deck is being written.
            await PollUntilAsync(app, token, projectId, s => s.RunId == runId && s.Progress.Single(p => p.Step == 3).Status == "in_progress");
            await app.KillAsync();
            await app.DisposeAsync();
            app = await AppProcess.StartAsync(environment, port);

            var done = await PollUntilAsync(app, token, projectId, s => !s.IsGenerating);
            Assert.Equal((runId, RunStatus.Completed), (done.RunId, done.RunStatus));
            var deck = done.Progress.Single(p => p.Step == 3);
            Assert.True(deck.Attempt >= 2, $"the deck was written on attempt {deck.Attempt}: the kill came too late");
            using var read = app.Client();
            read.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var content = await read.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/deck-structure");
            Assert.Equal((2, instruction), (content.GetProperty("version").GetInt32(), content.GetProperty("instruction").GetString()));
            Assert.Contains(instruction, content.GetProperty("content").GetProperty("slides")[0].GetProperty("description").GetString(), StringComparison.Ordinal);

            // Written once by this run; every other step kept as it was.
            var rows = await database.QueryAsync("SELECT step, COUNT(*), MAX(version) FROM content_versions GROUP BY step");
            Assert.All(rows, r => Assert.Equal(
                Convert.ToInt32(r[0], System.Globalization.CultureInfo.InvariantCulture) == 3 ? (2L, 2L) : (1L, 1L),
                (Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture), Convert.ToInt64(r[2], System.Globalization.CultureInfo.InvariantCulture))));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>A node on <paramref name="database"/> with a one-second lease, so a killed node's run is claimed again quickly.</summary>
    private static Dictionary<string, string> Environment(TestDatabase database, string stepDelay) => new()
    {
        ["Database__Provider"] = database.Provider,
        ["ConnectionStrings__Funnelcraft"] = database.ConnectionString,
        ["Writer__Offline__StepDelay"] = stepDelay,
        ["Generation__LeaseDuration"] = "00:00:01",
        ["Generation__PollInterval"] = "00:00:00.100",
    };

    private static async Task<(Guid ProjectId, string Token)> SetUpAsync(HttpClient client)
    {
        var email = $"kill-{Guid.NewGuid():N}@example.com";
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = "Passw0rd!x" })).EnsureSuccessStatusCode();
        var login = await (await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Passw0rd!x" })).Content.ReadFromJsonAsync<JsonElement>();
        var token = login.GetProperty("accessToken").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = JsonContent.Create(new { name = "Crash course" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var project = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var projectId = project.GetProperty("id").GetGuid();
        using var intake = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/intakes")
        {
            Content = JsonContent.Create(new { method = "form", businessName = "Kestrel Coffee Roasters", targetAudience = "cafe owners", mainProblem = "inconsistent espresso" }),
        };
        intake.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(intake)).StatusCode);
        return (projectId, token);
    }

    /// <summary>Polls the status endpoint as a client would (with ETag, so an unchanged status costs nothing).</summary>
    private static async Task<GenerationStatus> PollUntilAsync(AppProcess app, string token, Guid projectId, Func<GenerationStatus, bool> predicate)
    {
        using var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        GenerationStatus? last = null;
        EntityTagHeaderValue? etag = null;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/generate/generation-status?projectId={projectId}");
            if (etag is not null)
            {
                request.Headers.IfNoneMatch.Add(etag);
            }

            using var response = await client.SendAsync(request, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                last = await response.Content.ReadFromJsonAsync<GenerationStatus>(ApiClient.Json, timeout.Token);
                etag = response.Headers.ETag;
                if (predicate(last!))
                {
                    return last!;
                }
            }

            await Task.Delay(25, timeout.Token); // the client's polling interval
        }
    }
}

public sealed class ProcessKillTestsOnSqlite(PostgresCluster cluster) : ProcessKillTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class ProcessKillTestsOnPostgres(PostgresCluster cluster) : ProcessKillTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
