using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>What the page says besides the rows: a start, a lost connection, a deck that is still planning.</summary>
public sealed class LiveNoticeTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Confirming_a_run_shows_a_Starting_toast_at_once()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync("**/api/generate/auto-generate-all", async route =>
        {
            await answer.Task;
            await route.ContinueAsync();
        });
        await step1.GenerateAsync();
        await Expect(Page.Locator(".toast")).ToContainTextAsync("Starting…");
        await Expect(step1.GenerateButton).ToBeDisabledAsync();
        answer.SetResult();
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task While_the_stream_and_polling_both_fail_a_Reconnecting_notice_shows_and_it_clears_on_recovery()
    {
        var projectId = await SignedInProjectAsync();
        App.Writer.Hold("offer");
        await Api.StartAsync(projectId);
        // The server is out of reach for live updates: the stream and every poll fail.
        await Context.RouteAsync("**/api/generate/generation-**", route => route.AbortAsync());
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        var notice = Page.Locator("#fc-offline");
        await Expect(notice).ToBeVisibleAsync();
        await Expect(notice).ToContainTextAsync("Reconnecting…");
        Assert.Equal(0, App.Traffic.StreamsOpened);

        await Context.UnrouteAllAsync();
        await Expect(notice).ToBeHiddenAsync(new() { Timeout = 30_000 });
        App.Writer.Release("offer");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task The_deck_row_says_it_is_planning_the_outline_while_the_outline_is_written()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Hold("deck-outline");
        await step1.GenerateAsync();
        await App.Writer.WaitingAsync("deck-outline");
        var deck = step1.Card.Row(3);
        await deck.ExpectStatusAsync("in_progress");
        await Expect(deck.Detail).ToHaveTextAsync("planning the outline");
        await Expect(deck.Root.Locator(".step-percent")).ToBeHiddenAsync();
        App.Writer.Release("deck-outline");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }
}
