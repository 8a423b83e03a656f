using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>
/// Writes the screenshots in docs/screenshots (only when FUNNELCRAFT_SCREENSHOTS=1):
/// <c>FUNNELCRAFT_SCREENSHOTS=1 dotnet test --project tests/Funnelcraft.BrowserTests -- --filter-class "*ScreenshotTests"</c>
/// </summary>
public sealed class ScreenshotTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly string Folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    [BrowserFact]
    public async Task Screenshots_of_the_main_pages()
    {
        Assert.SkipUnless(BrowserEnvironment.Screenshots, "Set FUNNELCRAFT_SCREENSHOTS=1 to write docs/screenshots.");
        Directory.CreateDirectory(Folder);
        var projectId = await SignedInProjectAsync(projectName: "Spring launch", intakes: 2);
        var step1 = await new Step1Page(Page, projectId).GotoAsync();

        // A first run, finished, so the content pages have something to show.
        await step1.GenerateAsync();
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
        foreach (var (step, name) in new[] { (2, "offer"), (3, "deck"), (5, "enrollment"), (8, "watch"), (9, "registration"), (11, "followup"), (0, "marketing-profile") })
        {
            await new ContentPage(Page, projectId, step).GotoAsync();
            await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot($"content-{name}.png"), FullPage = true });
        }

        // A second project whose run failed in two steps (for the project list and Retry all failed below).
        var other = await Api.CreateProjectAsync("Autumn workshop", "Lead magnet for the autumn workshop");
        await Api.AddIntakeAsync(other, "Northwind Pottery");
        App.Writer.Fail("watch");
        App.Writer.Fail("registration");
        await Api.StartAsync(other);
        await App.WaitForStatusAsync(other, s => s.RunStatus == "completed_with_errors");
        App.Writer.Heal("watch");
        App.Writer.Heal("registration");

        // Step 1 in the middle of a regeneration: the offer writing, the deck half-way, the rest waiting.
        App.Writer.Hold("offer");
        App.Writer.Hold("deck-structure", afterCalls: 3);
        await step1.GotoAsync();
        await step1.GenerateAsync();
        await Expect(step1.Card.Row(3).Detail).ToHaveTextAsync("slides 30/60");
        await Page.Mouse.MoveAsync(0, 0);
        await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("step1-mid-run.png") });

        // The tracker, expanded, on a content page.
        var offer = await new ContentPage(Page, projectId, 2).GotoAsync();
        await offer.Tracker.Toggle.ClickAsync();
        await Expect(offer.Tracker.Body).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("tracker-expanded.png") });

        // 375 px wide: step 1 with the card, and a content page with the collapsed tracker.
        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var small = phone.Pages[^1];
        await small.GotoAsync(step1.Url);
        await Expect(small.Locator("#fc-card .step-row[data-step='3'] .step-detail")).ToHaveTextAsync("slides 30/60");
        await small.Locator("#fc-card").ScrollIntoViewIfNeededAsync();
        await small.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("mobile-375-step1.png") });
        await small.GotoAsync($"/funnel-builder/{projectId}/step/5");
        await Expect(small.Locator("#fc-tracker")).ToBeVisibleAsync();
        await small.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("mobile-375-enrollment.png") });

        // The project list while it runs: its live state beside the project whose run failed.
        await new ProjectsPage(Page).GotoAsync();
        await Expect(Page.Locator($"[data-project-card='{projectId}'] .project-state")).ToContainTextAsync("writing");
        await Page.Mouse.MoveAsync(0, 0);
        await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("projects-live.png") });

        App.Writer.Release("offer");
        App.Writer.Release("deck-structure");
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Regenerate);

        // Step 1 after two failed steps: one Retry all failed.
        await new Step1Page(Page, other).GotoAsync();
        await Expect(Page.Locator("#fc-card [data-retry-all]")).ToBeVisibleAsync();
        await Page.Mouse.MoveAsync(0, 0);
        await Page.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled, Path = Shot("step1-retry-all.png"), FullPage = true });
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
