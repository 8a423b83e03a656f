namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>One Playwright driver and one Chromium for the whole test run; each test gets its own browser context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser? Browser { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (!BrowserEnvironment.ChromiumFound)
        {
            return; // the tests are skipped, or fail with BrowserEnvironment.Missing when required
        }

        SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserEnvironment.ChromiumPath,
            Headless = true,
            Args = BrowserEnvironment.LaunchArgs,
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
    }
}
