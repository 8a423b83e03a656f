using System.Net;
using System.Net.Http.Json;
using Funnelcraft.Tests.Infrastructure;
using Funnelcraft.Web;

namespace Funnelcraft.Tests.Api;

/// <summary>Well-formed requests with invalid fields: a 400 validation problem listing each field, and nothing is saved.</summary>
public abstract class BadInputValidationTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    public static TheoryData<string?, string?, string> BadProjects => new()
    {
        { "", null, "name" },
        { "   ", null, "name" },
        { null, null, "name" },
        { new string('n', 201), null, "name" },
        { "Fine name", new string('d', 2001), "description" },
    };

    [Theory]
    [MemberData(nameof(BadProjects))]
    public async Task Create_project_with_an_invalid_field_answers_400_listing_it(string? name, string? description, string field)
    {
        using var api = await App.Client().SignUpAsync();

        var problem = await AssertRejectedAsync(() => api.Http.PostAsJsonAsync("/api/projects", new { name, description }), HttpStatusCode.BadRequest);

        Assert.Equal([field], ErrorFields(problem));
        Assert.Empty(await api.Http.GetFromJsonAsync<object[]>("/api/projects") ?? []);
    }

    [Fact]
    public async Task Create_project_with_a_200_character_name_answers_201()
    {
        using var api = await App.Client().SignUpAsync();

        var response = await api.Http.PostAsJsonAsync("/api/projects", new { name = new string('n', 200) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public static TheoryData<string, string[]> BadIntakes => new()
    {
        { """{"method": "email", "transcriptText": "x"}""", ["method"] },
        { """{"method": "Form", "businessName": "Acme", "targetAudience": "founders", "mainProblem": "no leads"}""", ["method"] },
        { """{"businessName": "Acme"}""", ["method"] },
        { """{"method": "form", "targetAudience": "founders", "mainProblem": "no leads"}""", ["businessName"] },
        { """{"method": "form", "businessName": "  ", "targetAudience": "founders", "mainProblem": "no leads"}""", ["businessName"] },
        { """{"method": "form"}""", ["businessName", "mainProblem", "targetAudience"] },
        { """{"method": "form", "businessName": "Acme", "targetAudience": "founders", "mainProblem": "no leads", "pricePoint": "PRICE"}""", ["pricePoint"] },
        { """{"method": "transcript"}""", ["transcriptText"] },
        { """{"method": "transcript", "transcriptText": "too short"}""", ["transcriptText"] },
        { """{"method": "transcript", "transcriptText": "TRANSCRIPT"}""", ["transcriptText"] },
    };

    [Theory]
    [MemberData(nameof(BadIntakes))]
    public async Task Create_intake_with_an_invalid_field_answers_400_listing_it(string body, string[] fields)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        var json = body
            .Replace("PRICE", new string('$', 101), StringComparison.Ordinal)
            .Replace("TRANSCRIPT", new string('t', InputLimits.Transcript + 1), StringComparison.Ordinal);

        var problem = await AssertRejectedAsync(
            () => api.Http.PostAsync($"/api/projects/{projectId}/intakes", new StringContent(json, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);

        Assert.Equal(fields, ErrorFields(problem).Order());
        Assert.Empty(await api.Http.GetFromJsonAsync<object[]>($"/api/projects/{projectId}/intakes") ?? []);
    }

    [Fact]
    public async Task A_transcript_of_exactly_the_limit_answers_201()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.CreateProjectAsync();
        var transcriptText = new string('t', InputLimits.Transcript);

        var response = await api.Http.PostAsJsonAsync($"/api/projects/{projectId}/intakes", new { method = "transcript", transcriptText });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var intakes = await api.Http.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/projects/{projectId}/intakes");
        Assert.Equal(InputLimits.Transcript, intakes[0].GetProperty("transcriptText").GetString()!.Length);
    }
}

public sealed class BadInputValidationTestsOnSqlite(PostgresCluster cluster) : BadInputValidationTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class BadInputValidationTestsOnPostgres(PostgresCluster cluster) : BadInputValidationTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
