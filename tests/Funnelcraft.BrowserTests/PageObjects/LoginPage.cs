using System.Text.RegularExpressions;

namespace Funnelcraft.BrowserTests.PageObjects;

public sealed partial class LoginPage(IPage page)
{
    public ILocator Error => page.Locator(".form-alert");

    public async Task GotoAsync() => await page.GotoAsync("/account/login");

    public async Task SubmitAsync(string email, string password)
    {
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    public async Task SignInAsync(string email, string password)
    {
        await GotoAsync();
        await SubmitAsync(email, password);
        await Expect(page).ToHaveURLAsync(ProjectsUrl());
    }

    [GeneratedRegex("/funnel-builder$")]
    public static partial Regex ProjectsUrl();
}

public sealed class RegisterPage(IPage page)
{
    public async Task RegisterAsync(string email, string password)
    {
        await page.GotoAsync("/account/register");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
    }
}
