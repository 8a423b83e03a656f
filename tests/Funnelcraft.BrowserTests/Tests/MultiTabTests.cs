using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>Several tabs of one browser: they agree, and they share one SSE connection.</summary>
public sealed class MultiTabTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Two_tabs_stay_in_sync()
    {
        var projectId = await SignedInProjectAsync();
        var first = await new Step1Page(Page, projectId).GotoAsync();
        var second = await new Step1Page(await Context.NewPageAsync(), projectId).GotoAsync();
        await App.Traffic.WaitUntilAsync(t => t.OpenStreams == 1, "one open stream");

        App.Writer.Hold("offer");
        await first.GenerateAsync();
        await Expect(second.Card.Root).ToBeVisibleAsync();
        await Expect(second.GenerateButton).ToBeDisabledAsync();
        await second.Card.Row(3).ExpectStatusAsync("completed");
        await first.Card.Row(3).ExpectStatusAsync("completed");

        await second.Card.CancelButton.ClickAsync(); // an action in one tab shows in the other
        await Expect(first.Card.Title).ToHaveTextAsync("Generation cancelled");
        await Expect(first.GenerateButton).ToBeEnabledAsync();
        await Expect(first.Page.Locator(".toast")).ToContainTextAsync("Generation cancelled");
        App.Writer.Release("offer");
    }

    [BrowserFact]
    public async Task Six_tabs_update_while_the_browser_holds_one_SSE_connection_and_a_new_leader_takes_over()
    {
        var projectId = await SignedInProjectAsync();
        var step1Tabs = new List<Step1Page> { await new Step1Page(Page, projectId).GotoAsync() };
        await App.Traffic.WaitUntilAsync(t => t.OpenStreams == 1, "the first tab's stream");
        for (var i = 0; i < 2; i++)
        {
            step1Tabs.Add(await new Step1Page(await Context.NewPageAsync(), projectId).GotoAsync());
        }

        var contentTabs = new List<(IPage Page, ContentPage Content)>();
        foreach (var step in new[] { 3, 8, 11 })
        {
            var page = await Context.NewPageAsync();
            contentTabs.Add((page, await new ContentPage(page, projectId, step).GotoAsync()));
        }

        App.Writer.Hold("offer");
        await step1Tabs[0].GenerateAsync();
        foreach (var tab in step1Tabs)
        {
            await tab.Card.Row(3).ExpectStatusAsync("completed");
            await Expect(tab.Card.Count).ToHaveTextAsync("2 of 7 steps");
        }

        foreach (var (_, content) in contentTabs)
        {
            await Expect(content.Tracker.Root).ToBeVisibleAsync();
            await Expect(content.Tracker.Count).ToHaveTextAsync("2 of 7 steps");
        }

        Assert.Equal(1, App.Traffic.OpenStreams);
        Assert.Equal(1, App.Traffic.MaxOpenStreams);
        Assert.Equal(1, App.Traffic.StreamsOpened);

        // The leader (the first tab) closes: another tab takes the connection over and updates keep coming.
        await step1Tabs[0].Page.CloseAsync();
        await App.Traffic.WaitUntilAsync(t => t.StreamsOpened == 2 && t.OpenStreams == 1, "a new leader's stream");
        App.Writer.Release("offer");
        foreach (var tab in step1Tabs.Skip(1))
        {
            await Expect(tab.Card.Title).ToHaveTextAsync("All content is ready");
        }

        foreach (var (_, content) in contentTabs)
        {
            await Expect(content.Tracker.Title).ToHaveTextAsync("All content is ready");
        }

        Assert.Equal(1, App.Traffic.OpenStreams);
    }
}
