using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Testing;

/// <summary>
/// An HTTP client for one user of the app, with helpers for the common calls: for an app in memory
/// (<see cref="FunnelcraftApp.Client"/>), or any address (a Kestrel test app, a process, nginx in front of nodes).
/// After <see cref="SignUpAsync"/> every request of <see cref="Http"/> carries the user's bearer token.
/// </summary>
public sealed class ApiClient(HttpClient http, FunnelcraftApp? app = null) : IDisposable
{
    public const string Password = "Passw0rd!x";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    /// <summary>The app in memory this client talks to (its status feed lets a test wait without polling).</summary>
    public FunnelcraftApp App => app ?? throw new InvalidOperationException("This client talks to an app out of process: wait on its status over HTTP.");

    public string? Email { get; private set; }

    /// <summary>The bearer token of the signed-in user.</summary>
    public string? Token { get; private set; }

    /// <summary>A client of <paramref name="address"/> with its own connection pool.</summary>
    public static ApiClient For(Uri address, TimeSpan? timeout = null) => new(NewHttp(address, maxConnections: 16, timeout));

    /// <summary>An HTTP client with its own connection pool to <paramref name="address"/> (loopback only: tests and benchmarks send no traffic elsewhere).</summary>
    public static HttpClient NewHttp(Uri address, int maxConnections = 512, TimeSpan? timeout = null)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(address.Host)))
        {
            throw new ArgumentException("Tests and benchmarks only send traffic to 127.0.0.1.", nameof(address));
        }

        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(20),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        return new HttpClient(handler) { BaseAddress = address, Timeout = timeout ?? TimeSpan.FromSeconds(60) };
    }

    /// <summary>Registers a new user and logs in with a bearer token.</summary>
    public async Task<ApiClient> SignUpAsync(string? email = null)
    {
        Email = email ?? $"user-{Guid.NewGuid():N}@example.com";
        using (var register = await Http.PostAsJsonAsync("/api/auth/register", new { email = Email, password = Password }))
        {
            register.EnsureSuccessStatusCode();
        }

        await LogInAsync();
        return this;
    }

    /// <summary>Logs the user in again (a new token).</summary>
    public async Task<string> LogInAsync()
    {
        using var login = await Http.PostAsJsonAsync("/api/auth/login", new { email = Email, password = Password });
        login.EnsureSuccessStatusCode();
        Token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return Token!;
    }

    public async Task<Guid> CreateProjectAsync(string name = "Spring launch", string? description = "A test funnel")
    {
        using var response = await Http.PostAsJsonAsync("/api/projects", new { name, description });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<Guid> AddIntakeAsync(Guid projectId, string businessName = "Harbor Lane Yoga", string? pricePoint = "$497", string sessionName = "Kick-off call")
    {
        using var response = await Http.PostAsJsonAsync($"/api/projects/{projectId}/intakes", new
        {
            method = "form",
            sessionName,
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
    public async Task<Guid> ProjectWithIntakeAsync(string businessName = "Harbor Lane Yoga", string projectName = "Spring launch")
    {
        var projectId = await CreateProjectAsync(projectName);
        await AddIntakeAsync(projectId, businessName);
        return projectId;
    }

    /// <summary>POST auto-generate-all; the caller checks the answer (202 expected).</summary>
    public Task<HttpResponseMessage> StartAsync(
        Guid projectId, bool? regenerate = null, Guid? intakeId = null, string? idempotencyKey = null, bool? overwriteEdits = null, CancellationToken ct = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate/auto-generate-all")
        {
            Content = JsonContent.Create(new { projectId, intakeId, regenerate, overwriteEdits }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return Http.SendAsync(request, ct);
    }

    /// <summary>Starts a run, checks the 202, and waits until it ends (an app in memory).</summary>
    public async Task<GenerationStatus> GenerateAsync(Guid projectId, bool regenerate = false)
    {
        using var response = await StartAsync(projectId, regenerate);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<GenerationStatus>(Json);
        return await App.WaitForAsync(projectId, s => s.RunId == started!.RunId && FunnelcraftApp.Finished(s));
    }

    /// <summary>POST regenerate-step; the caller checks the answer (202 expected).</summary>
    public Task<HttpResponseMessage> RegenerateStepAsync(Guid projectId, int step, string? instruction = null, bool? withDependents = null, bool? overwriteEdits = null) =>
        Http.PostAsJsonAsync("/api/generate/regenerate-step", new { projectId, step, instruction, withDependents, overwriteEdits });

    /// <summary>Regenerates a step, checks the 202, and waits until the run ends (an app in memory).</summary>
    public async Task<GenerationStatus> RegenerateAsync(Guid projectId, int step, string? instruction = null, bool? withDependents = null, bool? overwriteEdits = null)
    {
        using var response = await RegenerateStepAsync(projectId, step, instruction, withDependents, overwriteEdits);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var started = await response.Content.ReadFromJsonAsync<GenerationStatus>(Json);
        return await App.WaitForAsync(projectId, s => s.RunId == started!.RunId && FunnelcraftApp.Finished(s));
    }

    public async Task<GenerationStatus> StatusAsync(Guid projectId, CancellationToken ct = default)
    {
        using var response = await Http.GetAsync(StatusPath(projectId), ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<GenerationStatus>(Json, ct))!;
    }

    public async Task<JsonElement> StepAsync(Guid projectId, string step)
    {
        using var response = await Http.GetAsync($"/api/projects/{projectId}/steps/{step}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<HttpResponseMessage> PostJsonAsync(string url, object body) => Http.PostAsJsonAsync(url, body);

    public static string StatusPath(Guid projectId) => $"/api/generate/generation-status?projectId={projectId}";

    /// <summary>A request with its own bearer token, for load loops that send many users' requests over one pool.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return request;
    }

    public void Dispose() => Http.Dispose();
}
