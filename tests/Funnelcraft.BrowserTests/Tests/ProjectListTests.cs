using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>The project list shows each project's live state in its tracker's words, updated without a reload.</summary>
public sealed class ProjectListTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task A_running_project_shows_its_progress_live_and_its_outcome_after_the_run_without_a_reload()
    {
        var projectId = await SignedInProjectAsync(projectName: "Spring launch");
        var other = await Api.CreateProjectAsync("Autumn launch");
        await Api.AddIntakeAsync(other);
        App.Writer.Fail("offer");
        await Api.StartAsync(other);
        await App.WaitForStatusAsync(other, s => s.RunStatus == "completed_with_errors");
        App.Writer.Heal("offer");

        // A regeneration: every piece already has content, so the state must come from the run, not the pieces.
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        App.Writer.Hold("watch");
        App.Writer.Hold("registration");
        await Api.StartAsync(projectId, regenerate: true);
        await App.WaitForStatusAsync(projectId, s => s.CompletedSteps.Count == 5); // all but the two held

        var projects = new ProjectsPage(Page);
        await projects.GotoAsync();
        var spring = projects.Card(projectId);
        var autumn = projects.Card(other);
        await Expect(autumn.State).ToHaveTextAsync("1 failed");
        await Expect(spring.State).ToHaveTextAsync("5 of 7 · writing");
        await Expect(spring.State).ToHaveAttributeAsync("data-state", "writing");

        App.Writer.Release("registration");
        await Expect(spring.State).ToHaveTextAsync("6 of 7 · writing"); // live, and as the tracker counts
        await Expect(new Tracker(Page).Count).ToHaveTextAsync("6 of 7 steps");
        App.Writer.Release("watch");
        await Expect(spring.State).ToHaveTextAsync("Ready");
        await Expect(spring.State).ToHaveAttributeAsync("data-state", "ready");
        await Expect(spring.Pieces).ToHaveTextAsync("7 of 7 pieces");
        await Expect(autumn.State).ToHaveTextAsync("1 failed");
    }

    [BrowserFact]
    public async Task A_project_that_never_ran_says_so_and_a_first_run_fills_its_pieces_live()
    {
        var projectId = await SignedInProjectAsync();
        var projects = new ProjectsPage(Page);
        await projects.GotoAsync();
        var card = projects.Card(projectId);
        await Expect(card.State).ToHaveTextAsync("Not generated yet");
        await Expect(card.Pieces).ToHaveTextAsync("0 of 7 pieces");

        App.Writer.Hold("watch");
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.CompletedSteps.Count >= 2);
        await projects.GotoAsync();
        App.Writer.Release("watch");
        await Expect(card.State).ToHaveTextAsync("Ready");
        await Expect(card.Pieces).ToHaveTextAsync("7 of 7 pieces");
    }
}
