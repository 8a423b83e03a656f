using System.Text.RegularExpressions;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>The main path: register, create a project, add an intake, generate, watch the card, open the results.</summary>
public sealed partial class GenerationFlowTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_new_user_generates_and_watches_every_step_finish()
    {
        await new RegisterPage(Page).RegisterAsync(Email, ApiSetup.Password);
        await Expect(Page).ToHaveURLAsync(LoginPage.ProjectsUrl());
        var step1 = await new ProjectsPage(Page).CreateAsync("Spring launch", "Webinar funnel");
        await Expect(step1.GenerateButton).ToBeDisabledAsync(); // no intake yet
        await step1.AddFormIntakeAsync("Harbor Lane Yoga", "desk workers with back pain", "chronic lower back pain", "Kick-off call");
        await Expect(step1.Intakes).ToHaveCountAsync(1);
        await Expect(step1.Intakes.First).ToContainTextAsync("Harbor Lane Yoga");
        await Expect(step1.Card.Root).ToBeHiddenAsync();

        App.Writer.Hold("offer");
        await step1.GenerateAsync();

        var card = step1.Card;
        await Expect(card.Root).ToBeVisibleAsync();
        await Expect(card.Rows).ToHaveCountAsync(7);
        await card.Row(2).ExpectStatusAsync("in_progress");
        await Expect(card.Row(2).Icon).ToHaveAttributeAsync("href", "#i-spinner");
        await Expect(card.Notice).ToContainTextAsync("generation continues in the background");
        await Expect(card.CancelButton).ToBeVisibleAsync();
        await Expect(step1.GenerateButton).ToBeDisabledAsync();
        // The deck and the watch page do not need the offer: they finish while it is held.
        await card.Row(3).ExpectStatusAsync("completed");
        await card.Row(8).ExpectStatusAsync("completed");
        await Expect(card.Row(3).Icon).ToHaveAttributeAsync("href", "#i-check");
        await Expect(card.Count).ToHaveTextAsync("2 of 7 steps");
        await Expect(card.Bar).ToHaveAttributeAsync("value", "2");
        await Expect(card.TimeLeft).ToHaveTextAsync(TimeLeftText()); // the held offer has overrun its estimate: "taking longer than usual"

        App.Writer.Release("offer");
        foreach (var step in new[] { 2, 3, 5, 8, 9, 11, 0 })
        {
            await card.Row(step).ExpectStatusAsync("completed");
            await Expect(card.Row(step).Icon).ToHaveAttributeAsync("href", "#i-check");
        }

        await Expect(card.Count).ToHaveTextAsync("7 of 7 steps");
        await Expect(card.Bar).ToHaveAttributeAsync("value", "7");
        await Expect(card.Title).ToHaveTextAsync("All content is ready");
        await Expect(Page.Locator(".toast")).ToContainTextAsync("All content is ready");
        await Expect(Page.Locator("#fc-announcer")).ToContainTextAsync("is ready.");
        await Expect(card.CancelButton).ToBeHiddenAsync();
        await Expect(step1.GenerateButton).ToBeEnabledAsync();
        await Expect(step1.GenerateButton).ToHaveAccessibleNameAsync("Regenerate all content");
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task Completed_rows_link_to_their_pages_and_unfinished_rows_are_not_links()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Hold("watch");
        await step1.GenerateAsync();

        var card = step1.Card;
        await card.Row(2).ExpectStatusAsync("completed");
        await card.Row(8).ExpectStatusAsync("in_progress");
        await Expect(card.Row(8).Link).ToHaveCountAsync(0);
        await Expect(card.Row(2).Link).ToHaveAttributeAsync("href", $"/funnel-builder/{projectId}/step/2");

        await card.Row(2).Link.ClickAsync();
        await Expect(Page).ToHaveURLAsync($"{App.Address}funnel-builder/{projectId}/step/2");
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Offer");
        await Expect(Page.Locator(".offer-name")).ToBeVisibleAsync();
        App.Writer.Release("watch");
    }

    [GeneratedRegex("min left|almost done|less than a minute|taking longer than usual")]
    private static partial Regex TimeLeftText();
}
