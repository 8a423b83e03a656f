using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

/// <summary>The card's own controls: close, notifications; and the connection's life with the page.</summary>
public sealed class ProgressCardTests(BrowserFixture browser) : BrowserTest(browser)
{
    /// <summary>A stand-in for the Notification API (a headless tab is never hidden and cannot show real ones).</summary>
    private const string FakeNotifications = """
        window.__notifications = [];
        window.__permissionRequests = 0;
        window.__hidden = false;
        class FakeNotification {
          constructor(title, options) { window.__notifications.push({ title, body: options && options.body, tag: options && options.tag }); }
          addEventListener() {}
          close() {}
        }
        FakeNotification.permission = 'default';
        FakeNotification.requestPermission = async () => { window.__permissionRequests++; FakeNotification.permission = 'granted'; return 'granted'; };
        window.Notification = FakeNotification;
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => window.__hidden ? 'hidden' : 'visible' });
        """;

    [BrowserFact]
    public async Task Closing_the_card_hides_it_until_the_next_run()
    {
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        await step1.GenerateAsync();
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");

        await step1.Card.CloseButton.ClickAsync();
        await Expect(step1.Card.Root).ToBeHiddenAsync();
        await Page.ReloadAsync();
        await Expect(step1.GenerateButton).ToBeEnabledAsync();
        await Expect(step1.Card.Root).ToBeHiddenAsync();

        App.Writer.Hold("offer");
        await step1.GenerateAsync();
        await Expect(step1.Card.Root).ToBeVisibleAsync();
        await step1.Card.Row(2).ExpectStatusAsync("in_progress");
        App.Writer.Release("offer");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
    }

    [BrowserFact]
    public async Task Notification_permission_is_asked_from_a_button_and_a_hidden_tab_is_notified_when_the_run_ends()
    {
        await Context.AddInitScriptAsync(FakeNotifications);
        var projectId = await SignedInProjectAsync();
        var step1 = await new Step1Page(Page, projectId).GotoAsync();
        Assert.Equal(0, await Page.EvaluateAsync<int>("() => window.__permissionRequests")); // never on load

        App.Writer.Hold("offer");
        await step1.GenerateAsync();
        var notify = step1.Card.Root.GetByRole(AriaRole.Button, new() { Name = "Notify me when done" });
        await Expect(notify).ToBeVisibleAsync();
        await notify.ClickAsync();
        await Expect(Page.Locator(".toast")).ToContainTextAsync("Notifications are on");
        await Expect(notify).ToBeHiddenAsync();
        Assert.Equal(1, await Page.EvaluateAsync<int>("() => window.__permissionRequests"));

        await Page.EvaluateAsync("() => { window.__hidden = true; }");
        App.Writer.Release("offer");
        await Expect(step1.Card.Title).ToHaveTextAsync("All content is ready");
        await Page.WaitForFunctionAsync("() => window.__notifications.length > 0");
        Assert.Equal("All content is ready", await Page.EvaluateAsync<string>("() => window.__notifications[0].title"));
    }

    [BrowserFact]
    public async Task The_event_stream_closes_when_the_page_goes_away()
    {
        var projectId = await SignedInProjectAsync();
        await new Step1Page(Page, projectId).GotoAsync();
        await App.Traffic.WaitUntilAsync(t => t.OpenStreams == 1, "the page's stream");

        await Page.GotoAsync("/account/logout"); // a page without live progress
        await Expect(Page.Locator("h1")).ToHaveTextAsync("Sign out?");
        await App.Traffic.WaitUntilAsync(t => t.OpenStreams == 0, "the stream to close");
    }
}
