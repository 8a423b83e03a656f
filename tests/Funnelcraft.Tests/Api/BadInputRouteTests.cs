using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Steps;
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
    [InlineData("GET", "/api/projects/not-a-guid/steps/offer/export")]
    [InlineData("GET", "/api/projects/not-a-guid/export")]
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
    [InlineData("GET", "steps/banana/export?format=md")]
    [InlineData("GET", "steps/4/export")]
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

    [Theory]
    [InlineData("offer", "pptx")]
    [InlineData("offer", "html")]
    [InlineData("deck-structure", "csv")]
    [InlineData("enrollment", "eml")]
    [InlineData("followup", "md")]
    [InlineData("marketing-profile", "pdf")]
    [InlineData("watch", "")]
    [InlineData("registration", "html%00")]
    [InlineData("offer", "a-very-long-format-name-that-nobody-would-ever-send-to-this-route")]
    public async Task An_export_format_the_step_does_not_have_answers_400_listing_the_formats_it_has(string step, string format)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId);

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync($"/api/projects/{projectId}/steps/{step}/export?format={format}"), HttpStatusCode.BadRequest);

        Assert.Equal(["format"], ErrorFields(problem));
        var message = problem.GetProperty("errors").GetProperty("format")[0].GetString()!;
        Assert.True(StepCatalog.TryParse(step, out var definition));
        Assert.All(Funnelcraft.Exports.ExportFormats.For(definition.Number), f => Assert.Contains(f.Key, message, StringComparison.Ordinal));
        Assert.StartsWith($"{definition.Name} exports as ", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/projects/{projectId}/steps/deck-structure/export", "No content yet")]
    [InlineData("/api/projects/{projectId}/steps/deck-structure/export?format=json", "No content yet")]
    [InlineData("/api/projects/{projectId}/steps/offer/export?version=2", "Version not found")]
    [InlineData("/api/projects/{projectId}/steps/offer/export?format=json&version=0", "Version not found")]
    [InlineData("/api/projects/{projectId}/steps/offer/export?version=-1", "Version not found")]
    [InlineData("/api/projects/{projectId}/steps/followup/export?format=eml&message=9", "Message not found")]
    [InlineData("/api/projects/{projectId}/export", "No content yet")]
    public async Task An_export_of_content_or_a_version_that_does_not_exist_answers_404(string route, string title)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        if (!route.EndsWith("/export", StringComparison.Ordinal))
        {
            await SeedContentAsync(projectId); // offer version 1
            await SeedContentAsync(projectId, StepCatalog.Followup, Funnelcraft.Tests.Exports.ExportSamples.Followup());
        }

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync(route.Replace("{projectId}", projectId.ToString(), StringComparison.Ordinal)), HttpStatusCode.NotFound);

        Assert.Equal(title, problem.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("format=csv&version=abc", "version")]
    [InlineData("format=json&version=1.5", "version")]
    [InlineData("format=eml&message=one", "message")]
    [InlineData("format=csv&message=1", "message")]
    public async Task An_export_with_a_malformed_version_or_message_answers_400_naming_it(string query, string field)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId, StepCatalog.Followup, Funnelcraft.Tests.Exports.ExportSamples.Followup());

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync($"/api/projects/{projectId}/steps/followup/export?{query}"), HttpStatusCode.BadRequest);

        Assert.Contains(field, problem.GetRawText(), StringComparison.Ordinal);
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
