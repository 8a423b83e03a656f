using System.Net.Http.Json;

namespace Funnelcraft.Tests.Api;

/// <summary>Every <c>/api</c> route but the account ones, with a well-formed request for each, so that only auth or ownership can refuse it.</summary>
public static class ApiRoutes
{
    private const string ProjectScoped = "project-scoped";

    public static readonly (string Method, string Route, string Scope)[] All =
    [
        ("GET", "/api/projects", ""),
        ("POST", "/api/projects", ""),
        ("GET", "/api/projects/{projectId}", ProjectScoped),
        ("GET", "/api/projects/{projectId}/intakes", ProjectScoped),
        ("POST", "/api/projects/{projectId}/intakes", ProjectScoped),
        ("POST", "/api/generate/auto-generate-all", ProjectScoped),
        ("GET", "/api/generate/generation-status?projectId={projectId}", ProjectScoped),
        ("GET", "/api/generate/generation-events?projectId={projectId}", ProjectScoped),
        ("POST", "/api/generate/cancel", ProjectScoped),
        ("POST", "/api/generate/retry-step", ProjectScoped),
        ("POST", "/api/generate/retry-failed", ProjectScoped),
        ("POST", "/api/generate/regenerate-step", ProjectScoped),
        ("GET", "/api/projects/{projectId}/steps/offer", ProjectScoped),
        ("GET", "/api/projects/{projectId}/steps/2/versions", ProjectScoped),
        ("POST", "/api/projects/{projectId}/steps/offer/versions/1/restore", ProjectScoped),
        ("PUT", "/api/projects/{projectId}/steps/offer", ProjectScoped),
        ("GET", "/api/projects/{projectId}/steps/offer/versions/compare?from=1&to=1", ProjectScoped),
        ("GET", "/api/projects/{projectId}/steps/offer/preview", ProjectScoped),
        ("GET", "/api/projects/{projectId}/steps/offer/export?format=md", ProjectScoped),
        ("GET", "/api/projects/{projectId}/steps/followup/export?format=eml&message=1", ProjectScoped),
        ("GET", "/api/projects/{projectId}/export", ProjectScoped),
    ];

    public static TheoryData<string, string> Every => [.. All.Select(r => (r.Method, r.Route))];

    public static TheoryData<string, string> EveryProjectScoped => [.. All.Where(r => r.Scope == ProjectScoped).Select(r => (r.Method, r.Route))];

    /// <summary>The request for a route on <paramref name="projectId"/>, with a valid body where the route takes one.</summary>
    public static HttpRequestMessage Request(string method, string route, Guid projectId)
    {
        var url = route.Replace("{projectId}", projectId.ToString(), StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "PUT")
        {
            request.Content = JsonContent.Create(new { content = new { headline = "Someone's edit" } });
        }
        else if (method == "POST")
        {
            request.Content = JsonContent.Create<object?>(route switch
            {
                "/api/projects" => new { name = "Someone's project" },
                "/api/projects/{projectId}/intakes" => new { method = "form", businessName = "Acme", targetAudience = "founders", mainProblem = "no leads" },
                "/api/generate/retry-step" => new { projectId, step = 2 },
                "/api/generate/regenerate-step" => new { projectId, step = 2, instruction = "shorter" },
                "/api/generate/auto-generate-all" or "/api/generate/cancel" or "/api/generate/retry-failed" => new { projectId },
                _ => null,
            });
        }

        return request;
    }
}
