using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Api;

/// <summary>Bad ids, steps and versions in routes and query strings: a 400 or 404 problem, never a 500, and nothing changes.</summary>
public abstract class BadInputRouteTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    [Theory]
    [InlineData("GET", "/api/projects/not-a-guid")]
    [InlineData("GET", "/api/projects/12")]
    [InlineData("GET", "/api/projects/not-a-guid/intakes")]
    [InlineData("POST", "/api/projects/not-a-guid/intakes")]
    [InlineData("GET", "/api/projects/not-a-guid/steps/offer")]
    [InlineData("GET", "/api/projects/not-a-guid/steps/offer/versions")]
    [InlineData("POST", "/api/projects/not-a-guid/steps/offer/versions/1/restore")]
    [InlineData("POST", "/api/projects/{projectId}/steps/offer/versions/one/restore")]
    [InlineData("POST", "/api/projects/{projectId}/steps/offer/versions/99999999999/restore")]
    [InlineData("PUT", "/api/projects/not-a-guid/steps/offer")]
    [InlineData("GET", "/api/projects/not-a-guid/steps/offer/versions/compare?from=1&to=1")]
    [InlineData("GET", "/api/generate/generation-status?projectId=not-a-guid")]
    [InlineData("GET", "/api/generate/generation-status?projectId=")]
    [InlineData("GET", "/api/generate/generation-events?projectId=not-a-guid")]
    [InlineData("GET", "/api/generate/generation-status?projectId={projectId}&projectId={projectId}")]
    public async Task An_invalid_id_in_the_route_or_query_answers_400_or_404(string method, string route)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId);

        var problem = await AssertRejectedAsync(
            () => api.Http.SendAsync(Request(method, route.Replace("{projectId}", projectId.ToString(), StringComparison.Ordinal))),
            HttpStatusCode.BadRequest, HttpStatusCode.NotFound);

        if (problem.GetProperty("status").GetInt32() == 400)
        {
            Assert.Contains("is not a valid value for 'projectId'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/generate/generation-status")]
    [InlineData("/api/generate/generation-events")]
    public async Task A_missing_project_id_query_answers_400_naming_it(string route)
    {
        using var api = await App.Client().SignUpAsync();
        await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync(route), HttpStatusCode.BadRequest);

        Assert.Equal("The query parameter 'projectId' is required.", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("GET", "steps/4")]
    [InlineData("GET", "steps/banana")]
    [InlineData("GET", "steps/-1")]
    [InlineData("GET", "steps/2.0")]
    [InlineData("GET", "steps/%20")]
    [InlineData("GET", "steps/4/versions")]
    [InlineData("POST", "steps/banana/versions/1/restore")]
    [InlineData("PUT", "steps/banana")]
    [InlineData("PUT", "steps/4")]
    [InlineData("GET", "steps/7/versions/compare?from=1&to=1")]
    public async Task An_unknown_step_in_the_route_answers_400_listing_the_valid_steps(string method, string path)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId);

        var problem = await AssertRejectedAsync(() => api.Http.SendAsync(Request(method, $"/api/projects/{projectId}/{path}")), HttpStatusCode.BadRequest);

        Assert.Equal(["step"], ErrorFields(problem));
        AssertListsValidSteps(problem);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public async Task Retry_step_with_an_unknown_step_answers_400_listing_the_valid_steps(int step)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.Http.PostAsJsonAsync("/api/generate/retry-step", new { projectId, step }), HttpStatusCode.BadRequest);

        Assert.Equal(["step"], ErrorFields(problem));
        AssertListsValidSteps(problem);
    }

    [Theory]
    [InlineData("offer", 2)]
    [InlineData("offer", 0)]
    [InlineData("offer", -1)]
    [InlineData("deck-structure", 1)]
    public async Task Restoring_a_version_that_does_not_exist_answers_404_and_changes_nothing(string step, int version)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId); // offer has version 1 only

        var problem = await AssertRejectedAsync(
            () => api.Http.PostAsync($"/api/projects/{projectId}/steps/{step}/versions/{version}/restore", null), HttpStatusCode.NotFound);

        Assert.Equal("Version not found", problem.GetProperty("title").GetString());
        Assert.Contains($"no version {version}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_without_content_answers_404_problem()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync($"/api/projects/{projectId}/steps/deck-structure"), HttpStatusCode.NotFound);

        Assert.Equal("No content yet", problem.GetProperty("title").GetString());
    }

    private static HttpRequestMessage Request(string method, string url) => new(new HttpMethod(method), url)
    {
        Content = method switch
        {
            "POST" => JsonContent.Create(new { }),
            "PUT" => JsonContent.Create(new { content = new { headline = "An edit" } }),
            _ => null,
        },
    };
}

public sealed class BadInputRouteTestsOnSqlite(PostgresCluster cluster) : BadInputRouteTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class BadInputRouteTestsOnPostgres(PostgresCluster cluster) : BadInputRouteTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
