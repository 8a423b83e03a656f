namespace Funnelcraft.BrowserTests.PageObjects;

/// <summary>A step's content page (2, 3, 5, 8, 9, 11) or the marketing profile (0).</summary>
public sealed class ContentPage(IPage page, Guid projectId, int step)
{
    public string Url => step == 0 ? $"/funnel-builder/{projectId}/marketing-profile" : $"/funnel-builder/{projectId}/step/{step}";

    public ILocator Heading => page.Locator("h1");

    public ILocator VersionLabel => page.Locator(".version-line");

    public ILocator EmptyState => page.Locator(".empty-state");

    public ILocator HistoryButton => page.Locator(".history > summary");

    public ILocator NewVersionBanner => page.Locator("#fc-step-banner");

    public ILocator WritingNotice => page.Locator("#fc-step-writing");

    public ILocator Preview => page.Locator("figure.preview");

    public Tracker Tracker => new(page);

    public ILocator RestoreButton(int version) => page.GetByRole(AriaRole.Button, new() { Name = $"Restore version {version}" });

    public async Task<ContentPage> GotoAsync()
    {
        await page.GotoAsync(Url);
        return this;
    }
}
