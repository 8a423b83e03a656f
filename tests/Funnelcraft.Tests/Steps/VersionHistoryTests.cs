using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Funnelcraft.Steps;
using Funnelcraft.Tests.Api;
using Funnelcraft.Tests.Infrastructure;

namespace Funnelcraft.Tests.Steps;

/// <summary>
/// A step's history stays cheap however long it grows: the versions list is paged (<c>?limit=</c> 1–200, 50 by default,
/// <c>?before=</c>), the content page lists the latest 20 and links to the rest, and restores are rate-limited.
/// </summary>
public abstract partial class VersionHistoryTests(PostgresCluster cluster) : BadInputTestBase(cluster)
{
    [Fact]
    public async Task The_versions_list_is_paged_newest_first_with_a_link_to_the_next_page()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedVersionsAsync(projectId, 120);
        var url = $"/api/projects/{projectId}/steps/offer/versions";

        var first = await api.Http.GetAsync(url);
        var firstPage = await Versions(first);
        var next = first.Headers.GetValues("Link").Single();
        var second = await Versions(await api.Http.GetAsync($"{url}?limit=50&before=71"));
        var all = await Versions(await api.Http.GetAsync($"{url}?limit=200"));
        var last = await api.Http.GetAsync($"{url}?limit=50&before=21");

        Assert.Equal(Enumerable.Range(71, 50).Reverse(), firstPage.Select(v => v.Version));
        Assert.Equal($"</api/projects/{projectId}/steps/offer/versions?limit=50&before=71>; rel=\"next\"", next);
        Assert.Equal(Enumerable.Range(21, 50).Reverse(), second.Select(v => v.Version));
        Assert.Equal(Enumerable.Range(1, 120).Reverse(), all.Select(v => v.Version));
        Assert.Equal(Enumerable.Range(1, 20).Reverse(), (await Versions(last)).Select(v => v.Version));
        Assert.False(last.Headers.Contains("Link")); // nothing older
        Assert.Equal([120], all.Where(v => v.IsCurrent).Select(v => v.Version));
        Assert.DoesNotContain(second, v => v.IsCurrent);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=-5", "limit")]
    [InlineData("before=0", "before")]
    [InlineData("limit=abc", null)]
    [InlineData("before=x", null)]
    public async Task A_bad_page_answers_400(string query, string? field)
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedVersionsAsync(projectId, 3);

        var problem = await AssertRejectedAsync(() => api.Http.GetAsync($"/api/projects/{projectId}/steps/offer/versions?{query}"), HttpStatusCode.BadRequest);

        if (field is not null)
        {
            Assert.Equal([field], ErrorFields(problem));
        }
    }

    [Fact]
    public async Task The_content_page_lists_the_latest_20_versions_and_pages_the_rest()
    {
        using var api = await App.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await SeedVersionsAsync(projectId, 45);
        using var browser = await SignedInBrowserAsync(api.Email!);

        var newest = await browser.GetStringAsync($"/funnel-builder/{projectId}/step/2");
        var older = await browser.GetStringAsync($"/funnel-builder/{projectId}/step/2?before=26");
        var oldest = await browser.GetStringAsync($"/funnel-builder/{projectId}/step/2?before=6");

        Assert.Equal(Enumerable.Range(26, 20).Reverse(), Listed(newest));
        Assert.Contains("History (45)", newest, StringComparison.Ordinal);
        Assert.Contains("Version 45 of 45", newest, StringComparison.Ordinal);
        Assert.Contains($"href=\"/funnel-builder/{projectId}/step/2?before=26\"", newest, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(6, 20).Reverse(), Listed(older));
        Assert.Contains($"href=\"/funnel-builder/{projectId}/step/2?before=6\"", older, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, 5).Reverse(), Listed(oldest));
        Assert.DoesNotContain("Older versions", oldest, StringComparison.Ordinal);
        Assert.Contains("Newest versions", oldest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restores_are_rate_limited_per_user_like_starts()
    {
        await using var app = await FunnelcraftApp.StartAsync(Kind, Cluster, new Dictionary<string, string?> { ["RateLimits:ContentChangesPerMinute"] = "2" });
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        await using (var db = app.NewDbContext())
        {
            db.ContentVersions.Add(new ContentVersion { ProjectId = projectId, Step = StepCatalog.Offer, Version = 1, GeneratedAt = DateTimeOffset.UtcNow, Content = """{"name":"v1"}""" });
            await db.SaveChangesAsync();
        }

        var url = $"/api/projects/{projectId}/steps/offer/versions/1/restore";
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsync(url, null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PostAsync(url, null)).StatusCode);
        var before = await DbFingerprint.TakeAsync(app);
        var refused = await api.Http.PostAsync(url, null);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(before, await DbFingerprint.TakeAsync(app));
    }

    private async Task SeedVersionsAsync(Guid projectId, int count)
    {
        await using var db = App.NewDbContext();
        var start = DateTimeOffset.UtcNow.AddHours(-count);
        for (var v = 1; v <= count; v++)
        {
            db.ContentVersions.Add(new ContentVersion
            {
                ProjectId = projectId, Step = StepCatalog.Offer, Version = v, GeneratedAt = start.AddHours(v),
                Content = $$"""{"name":"Version {{v}}","tagline":"t","description":"d","price":497,"currency":"USD","promise":"p","person":"p","process":"p","purpose":"p","pathway":"direct_purchase","features":["a","b","c"],"bonuses":["a","b","c"],"guarantee":"g"}""",
            });
        }

        await db.SaveChangesAsync();
    }

    private async Task<HttpClient> SignedInBrowserAsync(string email)
    {
        var browser = App.CreateClient();
        (await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email, password = "Passw0rd!x" })).EnsureSuccessStatusCode();
        return browser;
    }

    private static async Task<List<(int Version, bool IsCurrent)>> Versions(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>();
        return [.. list.EnumerateArray().Select(v => (v.GetProperty("version").GetInt32(), v.GetProperty("isCurrent").GetBoolean()))];
    }

    private static IEnumerable<int> Listed(string html) =>
        HistoryItem().Matches(html).Select(m => int.Parse(m.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture));

    [GeneratedRegex("class=\"history-item[^\"]*\" data-version=\"(?<version>\\d+)\"")]
    private static partial Regex HistoryItem();
}

public sealed class VersionHistoryTestsOnSqlite(PostgresCluster cluster) : VersionHistoryTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Sqlite;
}

public sealed class VersionHistoryTestsOnPostgres(PostgresCluster cluster) : VersionHistoryTests(cluster)
{
    protected override DatabaseKind Kind => DatabaseKind.Postgres;
}
