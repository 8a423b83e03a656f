using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>Sets up data through the HTTP API with a bearer token (fast, and independent of the pages under test).</summary>
public sealed class ApiSetup(HttpClient http) : IDisposable
{
    public const string Password = "Passw0rd!x";

    public HttpClient Http { get; } = http;

    public static async Task<ApiSetup> SignUpAsync(Uri address, string email)
    {
        var http = new HttpClient { BaseAddress = address };
        (await http.PostAsJsonAsync("/api/auth/register", new { email, password = Password })).EnsureSuccessStatusCode();
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new ApiSetup(http);
    }

    public async Task<Guid> CreateProjectAsync(string name = "Spring launch", string? description = "Webinar funnel for the spring cohort")
    {
        var response = await Http.PostAsJsonAsync("/api/projects", new { name, description });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> AddIntakeAsync(Guid projectId, string businessName = "Harbor Lane Yoga", string sessionName = "Kick-off call")
    {
        var response = await Http.PostAsJsonAsync($"/api/projects/{projectId}/intakes", new
        {
            method = "form",
            sessionName,
            businessName,
            industry = "Health & wellness",
            targetAudience = "desk workers with back pain",
            mainProblem = "chronic lower back pain from sitting all day",
            currentSolution = "painkillers and the odd massage",
            desiredOutcome = "move without pain and sleep through the night",
            pricePoint = "$497",
            timeline = "8 weeks",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task StartAsync(Guid projectId, bool regenerate = false)
    {
        var response = await Http.PostAsJsonAsync("/api/generate/auto-generate-all", new { projectId, regenerate });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public void Dispose() => Http.Dispose();
}
