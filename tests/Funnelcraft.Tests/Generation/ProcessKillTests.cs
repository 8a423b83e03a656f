using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Funnelcraft.Tests.Generation;

/// <summary>The real app process killed with SIGKILL mid-run, again and again: the run still finishes, nothing written twice.</summary>
public sealed class ProcessKillTests
{
    [Fact]
    public async Task Runs_survive_repeated_SIGKILL_and_every_step_is_written_once()
    {
        var file = Path.Combine(Path.GetTempPath(), $"funnelcraft-kill-{Guid.NewGuid():N}.db");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Funnelcraft"] = $"Data Source={file}",
            ["Writer__Offline__StepDelay"] = "00:00:00.150",
            ["Generation__LeaseDuration"] = "00:00:01",
            ["Generation__PollInterval"] = "00:00:00.100",
        };
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
            for (var kill = 0; kill < 10; kill++)
            {
                var status = await PollUntilAsync(app, token, projectId, s => s.Version >= seen + 1 + random.Next(3) || !s.IsGenerating);
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
            Assert.Equal(runId, done.RunId);
            Assert.Equal(RunStatus.Completed, done.RunStatus);
            Assert.All(done.Progress, p => Assert.Equal("completed", p.Status));

            await using var db = new SqliteConnection($"Data Source={file}");
            await db.OpenAsync();
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT step, COUNT(*), MAX(version) FROM content_versions GROUP BY step";
            await using var reader = await command.ExecuteReaderAsync();
            var rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
                Assert.Equal(1, reader.GetInt32(1)); // no step written twice
                Assert.Equal(1, reader.GetInt32(2));
            }

            Assert.Equal(7, rows);
        }
        finally
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

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
