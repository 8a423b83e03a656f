using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Tests.Api;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Steps;

/// <summary><c>GET …/versions/compare?from=&amp;to=</c>: field by field, word level for text, lists item by item.</summary>
public abstract class VersionCompareTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    [Fact]
    public async Task Compare_lists_changed_fields_with_the_changed_words_marked_and_list_items_matched()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);
        var offer = JsonNode.Parse((await api.StepAsync(projectId, "offer")).GetProperty("content").GetRawText())!.AsObject();
        var originalTagline = offer["tagline"]!.GetValue<string>();
        var features = offer["features"]!.AsArray();
        var secondFeature = features[1]!["title"]!.GetValue<string>();
        offer["tagline"] = originalTagline + " Starting today";
        features.Insert(1, JsonNode.Parse("""{"title": "A brand new feature", "description": "Added by hand."}"""));
        features.RemoveAt(features.Count - 1);
        features[0]!["description"] = "Rewritten by hand.";
        var put = await api.Http.PutAsJsonAsync($"/api/projects/{projectId}/steps/offer", new { content = offer });
        put.EnsureSuccessStatusCode();

        var compare = await api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer/versions/compare?from=1&to=2");

        Assert.Equal(1, compare.GetProperty("from").GetProperty("version").GetInt32());
        Assert.Equal("generated", compare.GetProperty("from").GetProperty("source").GetString());
        Assert.Equal("edited", compare.GetProperty("to").GetProperty("source").GetString());
        Assert.True(compare.GetProperty("to").GetProperty("isCurrent").GetBoolean());
        var fields = compare.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
        Assert.Equal("unchanged", fields["name"].GetProperty("change").GetString());
        Assert.Equal("unchanged", fields["price"].GetProperty("change").GetString());
        var tagline = fields["tagline"];
        Assert.Equal("changed", tagline.GetProperty("change").GetString());
        Assert.Equal("text", tagline.GetProperty("kind").GetString());
        Assert.Equal(["Starting", "today"], Marked(tagline.GetProperty("toWords"), "added"));
        Assert.Empty(Marked(tagline.GetProperty("fromWords"), "removed"));
        Assert.Equal(originalTagline, string.Concat(tagline.GetProperty("fromWords").EnumerateArray().Select(w => w.GetProperty("text").GetString())));

        var items = fields["features"].GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal("changed", items[0].GetProperty("change").GetString());
        Assert.Equal(["Rewritten", "by", "hand"], Marked(Field(items[0], "description").GetProperty("toWords"), "added").Select(w => w.TrimEnd('.')).Take(3));
        Assert.Equal("unchanged", Field(items[0], "title").GetProperty("change").GetString());
        Assert.Equal("added", items[1].GetProperty("change").GetString());
        Assert.Equal(1, items[1].GetProperty("toIndex").GetInt32());
        Assert.Equal(JsonValueKind.Null, items[1].GetProperty("fromIndex").ValueKind);
        Assert.Equal("unchanged", items[2].GetProperty("change").GetString()); // the old second feature, now third
        Assert.Equal(secondFeature, Field(items[2], "title").GetProperty("to").GetString());
        Assert.Equal((1, 2), (items[2].GetProperty("fromIndex").GetInt32(), items[2].GetProperty("toIndex").GetInt32()));
        Assert.Equal("removed", items[^1].GetProperty("change").GetString());
        Assert.Equal(4, compare.GetProperty("changes").GetInt32()); // the tagline, a feature's description, a feature added, one removed
    }

    [Fact]
    public async Task Comparing_a_version_with_itself_shows_no_change()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await api.GenerateAsync(projectId);

        var compare = await api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/deck-structure/versions/compare?from=1&to=1");

        Assert.Equal(0, compare.GetProperty("changes").GetInt32());
        Assert.All(compare.GetProperty("fields").EnumerateArray(), f => Assert.Equal("unchanged", f.GetProperty("change").GetString()));
    }

    [Theory]
    [InlineData("from=1&to=2", "no version 2")]
    [InlineData("from=5&to=1", "no version 5")]
    [InlineData("from=0&to=1", "no version 0")]
    public async Task Comparing_with_a_version_that_does_not_exist_answers_404(string query, string detail)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId);

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/versions/compare?{query}"), HttpStatusCode.NotFound);

        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=1", "'to'")]
    [InlineData("to=1", "'from'")]
    [InlineData("from=one&to=1", "'from'")]
    [InlineData("from=1&to=99999999999", "'to'")]
    public async Task Compare_without_two_version_numbers_answers_400_naming_the_parameter(string query, string parameter)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedContentAsync(projectId);

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/versions/compare?{query}"), HttpStatusCode.BadRequest);

        Assert.Contains(parameter, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static JsonElement Field(JsonElement node, string name) =>
        node.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.EndsWith("." + name, StringComparison.Ordinal));

    /// <summary>The words of a side marked <paramref name="change"/>, split at spaces.</summary>
    private static string[] Marked(JsonElement words, string change) =>
        [.. words.EnumerateArray().Where(w => w.GetProperty("change").GetString() == change)
            .SelectMany(w => w.GetProperty("text").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
}

public sealed class VersionCompareTestsOnSqlite(PostgresCluster cluster) : VersionCompareTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class VersionCompareTestsOnPostgres(PostgresCluster cluster) : VersionCompareTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
