namespace Funnelcraft.BrowserTests.PageObjects;

/// <summary><c>/funnel-builder</c>: the list of projects and the new-project form.</summary>
public sealed class ProjectsPage(IPage page)
{
    public ILocator Projects => page.Locator(".project-card");

    public async Task GotoAsync() => await page.GotoAsync("/funnel-builder");

    public ProjectCard Card(Guid projectId) => new(page.Locator($"[data-project-card='{projectId}']"));

    /// <summary>Creates a project; the app then opens its step 1.</summary>
    public async Task<Step1Page> CreateAsync(string name, string? description = null)
    {
        await page.GetByLabel("Name").FillAsync(name);
        if (description is not null)
        {
            await page.GetByLabel("Description").FillAsync(description);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Intake & generate" })).ToBeVisibleAsync();
        var projectId = Guid.Parse(page.Url.Split('/')[^3]);
        return new Step1Page(page, projectId);
    }
}

/// <summary>One project on the list: its live state ("3 of 7 · writing", "Ready", "2 failed") and its pieces.</summary>
public sealed class ProjectCard(ILocator root)
{
    public ILocator State => root.Locator(".project-state");

    public ILocator Pieces => root.Locator(".pieces-text");
}
