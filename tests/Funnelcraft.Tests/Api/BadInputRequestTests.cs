using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Api;

/// <summary>
/// Requests refused by what they are before their body is read: too large (413) on every route, anonymous ones and the
/// pages included; JSON in a charset other than UTF-8 (415) on every JSON route, the account ones included; the
/// Idempotency-Key header more than once (400). Each is a problem details answer, and nothing changes.
/// </summary>
public abstract class BadInputRequestTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    private const int OneMegabyte = 1024 * 1024;

    private static readonly (string Method, string Route)[] AccountRoutes =
    [
        ("POST", "/api/auth/register"), ("POST", "/api/auth/login"), ("POST", "/api/auth/refresh"), ("POST", "/api/auth/forgotPassword"),
        ("POST", "/api/auth/resetPassword"), ("POST", "/api/auth/resendConfirmationEmail"), ("POST", "/api/auth/manage/info"),
    ];

    private static readonly (string Method, string Route)[] PagePosts =
    [
        ("POST", "/account/login"), ("POST", "/account/register"), ("POST", "/funnel-builder"), ("POST", "/funnel-builder/{projectId}/step/1?handler=AddIntake"),
    ];

    /// <summary>Routes that take a transcript, and so a body of up to 2 MB.</summary>
    private static readonly string[] TranscriptRoutes = ["/api/projects/{projectId}/intakes", "/funnel-builder/{projectId}/step/1?handler=AddIntake"];

    public static TheoryData<string, string> EveryRoute =>
        [.. ApiRoutes.All.Select(r => (r.Method, r.Route)).Concat(AccountRoutes).Concat(PagePosts)];

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task A_body_over_the_limit_answers_413_before_it_is_read_signed_in_or_not(string method, string route)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        using var anonymous = App.CreateClient();
        var limit = method == "POST" && TranscriptRoutes.Contains(route) ? 2 * OneMegabyte : OneMegabyte;

        foreach (var client in new[] { api.Http, anonymous })
        {
            var problem = await AssertRejectedAsync(() => client.SendAsync(Request(method, route, projectId, limit + 1)), HttpStatusCode.RequestEntityTooLarge);
            Assert.Contains($"{limit:N0}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/api/projects/{projectId}/intakes")]
    [InlineData("/funnel-builder/{projectId}/step/1?handler=AddIntake")]
    public async Task A_route_that_takes_a_transcript_reads_a_body_of_up_to_2_MB(string route)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        using var response = await api.Http.SendAsync(Request("POST", route, projectId, 2 * OneMegabyte - 1024));

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode); // read, then refused for what it says
        Assert.True((int)response.StatusCode < 500, $"{route} answered {(int)response.StatusCode}");
    }

    public static TheoryData<string, string> JsonRoutesAndCharsets =>
    [
        .. new[]
        {
            "/api/projects", "/api/projects/{projectId}/intakes", "/api/generate/auto-generate-all", "/api/generate/cancel",
            "/api/generate/retry-step", "/api/generate/retry-failed", "/api/generate/regenerate-step", "/api/auth/register", "/api/auth/login",
        }.SelectMany(route => new[] { "UTF8", "bogus", "", "windows-1252", "utf-7", "\"utf-16\"" }.Select(charset => (route, charset))),
    ];

    [Theory]
    [MemberData(nameof(JsonRoutesAndCharsets))]
    public async Task A_JSON_body_in_a_charset_other_than_UTF_8_answers_415(string route, string charset)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        using var anonymous = App.CreateClient();
        var client = route.StartsWith("/api/auth/", StringComparison.Ordinal) ? anonymous : api.Http;

        var problem = await AssertRejectedAsync(
            () => client.PostAsync(Fill(route, projectId), Json(ValidBody(route, projectId), $"application/json; charset={charset}")),
            HttpStatusCode.UnsupportedMediaType);

        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quoted_utf_8_charset_is_valid_on_every_JSON_route()
    {
        using var anonymous = App.CreateClient();
        const string quoted = "application/json; charset=\"utf-8\"";
        var email = $"quoted-{Guid.NewGuid():N}@example.com";

        var register = await anonymous.PostAsync("/api/auth/register", Json($$"""{"email": "{{email}}", "password": "Passw0rd!x"}""", quoted));
        var login = await anonymous.PostAsync("/api/auth/login", Json($$"""{"email": "{{email}}", "password": "Passw0rd!x"}""", quoted));
        using var api = await App.Client().SignUpAsync();
        var project = await api.Http.PostAsync("/api/projects", Json("""{"name": "Quoted"}""", "application/json; CHARSET=\"UTF-8\""));
        var projectId = (await project.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var intake = await api.Http.PostAsync($"/api/projects/{projectId}/intakes", Json(ValidBody("/api/projects/{projectId}/intakes", projectId), quoted));
        var start = await api.Http.PostAsync("/api/generate/auto-generate-all", Json($$"""{"projectId": "{{projectId}}"}""", quoted));

        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await App.WaitForAsync(projectId, FunnelcraftApp.Finished);
    }

    [Fact]
    public async Task Two_Idempotency_Key_headers_answer_400_and_start_nothing()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/generate/auto-generate-all") { Content = JsonContent.Create(new { projectId }) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "first");
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "second");

        var problem = await AssertRejectedAsync(() => api.Http.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.Equal(["Idempotency-Key"], ErrorFields(problem));
        Assert.Contains("one Idempotency-Key", problem.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString(), StringComparison.Ordinal);
    }

    /// <summary>A request to <paramref name="route"/> with a body of <paramref name="bytes"/> bytes, in the route's own format.</summary>
    private static HttpRequestMessage Request(string method, string route, Guid projectId, int bytes)
    {
        var form = route.StartsWith("/account", StringComparison.Ordinal) || route.StartsWith("/funnel-builder", StringComparison.Ordinal);
        var prefix = form ? "Input.TranscriptText=" : "{\"transcriptText\": \"";
        var suffix = form ? "" : "\"}";
        var body = new byte[bytes];
        Array.Fill(body, (byte)'a');
        Encoding.ASCII.GetBytes(prefix).CopyTo(body, 0);
        Encoding.ASCII.GetBytes(suffix).CopyTo(body, bytes - suffix.Length);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(form ? "application/x-www-form-urlencoded" : "application/json");
        return new HttpRequestMessage(new HttpMethod(method), Fill(route, projectId)) { Content = content };
    }

    private static string ValidBody(string route, Guid projectId) => route switch
    {
        "/api/projects" => """{"name": "A project"}""",
        "/api/projects/{projectId}/intakes" => """{"method": "form", "businessName": "Acme", "targetAudience": "founders", "mainProblem": "no leads"}""",
        "/api/generate/retry-step" => $$"""{"projectId": "{{projectId}}", "step": 2}""",
        "/api/generate/regenerate-step" => $$"""{"projectId": "{{projectId}}", "step": 2, "instruction": "shorter"}""",
        "/api/auth/register" or "/api/auth/login" => """{"email": "someone@example.com", "password": "Passw0rd!x"}""",
        _ => $$"""{"projectId": "{{projectId}}"}""",
    };

    private static string Fill(string route, Guid projectId) => route.Replace("{projectId}", projectId.ToString(), StringComparison.Ordinal);

    private static StringContent Json(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}

public sealed class BadInputRequestTestsOnSqlite(PostgresCluster cluster) : BadInputRequestTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class BadInputRequestTestsOnPostgres(PostgresCluster cluster) : BadInputRequestTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
