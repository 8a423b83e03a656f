using System.Text.RegularExpressions;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>The floating tracker: it follows a run on every page but step 1.</summary>
public sealed partial class TrackerTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Leaving_step_1_mid_run_shows_the_tracker_and_step_1_shows_the_current_state_on_return()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Hold("watch");
        App.Writer.Hold("registration");
        await step1.GenerateAsync();
        await step1.Card.Row(2).ExpectStatusAsync("completed");

        await Page.Locator(".steps-nav").GetByRole(AriaRole.Link, new() { Name = "Offer" }).ClickAsync();
        var tracker = new Tracker(Page);
        await Expect(tracker.Root).ToBeVisibleAsync();
        await Expect(tracker.Title).ToHaveTextAsync("Writing your funnel");
        await tracker.Toggle.ClickAsync();
        await tracker.Row(8).ExpectStatusAsync("in_progress");
        await tracker.Row(9).ExpectStatusAsync("in_progress");

        // Live: a step that finishes while the user reads another page shows up in the tracker.
        App.Writer.Release("registration");
        await tracker.Row(9).ExpectStatusAsync("completed");
        await Expect(tracker.Row(9).Link).ToHaveAttributeAsync("href", $"/funnel-builder/{projectId}/step/9");
        await Expect(tracker.Count).ToHaveTextAsync("6 of 7 steps");

        await Page.Locator(".steps-nav").GetByRole(AriaRole.Link, new() { Name = "Intake & generate" }).ClickAsync();
        await Expect(step1.Card.Root).ToBeVisibleAsync();
        await Expect(step1.Card.Count).ToHaveTextAsync("6 of 7 steps");
        await step1.Card.Row(8).ExpectStatusAsync("in_progress");
        await step1.Card.Row(9).ExpectStatusAsync("completed");
        await Expect(Page.Locator("#fc-tracker")).ToHaveCountAsync(0);

        App.Writer.Release("watch");
        await step1.Card.Row(8).ExpectStatusAsync("completed");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task The_tracker_expands_collapses_hides_for_the_run_and_hides_itself_after_a_run()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await Expect(Page.Locator("#fc-tracker")).ToHaveCountAsync(0); // never on step 1
        App.Writer.Hold("watch");
        await step1.GenerateAsync();
        await step1.Card.Row(3).ExpectStatusAsync("completed");

        var deck = await new ContentPage(Page, projectId, 3).GotoAsync();
        var tracker = deck.Tracker;
        await Expect(tracker.Root).ToBeVisibleAsync();
        await Expect(tracker.Toggle).ToHaveAttributeAsync("aria-expanded", "false"); // collapsed by default
        await Expect(tracker.Body).ToBeHiddenAsync();

        await tracker.Toggle.ClickAsync();
        await Expect(tracker.Toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(tracker.Body).ToBeVisibleAsync();
        await Expect(tracker.Row(8).Link).ToHaveCountAsync(0);
        await tracker.Row(2).Link.ClickAsync(); // completed rows are links
        await Expect(Page).ToHaveURLAsync(new Regex($"/funnel-builder/{projectId}/step/2$"));
        await Expect(tracker.Body).ToBeVisibleAsync(); // expanded state kept for the session

        await tracker.Toggle.FocusAsync();
        await Page.Keyboard.PressAsync("Enter"); // keyboard: collapse
        await Expect(tracker.Body).ToBeHiddenAsync();
        await new ContentPage(Page, projectId, 5).GotoAsync();
        await Expect(tracker.Root).ToBeVisibleAsync();
        await Expect(tracker.Body).ToBeHiddenAsync();

        await tracker.CloseButton.ClickAsync(); // X: hidden on this page…
        await Expect(tracker.Root).ToBeHiddenAsync();
        await Page.ReloadAsync(); // …and back on the next page load while the run goes on
        await Expect(tracker.Root).ToBeVisibleAsync();
        await tracker.CloseButton.ClickAsync();
        await new ContentPage(Page, projectId, 9).GotoAsync();
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Registration Pages");
        await Expect(tracker.Root).ToBeVisibleAsync();
        App.Writer.Release("watch");
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");

        // The next run shows it again; after the run ends it says so, then hides itself.
        App.Writer.Hold("watch");
        await Api.StartAsync(projectId, regenerate: true);
        await Expect(tracker.Root).ToBeVisibleAsync();
        await Expect(tracker.Title).ToHaveTextAsync("Writing your funnel");
        App.Writer.Release("watch");
        await Expect(tracker.Title).ToHaveTextAsync("All content is ready");
        await Expect(tracker.Root).ToBeVisibleAsync();
        await Expect(tracker.Root).ToBeHiddenAsync(new() { Timeout = 15_000 });
    }

    [BrowserFact]
    public async Task The_projects_page_shows_the_tracker_of_a_running_project()
    {
        var projectId = await SignedInProjectAsync(projectName: "Autumn launch");
        App.Writer.Hold("watch");
        await Api.StartAsync(projectId);
        await new ProjectsPage(Page).GotoAsync();
        var tracker = new Tracker(Page);
        await Expect(tracker.Root).ToBeVisibleAsync();
        await Expect(Page.Locator(".project-card .project-state")).ToHaveTextAsync("6 of 7 · writing");
        await tracker.Toggle.ClickAsync();
        await Expect(Page.Locator(".tracker-project")).ToHaveTextAsync("Autumn launch");
        App.Writer.Release("watch");
        await Expect(tracker.Title).ToHaveTextAsync("All content is ready");
    }
}
