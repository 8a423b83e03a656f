using System.Text.RegularExpressions;
using Funnelcraft.BrowserTests.Infrastructure;
using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Tests;

public sealed partial class AccountTests(BrowserFixture browser) : BrowserTest(browser)
{
    [BrowserFact]
    public async Task Register_sign_out_and_sign_in_again_returning_to_the_page_asked_for()
    {
        await new RegisterPage(Page).RegisterAsync(Email, ApiSetup.Password);
        await Expect(Page).ToHaveURLAsync(LoginPage.ProjectsUrl());
        await Expect(Page.Locator(".account-email")).ToHaveTextAsync(Email);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByText("You are signed out.")).ToBeVisibleAsync();

        await Page.GotoAsync("/funnel-builder");
        await Expect(Page).ToHaveURLAsync(LoginUrl());
        var login = new LoginPage(Page);
        await login.SubmitAsync(Email, "wrong-Passw0rd!");
        await Expect(login.Error).ToContainTextAsync("do not match");
        await login.SubmitAsync(Email, ApiSetup.Password);
        await Expect(Page).ToHaveURLAsync(LoginPage.ProjectsUrl());
        Assert.Empty(ConsoleErrors);
    }

    [BrowserFact]
    public async Task Registration_explains_what_is_wrong()
    {
        await new RegisterPage(Page).RegisterAsync(Email, "password");
        await Expect(Page.Locator(".field-error", new() { HasText = "Passwords must" })).ToBeVisibleAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/register$"));
    }

    [BrowserFact]
    public async Task Another_users_project_is_not_found()
    {
        var projectId = await SignedInProjectAsync();
        var stranger = await NewContextAsync();
        var strangerPage = await stranger.NewPageAsync();
        await new RegisterPage(strangerPage).RegisterAsync($"other-{Guid.NewGuid():N}@example.com", ApiSetup.Password);
        var response = await strangerPage.GotoAsync($"/funnel-builder/{projectId}/step/1");
        Assert.Equal(404, response!.Status);
        await Expect(strangerPage.Locator("h1")).ToHaveTextAsync("We can't find that page");
    }

    [GeneratedRegex("/account/login\\?ReturnUrl=%2Ffunnel-builder$")]
    private static partial Regex LoginUrl();
}
