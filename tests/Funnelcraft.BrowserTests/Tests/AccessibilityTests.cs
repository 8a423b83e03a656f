using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>
/// Accessibility, tested rather than eyeballed: axe-core finds no WCAG 2.1 AA violation on the project list, step 1
/// (empty, idle, mid-run, after a failure) and every content page; at 375 px every control is at least 44 × 44 px.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture browser) : BrowserTest(browser)
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>
    /// Every visible control and its size, except links inside a sentence (WCAG's inline exception) and the visually
    /// hidden. A control whose hit area is stretched over its row or card by a pseudo-element counts that area.
    /// </summary>
    private const string SmallControls = """
        () => [...document.querySelectorAll('a[href], button, summary, select, input, textarea, [role="button"]')]
          .filter(e => {
            const r = e.getBoundingClientRect();
            const style = getComputedStyle(e);
            if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') return false;
            if (e.closest('.sr-only, [hidden], .sprite')) return false;
            if (e.tagName === 'A' && e.closest('p, li.inline') && e.parentElement.textContent.trim() !== e.textContent.trim()) return false;
            if (e.tagName === 'INPUT' && (e.type === 'radio' || e.type === 'checkbox') && style.opacity === '0') return false;
            if (e.classList.contains('skip-link') && r.bottom <= 0) return false;
            return true;
          })
          .map(e => {
            let { width, height } = e.getBoundingClientRect();
            const after = getComputedStyle(e, '::after');
            if (after.content !== 'none' && after.position === 'absolute') {
              let host = e.parentElement;
              while (host && getComputedStyle(host).position === 'static') host = host.parentElement;
              if (host) ({ width, height } = host.getBoundingClientRect());
            }
            return { what: `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} "${(e.getAttribute('aria-label') || e.textContent).trim().slice(0, 30)}"`, width, height };
          })
          .filter(c => c.width < 44 || c.height < 44)
          .map(c => `${c.what} ${Math.round(c.width)}×${Math.round(c.height)}`)
        """;

    [BrowserFact]
    public async Task The_project_list_step_1_and_every_content_page_have_no_WCAG_2_1_AA_violations()
    {
        await SignedInUserAsync();
        await AssertNoViolationsAsync("the empty project list");

        var projectId = await Api.CreateProjectAsync();
        var step1 = new Step1Page(Page, projectId);
        await step1.GotoAsync();
        await AssertNoViolationsAsync("step 1 without an intake");

        await Api.AddIntakeAsync(projectId);
        await step1.GotoAsync();
        await AssertNoViolationsAsync("step 1, idle");

        App.Writer.Fail("offer");
        await step1.GenerateAsync();
        await step1.Card.Row(2).ExpectStatusAsync("failed");
        await Expect(step1.Card.Title).ToHaveTextAsync("Finished — 1 step failed");
        await AssertNoViolationsAsync("step 1 after a failure");

        App.Writer.Heal("offer");
        App.Writer.Hold("watch");
        App.Writer.Hold("deck-structure", afterCalls: 3);
        await step1.GotoAsync();
        await step1.GenerateAsync();
        await step1.Card.Row(2).ExpectStatusAsync("completed");
        await Expect(step1.Card.Row(3).Detail).ToHaveTextAsync("slides 30/60");
        await AssertNoViolationsAsync("step 1 mid-run");

        await new ProjectsPage(Page).GotoAsync();
        await Expect(Page.Locator("#fc-tracker")).ToBeVisibleAsync();
        await AssertNoViolationsAsync("the project list mid-run, with the tracker");
        await new Tracker(Page).Toggle.ClickAsync();
        await AssertNoViolationsAsync("the expanded tracker");

        App.Writer.Release("watch");
        App.Writer.Release("deck-structure");
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        foreach (var step in new[] { 2, 3, 5, 8, 9, 11, 0 })
        {
            var content = await new ContentPage(Page, projectId, step).GotoAsync();
            await Expect(content.VersionLabel).ToBeVisibleAsync();
            await AssertNoViolationsAsync($"the content page of step {step}");
        }

        await OpenHistoryAsync(projectId);
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task At_375_px_every_control_is_at_least_44_by_44_px()
    {
        var projectId = await SignedInProjectAsync();
        App.Writer.Fail("offer");
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed_with_errors");
        App.Writer.Heal("offer");
        var phone = await NewContextAsync(375, 812);
        await SignInAsync(phone);
        var page = phone.Pages[^1];

        var failures = new List<string>();
        async Task MeasureAsync(string url, string what, Func<Task>? prepare = null)
        {
            await page.GotoAsync(url);
            if (prepare is not null)
            {
                await prepare();
            }

            failures.AddRange((await page.EvaluateAsync<string[]>(SmallControls)).Select(f => $"{what}: {f}"));
        }

        await MeasureAsync("/funnel-builder", "projects");
        await MeasureAsync($"/funnel-builder/{projectId}/step/1", "step 1 after a failure", async () =>
        {
            await Expect(page.Locator("#fc-card .step-retry").First).ToBeVisibleAsync();
            await page.Locator(".add-intake > summary").ClickAsync();
            await page.Locator(".intake-form").First.WaitForAsync();
        });

        await Api.StartAsync(projectId, regenerate: true);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Regenerate);
        App.Writer.Hold("watch");
        await Api.StartAsync(projectId, regenerate: true);
        foreach (var step in new[] { 2, 3, 5, 8, 9, 11, 0 })
        {
            var url = step == 0 ? $"/funnel-builder/{projectId}/marketing-profile" : $"/funnel-builder/{projectId}/step/{step}";
            await MeasureAsync(url, $"step {step}", async () =>
            {
                await Expect(page.Locator("#fc-tracker")).ToBeVisibleAsync();
                if (step == 2)
                {
                    await page.Locator("#fc-tracker .tracker-toggle").ClickAsync();
                    await page.Locator(".history > summary").ClickAsync();
                    await Expect(page.Locator(".history-panel")).ToBeVisibleAsync();
                }
            });
        }

        App.Writer.Release("watch");
        Assert.True(failures.Count == 0, "Controls under 44 × 44 px at 375 px:\n" + string.Join('\n', failures));
    }

    [BrowserFact]
    public async Task The_regenerate_dialog_and_the_regenerate_all_dialog_with_edits_have_no_WCAG_2_1_AA_violations()
    {
        var projectId = await SignedInProjectAsync();
        await Api.StartAsync(projectId);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed");
        var watch = JsonNode.Parse((await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{projectId}/steps/watch")).GetProperty("content").GetRawText())!.AsObject();
        watch["headline"] = "My own headline";
        (await Api.Http.PutAsJsonAsync($"/api/projects/{projectId}/steps/watch", new { content = watch })).EnsureSuccessStatusCode();

        await new ContentPage(Page, projectId, 3).GotoAsync();
        var dialog = await new RegenerateDialog(Page).OpenAsync();
        await dialog.WithDependents.CheckAsync();
        await AssertNoViolationsAsync("the deck's regenerate dialog");

        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await step1.GenerateButton.ClickAsync();
        await Expect(step1.Dialog.Locator(".edited-pieces li")).ToHaveTextAsync(["Watch Pages"]);
        await AssertNoViolationsAsync("the regenerate-all dialog listing an edit");
    }

    private async Task OpenHistoryAsync(Guid projectId)
    {
        await Api.StartAsync(projectId, regenerate: true);
        await App.WaitForStatusAsync(projectId, s => s.RunStatus == "completed" && s.Regenerate);
        var offer = await new ContentPage(Page, projectId, 2).GotoAsync();
        await offer.HistoryButton.ClickAsync();
        await Expect(Page.Locator(".history-panel")).ToBeVisibleAsync();
        await AssertNoViolationsAsync("the offer's open history");
    }

    private async Task AssertNoViolationsAsync(string where)
    {
        var result = await Page.RunAxe(WcagAa);
        var found = result.Violations.SelectMany(v => v.Nodes.Select(n => $"{v.Id} ({v.Impact}): {string.Join(' ', n.Target)} — {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}")).ToList();
        Assert.True(found.Count == 0, $"axe found {found.Count} WCAG 2.1 AA violations on {where}:\n{string.Join('\n', found)}");
    }
}
