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
        await Expect(choice.Locator("option:checked")).ToHaveTextAsync("All 2 intakes, newest first"); // short enough not to be cut at 375 px
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
    [BrowserFact]
    public async Task The_write_from_choice_fits_its_text_and_adding_an_intake_lands_below_the_sticky_bar()
    {
        await SignedInUserAsync();
        var projectId = await Api.CreateProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        var choice = Page.Locator("#intake-choice");
        await Expect(choice.Locator("option")).ToHaveTextAsync(["No intake yet"]); // nothing odd like "All 0 intakes"
        await Expect(choice).ToBeDisabledAsync();

        await step1.AddFormIntakeAsync("Harbor Lane Yoga", "desk workers with back pain", "chronic lower back pain",
            "Kick-off call with the owner and her business partner about the spring cohort");
        await Expect(step1.Intakes).ToHaveCountAsync(1);
        // The page lands on the intakes, and their heading is not hidden under the sticky top bar.
        var covered = await Page.EvaluateAsync<bool>(
            "() => document.getElementById('intakes-title').getBoundingClientRect().top < document.querySelector('.topbar').getBoundingClientRect().bottom");
        Assert.False(covered, "the intakes heading is under the sticky bar");

        await Api.AddIntakeAsync(projectId, "Harbor Lane Yoga", "Second call");
        await step1.GotoAsync();
        foreach (var width in new[] { 1280, 375 })
        {
            await Page.SetViewportSizeAsync(width, 860);
            // Every option's text fits the select's box (a long name is shortened at a word, whole in its title).
            var cut = await Page.EvaluateAsync<string[]>("""
                () => {
                  const select = document.getElementById('intake-choice');
                  const style = getComputedStyle(select);
                  const ctx = document.createElement('canvas').getContext('2d');
                  ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 24; // the arrow
                  return [...select.options].filter(o => ctx.measureText(o.textContent.trim()).width > room).map(o => o.textContent.trim());
                }
                """);
            Assert.True(cut.Length == 0, $"at {width} px these options are cut: {string.Join(" | ", cut)}");
        }
    }
}
