using System.Net;
using System.Net.Http.Json;
using System.Text;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Api;

/// <summary>Bodies that cannot be read or do not fit the route: a readable 400/415 problem, never a 500, and nothing changes.</summary>
public abstract class BadInputBodyTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    public static TheoryData<string, string> UnreadableBodies => new()
    {
        // malformed JSON
        { "/api/generate/auto-generate-all", """{"projectId": """ },
        { "/api/generate/auto-generate-all", "not json at all" },
        { "/api/generate/cancel", """{"projectId": "{projectId}",}""" },
        { "/api/generate/retry-step", """{"projectId": "{projectId}" "step": 2}""" },
        { "/api/generate/retry-failed", "{\"projectId\": \"{projectId}\"" },
        { "/api/generate/regenerate-step", """{"projectId": "{projectId}", "step": 2, "instruction": "shorter""" },
        { "/api/generate/retry-failed", "{projectId}" },
        { "/api/projects", """{"name": "unterminated""" },
        { "/api/projects/{projectId}/intakes", "{" },
        // wrong types
        { "/api/generate/auto-generate-all", """{"projectId": "{projectId}", "regenerate": "yes"}""" },
        { "/api/generate/auto-generate-all", """{"projectId": 12}""" },
        { "/api/generate/auto-generate-all", """{"projectId": "not-a-guid"}""" },
        { "/api/generate/auto-generate-all", """{"projectId": "{projectId}", "intakeId": true}""" },
        { "/api/generate/cancel", """{"projectId": ["{projectId}"]}""" },
        { "/api/generate/retry-step", """{"projectId": "{projectId}", "step": "banana"}""" },
        { "/api/generate/retry-step", """{"projectId": "{projectId}", "step": 2.5}""" },
        { "/api/generate/retry-step", """{"projectId": "{projectId}", "step": 99999999999}""" },
        { "/api/generate/retry-failed", """{"projectId": 12}""" },
        { "/api/generate/regenerate-step", """{"projectId": "{projectId}", "step": "banana"}""" },
        { "/api/generate/regenerate-step", """{"projectId": "{projectId}", "step": 2, "instruction": 5}""" },
        { "/api/generate/regenerate-step", """{"projectId": "{projectId}", "step": 2, "instruction": ["shorter"]}""" },
        { "/api/generate/regenerate-step", """{"projectId": "{projectId}", "step": 2, "withDependents": "yes"}""" },
        { "/api/generate/regenerate-step", """{"projectId": "{projectId}", "step": 2, "overwriteEdits": 1}""" },
        { "/api/generate/retry-failed", """{"projectId": "not-a-guid"}""" },
        { "/api/generate/retry-failed", """{"projectId": {"id": "{projectId}"}}""" },
        { "/api/projects", """{"name": 12}""" },
        { "/api/projects", """{"name": {"first": "x"}}""" },
        { "/api/projects/{projectId}/intakes", """{"method": 5}""" },
        { "/api/projects/{projectId}/intakes", """{"method": "form", "businessName": ["Acme"]}""" },
        // a body that is not an object
        { "/api/generate/auto-generate-all", "12" },
        { "/api/generate/cancel", "\"{projectId}\"" },
        { "/api/generate/retry-step", "[]" },
        { "/api/generate/retry-failed", "[\"{projectId}\"]" },
        { "/api/generate/regenerate-step", "[]" },
        { "/api/generate/regenerate-step", "null" },
        { "/api/projects", "true" },
        { "/api/projects/{projectId}/intakes", "[{\"method\": \"form\"}]" },
        // empty or null
        { "/api/generate/auto-generate-all", "" },
        { "/api/generate/cancel", "" },
        { "/api/generate/retry-step", "null" },
        { "/api/generate/retry-failed", "" },
        { "/api/generate/retry-failed", "null" },
        { "/api/generate/retry-failed", "{\"projectId\": " + new string('[', 100) + new string(']', 100) + "}" },
        { "/api/projects", "" },
        { "/api/projects/{projectId}/intakes", "null" },
        // nested past the depth limit
        { "/api/projects", "{\"name\": " + new string('[', 100) + new string(']', 100) + "}" },
    };

    [Theory]
    [MemberData(nameof(UnreadableBodies))]
    public async Task A_body_that_cannot_be_read_answers_400_with_a_readable_detail(string route, string body)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.Http.PostAsync(Fill(route, projectId), Json(Fill(body, projectId))), HttpStatusCode.BadRequest);

        Assert.True(problem.TryGetProperty("detail", out _) || ErrorFields(problem).Count > 0, "The problem says what is wrong.");
    }

    [Theory]
    [InlineData("/api/generate/auto-generate-all")]
    [InlineData("/api/generate/cancel")]
    [InlineData("/api/generate/retry-step")]
    [InlineData("/api/generate/retry-failed")]
    [InlineData("/api/generate/regenerate-step")]
    [InlineData("/api/projects")]
    [InlineData("/api/projects/{projectId}/intakes")]
    public async Task A_body_that_is_not_json_answers_415(string route)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var validJson = Fill("""{"projectId": "{projectId}", "step": 2, "name": "x", "method": "transcript"}""", projectId);

        var plain = await AssertRejectedAsync(
            () => api.Http.PostAsync(Fill(route, projectId), new StringContent(validJson, Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        var form = await AssertRejectedAsync(
            () => api.Http.PostAsync(Fill(route, projectId), new FormUrlEncodedContent([new("projectId", projectId.ToString())])), HttpStatusCode.UnsupportedMediaType);
        var none = await AssertRejectedAsync(() => api.Http.PostAsync(Fill(route, projectId), null), HttpStatusCode.BadRequest, HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("text/plain", plain.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("application/json", plain.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("application/json", form.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("body", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/generate/auto-generate-all")]
    [InlineData("/api/generate/cancel")]
    [InlineData("/api/generate/retry-step")]
    [InlineData("/api/generate/retry-failed")]
    [InlineData("/api/generate/regenerate-step")]
    public async Task A_body_without_project_id_answers_400_naming_it(string route)
    {
        using var api = await App.Client().SignUpAsync();
        await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.Http.PostAsync(route, Json("""{"step": 2}""")), HttpStatusCode.BadRequest);

        Assert.Contains("projectId", ErrorFields(problem));
    }

    [Fact]
    public async Task Retry_step_without_a_step_answers_400_naming_it()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.Http.PostAsJsonAsync("/api/generate/retry-step", new { projectId }), HttpStatusCode.BadRequest);

        Assert.Equal(["step"], ErrorFields(problem));
    }

    [Fact]
    public async Task Start_on_a_project_without_an_intake_answers_400_saying_so()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();

        var problem = await AssertRejectedAsync(() => api.StartAsync(projectId), HttpStatusCode.BadRequest);

        Assert.Equal("The project has no intake", problem.GetProperty("title").GetString());
        Assert.Contains("no intake", problem.GetProperty("errors").GetProperty("projectId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_with_an_intake_of_another_project_answers_400_naming_intake_id()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var otherProject = await api.CreateProjectAsync("Other");
        var otherIntake = await api.AddIntakeAsync(otherProject);

        var problem = await AssertRejectedAsync(() => api.StartAsync(projectId, intakeId: otherIntake), HttpStatusCode.BadRequest);

        Assert.Equal(["intakeId"], ErrorFields(problem));
    }

    [Theory]
    [InlineData(201)]
    [InlineData(5000)]
    public async Task An_idempotency_key_over_200_characters_answers_400(int length)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var problem = await AssertRejectedAsync(() => api.StartAsync(projectId, idempotencyKey: new string('k', length)), HttpStatusCode.BadRequest);

        Assert.Equal(["Idempotency-Key"], ErrorFields(problem));
    }

    [Fact]
    public async Task An_idempotency_key_of_200_characters_is_accepted()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var response = await api.StartAsync(projectId, idempotencyKey: new string('k', 200));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished); // let the run end before the app stops
    }

    private static string Fill(string text, Guid projectId) => text.Replace("{projectId}", projectId.ToString(), StringComparison.Ordinal);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

public sealed class BadInputBodyTestsOnSqlite(PostgresCluster cluster) : BadInputBodyTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class BadInputBodyTestsOnPostgres(PostgresCluster cluster) : BadInputBodyTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
