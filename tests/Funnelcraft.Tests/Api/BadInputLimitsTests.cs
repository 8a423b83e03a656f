using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Funnelcraft.Tests.Infrastructure;
using Funnelcraft.Web;

namespace Funnelcraft.Tests.Api;

/// <summary>
/// Every string the API accepts, anonymous account routes included, against its limit and the characters no name or
/// text may hold: a 400 naming the field, and nothing stored (on PostgreSQL a NUL or an oversized value would otherwise
/// fail in the database; on SQLite it would be stored).
/// </summary>
public abstract class BadInputLimitsTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    /// <summary>The routes that take strings: a valid body, and each string field with its limit and whether it is long text.</summary>
    private static readonly Dictionary<string, (string Body, (string Field, int Limit, Text Text)[] Fields)> Routes = new()
    {
        ["/api/projects"] = ("""{"name": "Spring launch", "description": "A funnel"}""",
            [("name", InputLimits.Name, Text.Line), ("description", InputLimits.Description, Text.Paragraphs)]),
        ["/api/projects/{projectId}/intakes"] = ("""{"method": "form", "sessionName": "Kick-off", "businessName": "Acme", "industry": "Coffee", "targetAudience": "cafe owners", "mainProblem": "no leads", "currentSolution": "flyers", "desiredOutcome": "a full cafe", "pricePoint": "$497", "timeline": "8 weeks"}""",
            [("sessionName", InputLimits.Name, Text.Line), ("businessName", InputLimits.Name, Text.Line), ("industry", InputLimits.Name, Text.Line),
             ("targetAudience", InputLimits.IntakeField, Text.Paragraphs), ("mainProblem", InputLimits.IntakeField, Text.Paragraphs), ("currentSolution", InputLimits.IntakeField, Text.Paragraphs),
             ("desiredOutcome", InputLimits.IntakeField, Text.Paragraphs), ("pricePoint", InputLimits.PricePoint, Text.Line), ("timeline", InputLimits.Name, Text.Line),
             ("transcriptText", InputLimits.Transcript, Text.Paragraphs)]),
        ["/api/auth/register"] = ("""{"email": "newcomer@example.com", "password": "Passw0rd!x"}""",
            [("email", InputLimits.Email, Text.Line), ("password", InputLimits.Password, Text.Secret)]),
        ["/api/auth/login"] = ("""{"email": "someone@example.com", "password": "Passw0rd!x"}""",
            [("email", InputLimits.Email, Text.Line), ("password", InputLimits.Password, Text.Secret), ("twoFactorCode", InputLimits.Other, Text.Line)]),
        ["/api/auth/forgotPassword"] = ("""{"email": "someone@example.com"}""", [("email", InputLimits.Email, Text.Line)]),
        ["/api/auth/resendConfirmationEmail"] = ("""{"email": "someone@example.com"}""", [("email", InputLimits.Email, Text.Line)]),
        ["/api/auth/resetPassword"] = ("""{"email": "someone@example.com", "resetCode": "abc", "newPassword": "Passw0rd!y"}""",
            [("email", InputLimits.Email, Text.Line), ("resetCode", InputLimits.Other, Text.Line), ("newPassword", InputLimits.Password, Text.Secret)]),
        ["/api/auth/refresh"] = ("""{"refreshToken": "abc"}""", [("refreshToken", InputLimits.Other, Text.Line)]),
    };

    /// <summary>A name or other one-line value; long text (line breaks allowed); a password (only its length is limited: it is hashed, never stored).</summary>
    public enum Text
    {
        Line,
        Paragraphs,
        Secret,
    }

    /// <summary>Bad values as JSON string literals; null where a kind does not apply to a field.</summary>
    private static string? Bad(string kind, int limit, Text text) => kind switch
    {
        "one over the limit" => $"\"{new string('a', limit + 1)}\"",
        _ when text == Text.Secret => null,
        "a NUL" => "\"Ac\\u0000me\"",
        "a control character" => "\"Ac\\u0007me\"",
        "DEL" => "\"Ac\\u007fme\"",
        "only zero-width characters" => text == Text.Paragraphs ? null : "\"\\u200b\\u200d\\ufeff\"",
        "a line break in a name" => text == Text.Paragraphs ? null : "\"Ac\\nme\"",
        "a lone surrogate" => "\"Ac\\ud800me\"",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static readonly string[] Kinds =
        ["one over the limit", "a NUL", "a control character", "DEL", "only zero-width characters", "a line break in a name", "a lone surrogate"];

    public static TheoryData<string, string> RoutesAndBadValues =>
        [.. Routes.Keys.SelectMany(route => Kinds.Select(kind => (route, kind)))];

    [Theory]
    [MemberData(nameof(RoutesAndBadValues))]
    public async Task A_string_over_its_limit_or_with_characters_no_text_may_hold_answers_400_and_stores_nothing(string route, string kind)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        using var anonymous = App.CreateClient();
        var client = route.StartsWith("/api/auth/", StringComparison.Ordinal) ? anonymous : api.Http;
        var (body, fields) = Routes[route];

        foreach (var (field, limit, text) in fields)
        {
            if (Bad(kind, limit, text) is not { } value)
            {
                continue;
            }

            var json = With(body, field, value);
            var problem = await AssertRejectedAsync(
                () => client.PostAsync(route.Replace("{projectId}", projectId.ToString(), StringComparison.Ordinal), new StringContent(json, Encoding.UTF8, "application/json")),
                HttpStatusCode.BadRequest);

            // A lone surrogate may already stop the JSON reader (the body cannot be read); otherwise the field is named.
            if (kind != "a lone surrogate")
            {
                Assert.True(ErrorFields(problem).Contains(field), $"{route}: {field} with {kind} was refused without naming the field: {problem}");
            }
        }
    }

    [Fact]
    public async Task Every_string_at_its_limit_and_line_breaks_in_long_text_are_accepted()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        var intake = new Dictionary<string, object?>
        {
            ["method"] = "form",
            ["sessionName"] = new string('s', InputLimits.Name),
            ["businessName"] = new string('b', InputLimits.Name),
            ["industry"] = new string('i', InputLimits.Name),
            ["targetAudience"] = "Cafe owners\twho\r\n" + new string('t', InputLimits.IntakeField - "Cafe owners\twho\r\n".Length),
            ["mainProblem"] = new string('m', InputLimits.IntakeField),
            ["currentSolution"] = new string('c', InputLimits.IntakeField),
            ["desiredOutcome"] = new string('d', InputLimits.IntakeField),
            ["pricePoint"] = new string('$', InputLimits.PricePoint),
            ["timeline"] = new string('w', InputLimits.Name),
            ["transcriptText"] = "Coach: hello\nOwner: hi\n" + new string('x', InputLimits.Transcript - "Coach: hello\nOwner: hi\n".Length),
        };

        var created = await api.Http.PostAsJsonAsync($"/api/projects/{projectId}/intakes", intake);
        var project = await api.Http.PostAsJsonAsync("/api/projects", new { name = "Zero\u200bwidth inside is fine", description = "Two lines\nof description" });
        var email = new string('e', InputLimits.Email - "@example.com".Length) + "@example.com";
        using var anonymous = App.CreateClient();
        var registered = await anonymous.PostAsJsonAsync("/api/auth/register", new { email, password = "Passw0rd!x" + new string('p', InputLimits.Password - 10) });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var stored = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(InputLimits.Transcript, stored.GetProperty("transcriptText").GetString()!.Length);
        Assert.Equal(InputLimits.IntakeField, stored.GetProperty("targetAudience").GetString()!.Length);
    }

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u200b")]
    [InlineData("\u0001\u0002")]
    public async Task A_project_name_that_is_only_invisible_or_control_characters_is_refused(string name)
    {
        using var api = await App.Client().SignUpAsync();

        var problem = await AssertRejectedAsync(() => api.Http.PostAsJsonAsync("/api/projects", new { name }), HttpStatusCode.BadRequest);

        Assert.Equal(["name"], ErrorFields(problem));
    }

    private static string With(string body, string field, string jsonValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        node.Remove(field);
        var rest = node.ToJsonString();
        return rest.Length <= 2 ? $"{{\"{field}\": {jsonValue}}}" : $"{rest[..^1]}, \"{field}\": {jsonValue}}}";
    }
}

public sealed class BadInputLimitsTestsOnSqlite(PostgresCluster cluster) : BadInputLimitsTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class BadInputLimitsTestsOnPostgres(PostgresCluster cluster) : BadInputLimitsTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
