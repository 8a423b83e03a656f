using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Funnelcraft.Tests.Deployment;

/// <summary>The app as an operator runs it: a <c>dotnet publish -c Release</c> output started in Production.</summary>
public sealed partial class PublishedBuildTests
{
    [Fact]
    public async Task A_published_build_started_in_Production_serves_its_pages_with_their_CSS_and_JS()
    {
        var folder = await PublishedApp.FolderAsync();
        using var node = new NodeFolder();
        await using var app = await AppProcess.StartAsync(node.Environment(DatabaseKind.Sqlite, $"Data Source={node.File("funnelcraft.db")}"), appDirectory: folder);
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.Address };

        // The sign-in page as a visitor sees it (a signed-in user is sent on from there).
        var assets = new List<string>();
        using (var loginPage = await http.GetAsync("/account/login"))
        {
            Assert.True(loginPage.StatusCode == HttpStatusCode.OK, $"/account/login answered {(int)loginPage.StatusCode}");
            assets.AddRange(AssetReference().Matches(await loginPage.Content.ReadAsStringAsync()).Select(m => m.Groups["url"].Value));
        }

        // Signed in with the cookie the pages use (Secure in Production, so sent back by hand over this plain-HTTP loopback).
        using var api = new ApiClient(app.Client());
        await api.SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        using var login = await api.Http.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = api.Email, password = ApiClient.Password });
        login.EnsureSuccessStatusCode();
        http.DefaultRequestHeaders.Add("Cookie", string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));

        foreach (var page in new[] { "/funnel-builder", $"/funnel-builder/{projectId}/step/1" })
        {
            using var response = await http.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
            assets.AddRange(AssetReference().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups["url"].Value));
        }

        Assert.Contains(assets, a => a.StartsWith("/css/", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/js/", StringComparison.Ordinal));

        // Every stylesheet and script, and every module a script imports, is served with its type.
        var fetched = new HashSet<string>();
        var queue = new Queue<string>(assets.Distinct());
        while (queue.TryDequeue(out var asset))
        {
            if (!fetched.Add(asset.Split('?')[0]))
            {
                continue;
            }

            using var response = await http.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{asset} answered {(int)response.StatusCode}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.False(string.IsNullOrWhiteSpace(body), $"{asset} is empty");
            var type = response.Content.Headers.ContentType?.MediaType;
            if (asset.Contains(".css", StringComparison.Ordinal))
            {
                Assert.Equal("text/css", type);
            }
            else if (asset.Contains(".js", StringComparison.Ordinal))
            {
                Assert.Equal("text/javascript", type);
                var directory = asset[..(asset.Split('?')[0].LastIndexOf('/') + 1)];
                foreach (Match import in ModuleImport().Matches(body))
                {
                    queue.Enqueue(directory + import.Groups["path"].Value);
                }
            }
        }

        Assert.DoesNotContain(app.Output, line => line.Contains("CSS and JS are not in", StringComparison.Ordinal));
    }

    [GeneratedRegex("(?:href|src)=\"(?<url>/(?:css|js)/[^\"]+)\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("""(?:import|from)\s*\(?\s*["']\./(?<path>[^"']+\.js)["']""")]
    private static partial Regex ModuleImport();
}
