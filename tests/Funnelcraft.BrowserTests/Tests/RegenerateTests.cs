using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>Regenerating one piece from its page with an instruction, and "keep my edits" when regenerating everything.</summary>
public sealed class RegenerateTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string Instruction = "Mention the guarantee first";

    [BrowserFact]
    public async Task Regenerating_the_deck_with_an_instruction_runs_like_any_run_and_the_history_shows_the_instruction()
    {
        var projectId = await GeneratedProjectAsync();
        var deck = await new ContentPage(Page, projectId, 3).GotoAsync();
        var dialog = await new RegenerateDialog(Page).OpenAsync();
        await Expect(dialog.Instruction).ToBeFocusedAsync();
        await Expect(dialog.Dependents).ToHaveTextAsync(["Enrollment Pages", "Watch Pages", "Registration Pages"]);
        await dialog.Instruction.FillAsync(Instruction);
        App.Writer.Hold("deck-structure");
        await dialog.Confirm.ClickAsync();

        // The run shows as any run does: the page says a new version is being written, the tracker follows the step.
        await Expect(dialog.Root).ToBeHiddenAsync();
        await Expect(deck.WritingNotice).ToBeVisibleAsync();
        await Expect(deck.Tracker.Root).ToBeVisibleAsync();
        await deck.Tracker.Row(3).ExpectStatusAsync("in_progress");
        await Expect(dialog.Button).ToBeDisabledAsync();
        var card = new Step1Page(await Context.NewPageAsync(), projectId);
        await card.GotoAsync();
        await card.Card.Row(3).ExpectStatusAsync("in_progress");
        await Expect(card.Card.Row(2).Detail).ToHaveTextAsync("Existing content kept");
        await card.Page.CloseAsync();
        App.Writer.Release("deck-structure");

        await Expect(deck.NewVersionBanner).ToContainTextAsync("Version 2 is ready.");
        await Expect(dialog.Button).ToBeEnabledAsync();
        await deck.NewVersionBanner.GetByRole(AriaRole.Link, new() { Name = "Show it" }).ClickAsync();
        await Expect(deck.VersionLabel).ToContainTextAsync("Version 2 of 2");
        await deck.HistoryButton.ClickAsync();
        await Expect(Page.Locator(".history-item[data-version='2']")).ToContainTextAsync(Instruction);
        await Expect(Page.Locator(".history-item[data-version='1']")).Not.ToContainTextAsync(Instruction);
        var enrollment = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/enrollment");
        Assert.Equal(1, enrollment.GetProperty("version").GetInt32()); // the dependents were not asked for
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task The_dialog_works_from_the_keyboard_rewrites_dependents_when_asked_and_keeps_an_edited_one_unless_ticked()
    {
        var projectId = await GeneratedProjectAsync();
        await EditAsync(projectId, "watch", c => c["headline"] = "My own headline");
        var deck = await new ContentPage(Page, projectId, 3).GotoAsync();
        var dialog = new RegenerateDialog(Page);
        await dialog.Button.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(dialog.Root).ToBeVisibleAsync();
        await Expect(dialog.Instruction).ToBeFocusedAsync();
        await Expect(dialog.Root.Locator("#regenerate-dependents li", new() { HasText = "Watch Pages" })).ToContainTextAsync("your edits");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog.Root).ToBeHiddenAsync();
        await Expect(dialog.Button).ToBeFocusedAsync();

        await Page.Keyboard.PressAsync("Enter");
        await Expect(dialog.OverwriteEdits).ToBeDisabledAsync();
        await Page.Keyboard.PressAsync("Tab"); // to the dependents' tick
        await Expect(dialog.WithDependents).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Space");
        await Expect(dialog.WithDependents).ToBeCheckedAsync();
        await Expect(dialog.OverwriteEdits).ToBeEnabledAsync();
        await Expect(dialog.OverwriteEdits).Not.ToBeCheckedAsync();
        await dialog.Confirm.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Expect(deck.NewVersionBanner).ToContainTextAsync("Version 2 is ready.");
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Progress.Single(p => p.Step == 8).Detail == "Your edits kept");
        var watch = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/watch");
        Assert.Equal("My own headline", watch.GetProperty("content").GetProperty("headline").GetString());
        var registration = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/registration");
        Assert.Equal(2, registration.GetProperty("version").GetInt32());
        var status = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/generate/generation-status?projectId={projectId}");
        Assert.Equal("Your edits kept", status.GetProperty("progress").EnumerateArray().Single(p => p.GetProperty("step").GetInt32() == 8).GetProperty("detail").GetString());
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task An_instruction_the_server_refuses_is_shown_beside_the_field_and_nothing_starts()
    {
        var projectId = await GeneratedProjectAsync();
        await new ContentPage(Page, projectId, 2).GotoAsync();
        var dialog = await new RegenerateDialog(Page).OpenAsync();
        await dialog.Instruction.FillAsync("Shorter \u0007 please");
        await dialog.Confirm.ClickAsync();

        await Expect(dialog.InstructionError).ToContainTextAsync("control character");
        await Expect(dialog.Instruction).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.Instruction).ToBeFocusedAsync();
        await Expect(dialog.Root).ToBeVisibleAsync();
        var offer = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer");
        Assert.Equal(1, offer.GetProperty("version").GetInt32());
    }

    [BrowserFact]
    public async Task Regenerating_all_with_an_edited_step_lists_it_and_shows_your_edits_kept()
    {
        var projectId = await GeneratedProjectAsync();
        await EditAsync(projectId, "offer", c => c["name"] = "The Desk Reset");
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await step1.GenerateButton.ClickAsync();
        await Expect(step1.Dialog.Locator(".edited-pieces li")).ToHaveTextAsync(["Offer"]);
        var overwrite = step1.Dialog.GetByLabel("Also rewrite my edited pieces");
        await Expect(overwrite).Not.ToBeCheckedAsync();
        await step1.ConfirmButton.ClickAsync();

        await step1.Card.Row(2).ExpectStatusAsync("completed");
        await Expect(step1.Card.Row(2).Detail).ToHaveTextAsync("Your edits kept");
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Regenerate);
        var offer = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer");
        Assert.Equal(("edited", 2), (offer.GetProperty("source").GetString(), offer.GetProperty("version").GetInt32()));
        var followup = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/followup");
        Assert.Contains("The Desk Reset", followup.GetProperty("content").GetRawText(), StringComparison.Ordinal);

        // Ticked, the edit is rewritten too.
        await step1.GotoAsync();
        await step1.GenerateButton.ClickAsync();
        await overwrite.CheckAsync();
        await step1.ConfirmButton.ClickAsync();
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Progress.All(p => p.Detail is null));
        offer = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer");
        Assert.Equal(("generated", 3), (offer.GetProperty("source").GetString(), offer.GetProperty("version").GetInt32()));
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task The_regenerate_dialog_fits_a_375_px_screen_with_44_px_targets()
    {
        var projectId = await GeneratedProjectAsync();
        await EditAsync(projectId, "watch", c => c["headline"] = "My own headline");
        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var small = phone.Pages[^1];
        await small.GotoAsync($"/funnel-builder/{projectId}/step/3");
        var dialog = await new RegenerateDialog(small).OpenAsync();

        Assert.True(await small.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 375"), "the page scrolls sideways at 375 px");
        var box = await dialog.Root.BoundingBoxAsync();
        Assert.True(box!.X >= 0 && box.X + box.Width <= 375, $"the dialog spans {box.X}–{box.X + box.Width} px");
        foreach (var target in new[] { dialog.Confirm, dialog.Cancel, dialog.Root.Locator(".check-row").First, dialog.Root.Locator(".check-row").Last, dialog.Instruction })
        {
            var size = await target.BoundingBoxAsync();
            Assert.True(size!.Height >= 44 && size.Width >= 44, $"a target of the dialog is {size.Width}×{size.Height} px");
        }
    }

    private async Task<Guid> GeneratedProjectAsync()
    {
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        return projectId;
    }

    private async Task EditAsync(Guid projectId, string step, Action<JsonObject> change)
    {
        var current = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/{step}");
        var content = JsonNode.Parse(current.GetProperty("content").GetRawText())!.AsObject();
        change(content);
        var response = await Api.Http.PutAsJsonAsync($"/api/projects/{projectId}/steps/{step}", new { content });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
