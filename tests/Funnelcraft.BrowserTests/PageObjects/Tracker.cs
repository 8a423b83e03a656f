namespace Funnelcraft.BrowserTests.PageObjects;

/// <summary>The floating progress tracker shown on every page but step 1.</summary>
public sealed class Tracker(IPage page)
{
    public ILocator Root => page.Locator("#fc-tracker");

    public ILocator Toggle => Root.Locator(".tracker-toggle");

    public ILocator CloseButton => Root.GetByRole(AriaRole.Button, new() { Name = "Hide the progress tracker for this run" });

    public ILocator Body => Root.Locator(".tracker-body");

    public ILocator Title => Root.Locator(".tracker-title");

    public ILocator Count => Root.Locator(".tracker-count");

    public StepRow Row(int step) => new(Root.Locator($".step-row[data-step='{step}']"));
}
