using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>
/// The words arrive while a step is written: the card's running row shows the offer's name as the writer streams it,
/// and the offer's page shows the draft in its own layout, then the final version. The offline writer spreads eight
/// seconds over each call, so a step takes long enough to watch.
/// </summary>
public sealed partial class PreviewTests(BrowserFixture browser) : BrowserTest(browser)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } =
        new Dictionary<string, string?> { ["Writer:Offline:StepDelay"] = "00:00:08" };

    /// <summary>True once the offer's row is still writing and shows text arriving (evaluated at one moment, in the page).</summary>
    private const string OfferRowShowsText = """
        () => {
          const row = document.querySelector('#fc-card .step-row[data-step="2"]');
          const preview = row?.querySelector('.step-preview');
          return row?.dataset.status === 'in_progress' && preview && !preview.hidden
            && row.querySelector('.step-preview-title').textContent.trim().length > 0;
        }
        """;

    [BrowserFact]
    public async Task The_card_shows_the_offer_arriving_before_its_step_completes_and_clears_it_when_it_ends()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await step1.GenerateAsync();
        await Page.WaitForFunctionAsync(OfferRowShowsText, null, new() { Timeout = 30_000 });
        var row = step1.Card.Row(2).Root;
        var first = await row.Locator(".step-preview-title").TextContentAsync() ?? "";

        // Not a live region, nor inside one: only step completions are announced.
        Assert.True(await row.Locator(".step-preview").EvaluateAsync<bool>(
            "e => e.getAttribute('aria-live') === 'off' && !e.parentElement.closest('[aria-live]:not([aria-live=\"off\"]), [role=status], [role=log], [role=alert]')"));
        await Expect(Page.Locator("#fc-announcer")).Not.ToContainTextAsync(first.TrimEnd('…'));

        await Expect(row).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 30_000 });
        await Expect(row.Locator(".step-preview")).ToBeHiddenAsync();
        await Expect(Page.Locator("#fc-announcer")).ToContainTextAsync("Offer is ready.");
        Assert.StartsWith(first.TrimEnd('…').Trim(), await OfferNameAsync(projectId));
        Assert.True(ConsoleErrors.Count == 0, string.Join('\n', ConsoleErrors));
    }

    [BrowserFact]
    public async Task The_offer_page_shows_the_draft_growing_in_its_layout_then_the_final_version()
    {
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        var offer = await new ContentPage(Page, projectId, 2).GotoAsync();
        var draft = Page.Locator("#fc-draft");
        await Expect(draft).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(draft.Locator(".draft-tag")).ToHaveTextAsync("Draft");
        await Expect(draft).ToContainTextAsync("cannot be edited or exported");
        await Expect(Page.Locator("#fc-content")).ToBeHiddenAsync();
        // The real layout (the offer's partial), with nothing of a saved version: no copy buttons, no ids.
        await Expect(draft.Locator("article.content.offer .offer-name")).ToHaveTextAsync(NotEmpty());
        Assert.Equal(0, await draft.Locator("[data-draft-body] button, [data-draft-body] [id]").CountAsync());
        Assert.Equal(0, await Page.Locator("[aria-live]:not([aria-live='off']) #fc-draft, #fc-draft[aria-live]").CountAsync());

        // The draft is shown only while the status shows the offer's attempt writing it (previewShows), so it came first.
        // It grows while the writer writes: more of the offer's text than at first sight.
        var seen = (await draft.Locator("[data-draft-body]").TextContentAsync() ?? "").Length;
        await Page.WaitForFunctionAsync($"() => (document.querySelector('#fc-draft [data-draft-body]')?.textContent.length ?? 0) > {seen} && !document.querySelector('#fc-draft').hidden", null, new() { Timeout = 30_000 });

        // The step lands: the page shows the final version in place of the draft.
        await Expect(offer.VersionLabel).ToContainTextAsync("Version 1 of 1", new() { Timeout = 30_000 });
        await Expect(draft).ToBeHiddenAsync();
        await Expect(Page.Locator("#fc-content .offer-name")).ToHaveTextAsync(await OfferNameAsync(projectId));
        Assert.True(ConsoleErrors.Count == 0, string.Join('\n', ConsoleErrors));
    }

    [BrowserFact]
    public async Task The_deck_page_shows_its_draft_title_while_the_slides_are_held_with_no_WCAG_violation_then_the_final_deck()
    {
        var projectId = await SignedInProjectAsync();
        App.Writer.Hold("deck-structure", afterCalls: 1); // the outline (with the deck's title) is written; the six parts wait
        await Api.StartAsync(projectId);
        await App.Writer.WaitingAsync("deck-structure");
        var deck = await new ContentPage(Page, projectId, 3).GotoAsync();
        var draft = Page.Locator("#fc-draft");
        await Expect(draft).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(draft.Locator("article.content.deck .deck-title")).ToHaveTextAsync(NotEmpty());
        await Expect(deck.EmptyState).ToBeHiddenAsync();
        var axe = await Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(axe.Violations.Length == 0, string.Join('\n', axe.Violations.Select(v => $"{v.Id}: {string.Join(" | ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));

        // The parts are written: slides fill the draft's sections, then the final deck replaces it.
        App.Writer.Release("deck-structure");
        await Expect(draft.Locator(".slide").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(deck.VersionLabel).ToContainTextAsync("Version 1 of 1", new() { Timeout = 60_000 });
        await Expect(draft).ToBeHiddenAsync();
        await Expect(Page.Locator("#fc-content .slide")).ToHaveCountAsync(60);
        Assert.True(ConsoleErrors.Count == 0, string.Join('\n', ConsoleErrors));
    }

    private async Task<string> OfferNameAsync(Guid projectId)
    {
        var step = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer");
        return step.GetProperty("content").GetProperty("name").GetString()!;
    }

    [GeneratedRegex(@"\S")]
    private static partial Regex NotEmpty();
}
