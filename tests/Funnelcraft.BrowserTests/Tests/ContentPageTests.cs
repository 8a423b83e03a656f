using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

public sealed class ContentPageTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_step_without_content_shows_an_empty_state_that_leads_to_step_1()
    {
        var projectId = await SignedInProjectAsync();
        var deck = await new ContentPage(Page, projectId, 3).GotoAsync();
        await Expect(deck.EmptyState).ToContainTextAsync("No deck structure yet");
        await deck.EmptyState.GetByRole(AriaRole.Link, new() { Name = "Go to step 1" }).ClickAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Intake & generate");
    }

    [BrowserFact]
    public async Task A_page_being_written_says_so_and_offers_the_new_version_when_it_is_ready()
    {
        var projectId = await SignedInProjectAsync();
        App.Writer.Hold("watch");
        await Api.StartAsync(projectId);
        await App.Writer.WaitingAsync("watch");
        var watch = await new ContentPage(Page, projectId, 8).GotoAsync();
        await Expect(watch.EmptyState).ToContainTextAsync("Watch Pages is being written");
        await Expect(watch.NewVersionBanner).ToBeHiddenAsync();

        App.Writer.Release("watch");
        await Expect(watch.NewVersionBanner).ToBeVisibleAsync();
        await watch.NewVersionBanner.GetByRole(AriaRole.Link, new() { Name = "Show it" }).ClickAsync();
        await Expect(watch.VersionLabel).ToContainTextAsync("Version 1 of 1");
        await Expect(watch.Preview).ToBeVisibleAsync();
        await Expect(Page.Locator(".steps-nav [data-nav-step='8']")).ToHaveClassAsync("has-content");
    }

    [BrowserFact]
    public async Task Older_versions_can_be_viewed_and_restored()
    {
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        await Api.StartAsync(projectId, regenerate: true);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Regenerate);

        var offer = await new ContentPage(Page, projectId, 2).GotoAsync();
        await Expect(offer.VersionLabel).ToContainTextAsync("Version 2 of 2");
        await offer.HistoryButton.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "View version 1" }).ClickAsync();
        await Expect(offer.VersionLabel).ToContainTextAsync("Version 1 of 2");
        await Expect(Page.Locator(".notice-warn")).ToContainTextAsync("an earlier version");

        await Page.GetByRole(AriaRole.Button, new() { Name = "Restore this version" }).ClickAsync();
        await Expect(Page.Locator(".notice-success")).ToHaveTextAsync("Version 1 is current again (saved as version 3).");
        await Expect(offer.VersionLabel).ToContainTextAsync("Version 3 of 3");
        await Expect(offer.VersionLabel).ToContainTextAsync("restored from version 1");
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task Every_page_fits_a_375_px_screen()
    {
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var page = phone.Pages[^1];
        var urls = new List<string> { "/funnel-builder", $"/funnel-builder/{projectId}/step/1", $"/funnel-builder/{projectId}/marketing-profile" };
        urls.AddRange(new[] { 2, 3, 5, 8, 9, 11 }.Select(step => $"/funnel-builder/{projectId}/step/{step}"));
        foreach (var url in urls)
        {
            await page.GotoAsync(url);
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var culprits = await page.EvaluateAsync<string>(
                "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 376).slice(0, 5).map(e => e.tagName + '.' + e.className).join(', ')");
            Assert.True(width <= 375, $"{url} is {width} px wide at 375 px: {culprits}");
        }

        Assert.Empty(ConsoleErrors);
    }
}
