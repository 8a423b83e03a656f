using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>The app's HTTP API as a client sees it, for many users over one connection pool (the token goes on each request).</summary>
public sealed class Api(HttpClient http)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;

    /// <summary>A client with its own connection pool to <paramref name="address"/> (loopback only).</summary>
    public static HttpClient NewClient(Uri address, int maxConnections = 512, TimeSpan? timeout = null)
    {
        if (!IPAddress.IsLoopback(IPAddress.Parse(address.Host)))
        {
            throw new ArgumentException("Benchmarks only send traffic to 127.0.0.1.", nameof(address));
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

    /// <summary>Registers a user and logs in; returns the bearer token.</summary>
    public async Task<string> SignUpAsync(string? email = null)
    {
        email ??= $"bench-{Guid.NewGuid():N}@example.com";
        const string password = "Passw0rd!x";
        using (var register = await Http.PostAsJsonAsync("/api/auth/register", new { email, password }))
        {
            register.EnsureSuccessStatusCode();
        }

        using var login = await Http.PostAsJsonAsync("/api/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    public async Task<Guid> ProjectWithIntakeAsync(string token, string name = "Bench launch")
    {
        using var created = await SendAsync(HttpMethod.Post, "/api/projects", token, new { name, description = "A benchmark funnel" });
        created.EnsureSuccessStatusCode();
        var projectId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var intake = await SendAsync(HttpMethod.Post, $"/api/projects/{projectId}/intakes", token, new
        {
            method = "form",
            sessionName = "Kick-off call",
            businessName = "Harbor Lane Yoga",
            industry = "Health & wellness",
            targetAudience = "desk workers with back pain",
            mainProblem = "chronic lower back pain from sitting all day",
            currentSolution = "painkillers and the odd massage",
            desiredOutcome = "move without pain and sleep through the night",
            pricePoint = "$497",
            timeline = "8 weeks",
        });
        intake.EnsureSuccessStatusCode();
        return projectId;
    }

    /// <summary>POST auto-generate-all; the caller checks the status code (202 expected).</summary>
    public Task<HttpResponseMessage> StartAsync(string token, Guid projectId, bool regenerate = true, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "/api/generate/auto-generate-all", token, new { projectId, regenerate }, ct);

    public async Task<GenerationStatus> StatusAsync(string token, Guid projectId, CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, StatusPath(projectId), token, null, ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<GenerationStatus>(Json, ct))!;
    }

    public static string StatusPath(Guid projectId) => $"/api/generate/generation-status?projectId={projectId}";

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

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body, CancellationToken ct = default)
    {
        using var request = Request(method, path, token, body);
        return await Http.SendAsync(request, ct);
    }
}
