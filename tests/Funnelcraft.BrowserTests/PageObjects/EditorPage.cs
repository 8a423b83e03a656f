namespace Funnelcraft.BrowserTests.PageObjects;

/// <summary>The editor of a step's content (<c>…/step/{n}/edit</c>, <c>…/marketing-profile/edit</c>).</summary>
public sealed class EditorPage(IPage page, Guid projectId, int step)
{
    public string Url => step == 0 ? $"/funnel-builder/{projectId}/marketing-profile/edit" : $"/funnel-builder/{projectId}/step/{step}/edit";

    public ILocator Heading => page.Locator("h1");

    public ILocator Lede => page.Locator(".page-head .lede");

    public ILocator Form => page.Locator("#editor");

    public ILocator Save => page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Save as version") });

    /// <summary>The summary of what must be fixed (or why the save failed).</summary>
    public ILocator Alert => page.Locator("#editor-alert");

    /// <summary>Shown when another tab saved first (412).</summary>
    public ILocator Stale => page.Locator("#editor-stale");

    /// <summary>Shown instead of the form while a run writes the step.</summary>
    public ILocator Closed => page.Locator("#editor-closed");

    /// <summary>A top-level field by its label ("Offer name").</summary>
    public ILocator Field(string label) => Form.GetByLabel(label, new() { Exact = true }).First;

    public ILocator List(string field) => page.Locator($"[data-list='{field}']");

    public ILocator Items(string list) => List(list).Locator(":scope > [data-items] > [data-item]");

    public ILocator Item(string list, int index) => Items(list).Nth(index);

    /// <summary>A field of a list item by its label ("Title").</summary>
    public ILocator ItemField(string list, int index, string label) => Item(list, index).GetByLabel(label, new() { Exact = true });

    public ILocator ListError(string list) => List(list).Locator(":scope > [data-error]");

    /// <summary>The error line beside a control (the element its aria-describedby ends with).</summary>
    public async Task<ILocator> ErrorOf(ILocator control)
    {
        var id = await control.GetAttributeAsync("id");
        return page.Locator($"[id='{id}-error']");
    }

    public async Task<EditorPage> GotoAsync()
    {
        await page.GotoAsync(Url);
        return this;
    }
}

/// <summary>Two versions of a step side by side (<c>…/compare?from=&amp;to=</c>).</summary>
public sealed class ComparePage(IPage page, Guid projectId, int step)
{
    public string Url(int from, int to) =>
        (step == 0 ? $"/funnel-builder/{projectId}/marketing-profile" : $"/funnel-builder/{projectId}/step/{step}") + $"/compare?from={from}&to={to}";

    public ILocator Heading => page.Locator("h1");

    public ILocator Summary => page.Locator(".compare-summary");

    /// <summary>A compared field or list item by its label ("Tagline", "Feature 1").</summary>
    public ILocator Row(string label) => page.Locator($".diff-row[aria-label='{label}'], .diff-group[aria-label='{label}']").First;

    public static ILocator Added(ILocator row) => row.Locator(".diff-to ins");

    public static ILocator Removed(ILocator row) => row.Locator(".diff-from del");

    public ILocator Restore(int version) => page.GetByRole(AriaRole.Button, new() { Name = $"Restore version {version}" });

    public async Task<ComparePage> GotoAsync(int from, int to)
    {
        await page.GotoAsync(Url(from, to));
        return this;
    }
}
