using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>A step that fails, the steps it takes down with it, retry and cancel.</summary>
public sealed class FailureTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_failed_step_shows_its_error_the_others_finish_and_retry_completes_it()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Fail("offer");
        await step1.GenerateAsync();

        var card = step1.Card;
        await card.Row(2).ExpectStatusAsync("failed");
        await Expect(card.Row(2).Icon).ToHaveAttributeAsync("href", "#i-cross");
        await Expect(card.Row(2).Detail).ToContainTextAsync("The AI provider refused the request");
        foreach (var step in new[] { 3, 8, 9 })
        {
            await card.Row(step).ExpectStatusAsync("completed");
        }

        foreach (var step in new[] { 5, 11, 0 })
        {
            await card.Row(step).ExpectStatusAsync("skipped");
            await Expect(card.Row(step).Detail).ToHaveTextAsync("Skipped because Offer failed.");
        }

        await Expect(card.Title).ToHaveTextAsync("Finished — 1 step failed");
        await Expect(Page.Locator(".toast")).ToContainTextAsync("1 step failed and 3 were skipped");
        await Expect(card.Row(3).RetryButton).ToBeHiddenAsync();
        await Expect(card.Row(5).RetryButton).ToBeVisibleAsync();

        App.Writer.Heal("offer");
        await card.Row(2).RetryButton.ClickAsync();
        foreach (var step in new[] { 2, 5, 11, 0 })
        {
            await card.Row(step).ExpectStatusAsync("completed");
        }

        await Expect(card.Title).ToHaveTextAsync("All content is ready");
        await Expect(card.Count).ToHaveTextAsync("7 of 7 steps");
        await Expect(Page.Locator(".toast").Last).ToContainTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task Cancel_stops_the_run_and_keeps_what_was_finished()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Hold("offer");
        await step1.GenerateAsync();
        await step1.Card.Row(3).ExpectStatusAsync("completed");

        await step1.Card.CancelButton.ClickAsync();
        await step1.Card.Row(2).ExpectStatusAsync("cancelled");
        await Expect(step1.Card.Row(2).Icon).ToHaveAttributeAsync("href", "#i-cancelled");
        await step1.Card.Row(3).ExpectStatusAsync("completed");
        await Expect(step1.Card.Title).ToHaveTextAsync("Generation cancelled");
        await Expect(Page.Locator(".toast")).ToContainTextAsync("Generation cancelled");
        await Expect(step1.GenerateButton).ToBeEnabledAsync();
        App.Writer.Release("offer");
    }
}
