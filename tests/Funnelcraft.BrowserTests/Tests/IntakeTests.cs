using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

public sealed class IntakeTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Transcript =
        "Coach: Tell me about your clients. Owner: Mostly nurses on night shifts who cannot sleep after work, " +
        "they have tried melatonin and blackout curtains, and they would pay about $300 to sleep properly again.";

    [BrowserFact]
    public async Task Several_intakes_are_listed_and_a_run_uses_them_combined_or_one_alone()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        var form = Page.Locator(".intake-form");
        await Page.Locator(".add-intake > summary").ClickAsync();
        await form.GetByLabel("Call transcript").CheckAsync();
        await Expect(form.GetByLabel("Who is it for?")).ToBeHiddenAsync();
        await form.GetByLabel("Session name").FillAsync("Discovery call");
        await form.GetByLabel("Transcript", new() { Exact = true }).FillAsync("Too short.");
        await Page.EvaluateAsync("() => document.querySelector('.intake-form').noValidate = true"); // let the server answer
        await form.GetByRole(AriaRole.Button, new() { Name = "Save intake" }).ClickAsync();
        await Expect(Page.Locator(".field-error", new() { HasText = "at least 50 characters" })).ToBeVisibleAsync();

        await form.GetByLabel("Transcript", new() { Exact = true }).FillAsync(Transcript);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save intake" }).ClickAsync();
        await Expect(Page.Locator(".notice-success")).ToContainTextAsync("Discovery call");
        await Expect(step1.Intakes).ToHaveCountAsync(2);
        await Expect(step1.Intakes.First).ToContainTextAsync("Discovery call"); // newest first
        await Expect(step1.Intakes.First.Locator(".badge")).ToHaveTextAsync("Transcript");

        var choice = Page.Locator("#intake-choice");
        await Expect(choice.Locator("option:checked")).ToHaveTextAsync("All 2 intakes combined (newest first)");
        await step1.GenerateAsync();
        var combined = await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        Assert.Null(combined.IntakeId);

        var kickOff = await step1.Intakes.Nth(1).GetAttributeAsync("data-intake");
        await Expect(step1.GenerateButton).ToBeEnabledAsync();
        await choice.SelectOptionAsync(kickOff!);
        await step1.GenerateAsync();
        var single = await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.IntakeId != null);
        Assert.Equal(Guid.Parse(kickOff!), single.IntakeId);
    }
}
