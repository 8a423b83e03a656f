using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>Retrying failed steps from the card: one Retry all failed for several failures; every Retry busy at once.</summary>
public sealed class RetryTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Two_failed_steps_show_one_Retry_all_failed_that_runs_them_and_their_dependents_again()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Fail("offer");
        App.Writer.Fail("deck-outline");
        await step1.GenerateAsync();

        var card = step1.Card;
        await Expect(card.Title).ToHaveTextAsync("Generation failed"); // nothing could be written
        await card.Row(2).ExpectStatusAsync("failed");
        await card.Row(3).ExpectStatusAsync("failed");
        await Expect(card.RetryAllButton).ToBeVisibleAsync();
        await Expect(card.Root.Locator(".step-retry:visible")).ToHaveCountAsync(0); // one button, not a Retry per row
        await Expect(card.Root.Locator(".card-note-nothing")).ToBeVisibleAsync(); // nothing was written
        await Expect(card.Root.Locator(".card-note-done")).ToBeHiddenAsync();
        await Expect(Page.Locator(".toast").Last).ToContainTextAsync("with Retry all failed on the card");
        await Expect(Page.Locator(".toast").Last).Not.ToContainTextAsync("on step 1");

        App.Writer.Heal("offer");
        App.Writer.Heal("deck-outline");
        await card.RetryAllButton.ClickAsync();
        foreach (var step in new[] { 2, 3, 5, 8, 9, 11, 0 })
        {
            await card.Row(step).ExpectStatusAsync("completed");
        }

        await Expect(card.Title).ToHaveTextAsync("All content is ready");
        await Expect(card.RetryAllButton).ToBeHiddenAsync();
    }

    [BrowserFact]
    public async Task A_Retry_click_shows_the_button_busy_at_once()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Fail("offer");
        await step1.GenerateAsync();
        var retry = step1.Card.Row(2).RetryButton;
        await Expect(retry).ToBeVisibleAsync();
        App.Writer.Heal("offer");

        // The answer is held back, so what the button shows is what it shows before the server has answered.
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync("**/api/generate/retry-step", async route =>
        {
            await answer.Task;
            await route.ContinueAsync();
        });
        await retry.ClickAsync();
        await Expect(retry).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(retry).ToBeDisabledAsync();
        await Expect(retry).ToHaveTextAsync("Retrying…");

        answer.SetResult();
        await step1.Card.Row(2).ExpectStatusAsync("completed");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
        await Expect(retry).Not.ToHaveAttributeAsync("aria-busy", "true");
    }

    [BrowserFact]
    public async Task Retry_all_failed_is_busy_at_once_too()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Fail("offer");
        App.Writer.Fail("deck-outline");
        await step1.GenerateAsync();
        await Expect(step1.Card.RetryAllButton).ToBeVisibleAsync();
        App.Writer.Heal("offer");
        App.Writer.Heal("deck-outline");

        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await Page.RouteAsync("**/api/generate/retry-failed", async route =>
        {
            await answer.Task;
            await route.ContinueAsync();
        });
        await step1.Card.RetryAllButton.ClickAsync();
        await Expect(step1.Card.RetryAllButton).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(step1.Card.RetryAllButton).ToBeDisabledAsync();
        await Expect(step1.Card.RetryAllButton).ToHaveTextAsync("Retrying…");
        answer.SetResult();
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }
}
