using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>AI and user text is never markup; the CSP holds (no console errors); API writes from the page need the antiforgery token.</summary>
public sealed class SafetyTests(BrowserFixture browser) : BrowserTest(browser)
{
    private const string ScriptName = "<script>alert(1)</script>";
    private const string ImageName = "<img src=x onerror=alert(2)>";

    [BrowserFact]
    public async Task Markup_in_a_business_name_renders_as_text_on_every_page_without_dialogs_or_console_errors()
    {
        var projectId = await SignedInProjectAsync(businessName: ScriptName, projectName: ImageName);
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await step1.GenerateAsync();
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");

        await AssertSafeAsync();
        await Expect(step1.Intakes.First.GetByText(ScriptName)).ToBeVisibleAsync();
        await Expect(Page.Locator(".sidebar-project")).ToHaveTextAsync(ImageName);

        await new ProjectsPage(Page).GotoAsync();
        await AssertSafeAsync();
        await Expect(Page.Locator(".project-name")).ToHaveTextAsync(ImageName);

        foreach (var step in new[] { 2, 3, 5, 8, 9, 11, 0 })
        {
            var page = await new ContentPage(Page, projectId, step).GotoAsync();
            await Expect(page.VersionLabel).ToContainTextAsync("Version 1 of 1");
            await AssertSafeAsync();
        }

        await Expect(Page.GetByText(ScriptName).First).ToBeVisibleAsync(); // the profile names the business

        // The tracker (built by the script) on a content page during a second run.
        App.Writer.Hold("watch");
        await Api.StartAsync(projectId, regenerate: true);
        var offer = await new ContentPage(Page, projectId, 2).GotoAsync();
        await offer.Tracker.Toggle.ClickAsync();
        await Expect(Page.Locator(".tracker-project")).ToHaveTextAsync(ImageName);
        await AssertSafeAsync();
        App.Writer.Release("watch");
        await Expect(offer.Tracker.Title).ToHaveTextAsync("All content is ready");

        Assert.Empty(Dialogs);
        Assert.Empty(ConsoleErrors);

        // A page that does not exist: a friendly 404 (the browser logs the 404 itself, nothing else).
        var missing = await Page.GotoAsync("/no-such-page");
        Assert.Equal(404, missing!.Status);
        await Expect(Page.Locator("h1")).ToHaveTextAsync("We can't find that page");
        Assert.All(ConsoleErrors, e => Assert.Contains("404", e, StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Pages_are_served_with_a_strict_content_security_policy()
    {
        await SignedInProjectAsync();
        var response = await Page.GotoAsync("/funnel-builder");
        var csp = await response!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("style-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal(0, await Page.Locator("script:not([src])").CountAsync());
        Assert.Equal(0, await Page.Locator("[style]").CountAsync());
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task A_cookie_authenticated_API_write_needs_the_page_antiforgery_token()
    {
        var projectId = await SignedInProjectAsync();
        await new Step1Page(Page, projectId).GotoAsync();
        var script = """
            async ([projectId, withToken]) => {
              const token = document.querySelector('meta[name="request-verification-token"]').content;
              const headers = { 'Content-Type': 'application/json' };
              if (withToken) headers.RequestVerificationToken = token;
              const r = await fetch('/api/generate/cancel', { method: 'POST', headers, body: JSON.stringify({ projectId }) });
              return [r.status, (await r.json()).title];
            }
            """;
        var without = await Page.EvaluateAsync<object[]>(script, new object[] { projectId.ToString(), false });
        var with = await Page.EvaluateAsync<object[]>(script, new object[] { projectId.ToString(), true });

        Assert.Equal(400, Convert.ToInt32(without[0].ToString(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Missing or invalid antiforgery token", without[1].ToString());
        Assert.Equal(409, Convert.ToInt32(with[0].ToString(), System.Globalization.CultureInfo.InvariantCulture)); // accepted, and nothing runs
        // A bearer-token client needs no antiforgery token.
        var bearer = await Api.Http.PostAsync("/api/generate/cancel", System.Net.Http.Json.JsonContent.Create(new { projectId }));
        Assert.Equal(System.Net.HttpStatusCode.Conflict, bearer.StatusCode);
    }

    private async Task AssertSafeAsync()
    {
        Assert.Equal(0, await Page.Locator("script:not([src])").CountAsync());
        Assert.Equal(0, await Page.Locator("img").CountAsync());
        Assert.Empty(Dialogs);
    }
}
