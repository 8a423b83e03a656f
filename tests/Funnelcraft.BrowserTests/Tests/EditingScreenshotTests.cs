using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>
/// Writes the editing screenshots in docs/screenshots (the editor, the compare view, the regenerate dialog) (only when FUNNELCRAFT_SCREENSHOTS=1):
/// <c>FUNNELCRAFT_SCREENSHOTS=1 dotnet test --project tests/Funnelcraft.BrowserTests -- --filter-class "*EditingScreenshotTests"</c>
/// </summary>
public sealed class EditingScreenshotTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    [BrowserFact]
    public async Task Screenshots_of_the_editor_and_the_compare_view()
    {
        Assert.SkipUnless(BrowserEnvironment.Screenshots, "Set FUNNELCRAFT_SCREENSHOTS=1 to write docs/screenshots.");
        Directory.CreateDirectory(Folder);
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");

        // The offer's editor, with a field error showing.
        var editor = await new EditorPage(Page, projectId, 2).GotoAsync();
        await editor.Field("Tagline").FillAsync("");
        await editor.Save.ClickAsync();
        await Expect(await editor.ErrorOf(editor.Field("Tagline"))).ToHaveTextAsync("Tagline is missing.");
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("editor-offer.png"), FullPage = true });

        // An edit of the offer, then the comparison of the two versions.
        var content = JsonNode.Parse((await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/offer")).GetProperty("content").GetRawText())!.AsObject();
        content["tagline"] = "Move without pain in 8 weeks, from your own desk.";
        content["features"]![0]!["description"] = "Ten minutes each morning, done at your desk before the first call.";
        content["features"]!.AsArray().RemoveAt(2);
        (await Api.Http.PutAsJsonAsync($"/api/projects/{projectId}/steps/offer", new { content })).EnsureSuccessStatusCode();
        var comparePage = await Context.NewPageAsync(); // the editor above has unsaved changes: it would ask before leaving
        var compare = await new ComparePage(comparePage, projectId, 2).GotoAsync(1, 2);
        await Expect(compare.Summary).ToContainTextAsync("changes");
        await comparePage.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("compare-offer.png"), FullPage = true });

        // The same at 375 px: the editor's lists and the compare view, one column.
        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var small = phone.Pages[^1];
        await small.GotoAsync(new EditorPage(small, projectId, 11).Url);
        await small.Locator("[data-list='messages']").ScrollIntoViewIfNeededAsync();
        await small.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("mobile-375-editor.png") });
        await small.GotoAsync(new ComparePage(small, projectId, 2).Url(1, 2));
        await small.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("mobile-375-compare.png") });
    }

    [BrowserFact]
    public async Task Screenshot_of_the_regenerate_dialog()
    {
        Assert.SkipUnless(BrowserEnvironment.Screenshots, "Set FUNNELCRAFT_SCREENSHOTS=1 to write docs/screenshots.");
        Directory.CreateDirectory(Folder);
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        var watch = JsonNode.Parse((await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/watch")).GetProperty("content").GetRawText())!.AsObject();
        watch["headline"] = "Watch the free training: sit less, move more";
        (await Api.Http.PutAsJsonAsync($"/api/projects/{projectId}/steps/watch", new { content = watch })).EnsureSuccessStatusCode();

        // The deck's dialog: an instruction, its three pages ticked, one of them the user's edit (kept unless ticked too).
        await new ContentPage(Page, projectId, 3).GotoAsync();
        var dialog = await new RegenerateDialog(Page).OpenAsync();
        await dialog.Instruction.FillAsync("Shorter, and mention the guarantee first");
        await dialog.WithDependents.CheckAsync();
        await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("regenerate-dialog.png") });

        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var small = phone.Pages[^1];
        await small.GotoAsync(new ContentPage(small, projectId, 3).Url);
        await new RegenerateDialog(small).OpenAsync();
        await small.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("mobile-375-regenerate-dialog.png") });
    }

    private static string Shot(string name) => Path.Combine(Folder, name);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Funnelcraft.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Funnelcraft.slnx not found above " + AppContext.BaseDirectory);
    }
}
