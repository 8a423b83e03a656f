using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>An HTTP client for one user of the app, with helpers for the common calls.</summary>
public sealed class ApiClient(HttpClient http, FunnelcraftApp app) : IDisposable
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;
    public FunnelcraftApp App { get; } = app;
    public string? Email { get; private set; }

    /// <summary>Registers a new user and logs in with a bearer token.</summary>
    public async Task<ApiClient> SignUpAsync(string? email = null)
    {
        Email = email ?? $"user-{Guid.NewGuid():N}@example.com";
        const string password = "Passw0rd!x";
        (await Http.PostAsJsonAsync("/api/auth/register", new { email = Email, password })).EnsureSuccessStatusCode();
        var login = await Http.PostAsJsonAsync("/api/auth/login", new { email = Email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return this;
    }

    public async Task<Guid> CreateProjectAsync(string name = "Spring launch")
    {
        var response = await Http.PostAsJsonAsync("/api/projects", new { name, description = "A test funnel" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> AddIntakeAsync(Guid projectId, string businessName = "Harbor Lane Yoga", string? pricePoint = "$497")
    {
        var response = await Http.PostAsJsonAsync($"/api/projects/{projectId}/intakes", new
        {
            method = "form",
            sessionName = "Kick-off call",
            businessName,
            industry = "Health & wellness",
            targetAudience = "desk workers with back pain",
            mainProblem = "chronic lower back pain from sitting all day",
            currentSolution = "painkillers and the odd massage",
            desiredOutcome = "move without pain and sleep through the night",
            pricePoint,
            timeline = "8 weeks",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A project with one intake, ready to generate.</summary>
    public async Task<Guid> ProjectWithIntakeAsync(string businessName = "Harbor Lane Yoga")
    {
        var projectId = await CreateProjectAsync();
        await AddIntakeAsync(projectId, businessName);
        return projectId;
    }

    public Task<HttpResponseMessage> StartAsync(Guid projectId, bool? regenerate = null, Guid? intakeId = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate/auto-generate-all")
        {
            Content = JsonContent.Create(new { projectId, intakeId, regenerate }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Http.SendAsync(request);
    }

    /// <summary>Starts a run, checks the 202, and waits until it ends.</summary>
    public async Task<GenerationStatus> GenerateAsync(Guid projectId, bool regenerate = false)
    {
        var response = await StartAsync(projectId, regenerate);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<GenerationStatus>(Json);
        return await App.WaitForAsync(projectId, s => s.RunId == started!.RunId && FunnelcraftApp.Finished(s));
    }

    public async Task<GenerationStatus> StatusAsync(Guid projectId)
    {
        var response = await Http.GetAsync($"/api/generate/generation-status?projectId={projectId}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<GenerationStatus>(Json))!;
    }

    public async Task<JsonElement> StepAsync(Guid projectId, string step)
    {
        var response = await Http.GetAsync($"/api/projects/{projectId}/steps/{step}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string url, object body) => Http.PostAsJsonAsync(url, body);

    public void Dispose() => Http.Dispose();
}
