using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>Reloads, a blocked event stream, and a second start while a run is active.</summary>
public sealed class ResilienceTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Reloading_mid_run_restores_the_state_and_live_updates_continue()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Hold("offer");
        await step1.GenerateAsync();
        await step1.Card.Row(3).ExpectStatusAsync("completed");

        await Page.ReloadAsync();
        await Expect(step1.Card.Root).ToBeVisibleAsync();
        await step1.Card.Row(2).ExpectStatusAsync("in_progress");
        await step1.Card.Row(3).ExpectStatusAsync("completed");
        await Expect(step1.Card.Count).ToHaveTextAsync("2 of 7 steps");
        await Expect(step1.GenerateButton).ToBeDisabledAsync();

        App.Writer.Release("offer");
        await step1.Card.Row(2).ExpectStatusAsync("completed");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
        await Expect(Page.Locator(".toast")).ToContainTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task When_the_event_stream_fails_the_card_keeps_updating_by_polling_and_returns_to_SSE()
    {
        await Context.RouteAsync("**/api/generate/generation-events**", route => route.AbortAsync());
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await App.Traffic.WaitUntilAsync(t => t.StatusPolls > 0, "a status poll");

        App.Writer.Hold("offer");
        await step1.GenerateAsync();
        await step1.Card.Row(3).ExpectStatusAsync("completed");
        App.Writer.Release("offer");
        await step1.Card.Row(2).ExpectStatusAsync("completed");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
        Assert.Equal(0, App.Traffic.StreamsOpened);
        Assert.True(App.Traffic.StatusPolls >= 2, $"expected several polls, saw {App.Traffic.StatusPolls}");

        // The stream comes back: the page reconnects and follows the next run over SSE.
        await Context.UnrouteAllAsync();
        await App.Traffic.WaitUntilAsync(t => t.OpenStreams == 1, "the stream to reconnect", TimeSpan.FromSeconds(45));
        App.Writer.Hold("offer");
        await Api.StartAsync(projectId, regenerate: true);
        await step1.Card.Row(2).ExpectStatusAsync("in_progress");
        await Expect(step1.Card.Title).ToHaveTextAsync("Writing your funnel");
        App.Writer.Release("offer");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task Generate_is_disabled_while_a_run_is_active_and_a_forced_second_start_shows_the_409()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        App.Writer.Hold("offer");
        await step1.GenerateAsync();
        await Expect(step1.Card.Root).ToBeVisibleAsync();
        await Expect(step1.GenerateButton).ToBeDisabledAsync();

        // Forced: as if a second tab had not heard of the run yet.
        await Page.EvaluateAsync("() => document.getElementById('generate-dialog').showModal()");
        await step1.ConfirmButton.ClickAsync();
        await Expect(step1.GenerateError).ToBeVisibleAsync();
        await Expect(step1.GenerateError).ToHaveTextAsync("A generation run is already in progress for this project.");
        await step1.Card.Row(2).ExpectStatusAsync("in_progress");
        App.Writer.Release("offer");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }
}
