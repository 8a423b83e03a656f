using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>The Export menu on content pages and "Download everything" on step 1 and the project list, used as a person would.</summary>
public sealed class ExportTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [BrowserFact]
    public async Task The_export_menu_works_by_keyboard_and_downloads_the_page_as_its_preview_shows_it()
    {
        var projectId = await GeneratedProjectAsync();
        await new ContentPage(Page, projectId, 8).GotoAsync();
        var menu = Page.Locator(".export-menu");
        var button = menu.Locator("summary");

        await button.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(menu.Locator(".export-panel")).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link)).ToHaveCountAsync(3);
        await Page.Keyboard.PressAsync("Escape");
        await Expect(menu.Locator(".export-panel")).ToBeHiddenAsync();
        await Expect(button).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Web page" })).ToBeFocusedAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Keyboard.PressAsync("Enter"));
        await Expect(menu.Locator(".export-panel")).ToBeHiddenAsync();
        Assert.Equal("spring-launch-watch.html", download.SuggestedFilename);

        // Opened on its own, the file shows the preview's text and asks for nothing: no request beyond the file itself.
        var path = Path.Combine(Directory.CreateTempSubdirectory("funnelcraft-export-").FullName, download.SuggestedFilename);
        await download.SaveAsAsync(path);
        var preview = await Page.Locator(".preview-page").InnerTextAsync();
        var file = await Context.NewPageAsync();
        var requests = new List<string>();
        file.Request += (_, request) => requests.Add(request.Url);
        await file.GotoAsync(new Uri(path).AbsoluteUri);
        Assert.Equal(Normalize(preview), Normalize(await file.Locator("body").InnerTextAsync()));
        Assert.Equal([new Uri(path).AbsoluteUri], requests);
        Assert.Equal(0, await file.Locator("script").CountAsync());
        Assert.DoesNotContain(ConsoleErrors, e => !e.StartsWith("file:", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task The_deck_downloads_as_powerpoint_and_an_older_version_exports_that_version()
    {
        var projectId = await GeneratedProjectAsync();
        await Api.StartAsync(projectId, regenerate: true);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Regenerate);
        await Page.GotoAsync($"/funnel-builder/{projectId}/step/3?version=1");

        await Page.Locator(".export-menu > summary").ClickAsync();
        await Expect(Page.Locator(".export-menu > summary")).ToHaveTextAsync("Export version 1");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "PowerPoint" }).ClickAsync());

        Assert.Equal("spring-launch-deck-v1.pptx", download.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal("PK"u8.ToArray(), bytes[..2]);
    }

    [BrowserFact]
    public async Task Download_everything_on_step_1_and_on_the_project_list_gets_the_funnel_zip()
    {
        var projectId = await GeneratedProjectAsync();

        await new ProjectsPage(Page).GotoAsync();
        var fromList = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Link, new() { Name = "Download everything in Spring launch (.zip)" }).ClickAsync());
        await Page.GotoAsync($"/funnel-builder/{projectId}/step/1");
        var fromStep1 = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Link, new() { Name = "Download everything in Spring launch (.zip)" }).ClickAsync());

        Assert.Equal("spring-launch-funnel.zip", fromList.SuggestedFilename);
        Assert.Equal("spring-launch-funnel.zip", fromStep1.SuggestedFilename);
        using var zip = System.IO.Compression.ZipFile.OpenRead(await fromStep1.PathAsync());
        Assert.Contains(zip.Entries, e => e.FullName == "deck.pptx");
        Assert.Contains(zip.Entries, e => e.FullName == "funnel.json");
    }

    [BrowserFact]
    public async Task The_export_controls_have_no_accessibility_violations_and_44_px_targets_at_375_px()
    {
        var projectId = await GeneratedProjectAsync();
        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var page = phone.Pages[^1];

        foreach (var step in new[] { 2, 3, 5, 11 })
        {
            await page.GotoAsync($"/funnel-builder/{projectId}/step/{step}");
            await page.Locator(".export-menu > summary").ClickAsync();
            await Expect(page.Locator(".export-panel")).ToBeVisibleAsync();
            var results = await page.Locator(".head-actions").RunAxe(WcagAa);
            Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help}")));
            foreach (var target in await page.Locator(".export-menu > summary, .export-item").AllAsync())
            {
                var box = (await target.BoundingBoxAsync())!;
                Assert.True(box.Height >= 44 && box.Width >= 44, $"step {step}: an export control is {box.Width}×{box.Height} px");
            }
        }

        foreach (var url in new[] { "/funnel-builder", $"/funnel-builder/{projectId}/step/1" })
        {
            await page.GotoAsync(url);
            var link = page.Locator(".download-all");
            var box = (await link.BoundingBoxAsync())!;
            Assert.True(box.Height >= 44, $"{url}: Download everything is {box.Height} px high");
            var results = await link.RunAxe(WcagAa);
            Assert.True(results.Violations.Length == 0, string.Join("\n", results.Violations.Select(v => $"{v.Id}: {v.Help}")));
        }
    }

    private async Task<Guid> GeneratedProjectAsync()
    {
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        return projectId;
    }

    private static string Normalize(string text) => string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
}
