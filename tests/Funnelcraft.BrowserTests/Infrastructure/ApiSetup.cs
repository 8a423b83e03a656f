using System.Net;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// Sets up data through the HTTP API with a bearer token (fast, and independent of the pages under test): the shared
/// <see cref="ApiClient"/> with the browser tests' defaults.
/// </summary>
public sealed class ApiSetup(ApiClient api) : IDisposable
{
    public const string Password = ApiClient.Password;

    public HttpClient Http => api.Http;

    public static async Task<ApiSetup> SignUpAsync(Uri address, string email) =>
        new(await new ApiClient(new HttpClient { BaseAddress = address }).SignUpAsync(email));

    public Task<Guid> CreateProjectAsync(string name = "Spring launch", string? description = "Webinar funnel for the spring cohort") =>
        api.CreateProjectAsync(name, description);

    public Task<Guid> AddIntakeAsync(Guid projectId, string businessName = "Harbor Lane Yoga", string sessionName = "Kick-off call") =>
        api.AddIntakeAsync(projectId, businessName, sessionName: sessionName);

    /// <summary>Starts a run and checks the 202.</summary>
    public async Task StartAsync(Guid projectId, bool regenerate = false)
    {
        using var response = await api.StartAsync(projectId, regenerate);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    public void Dispose() => api.Dispose();
}
