namespace Funnelcraft.BrowserTests.PageObjects;

/// <summary>The Regenerate button of a content page and its dialog.</summary>
public sealed class RegenerateDialog(IPage page)
{
    public ILocator Button => page.Locator("[data-regenerate]");

    public ILocator Root => page.Locator("#regenerate-dialog");

    public ILocator Instruction => Root.GetByLabel("What should change?");

    public ILocator InstructionError => Root.Locator("#regenerate-instruction-error");

    public ILocator WithDependents => Root.GetByLabel("Also rewrite these pieces, from the new version");

    public ILocator OverwriteEdits => Root.Locator("[data-overwrite-edits]");

    public ILocator Dependents => Root.Locator("#regenerate-dependents li");

    public ILocator Error => Root.Locator("#regenerate-error");

    public ILocator Confirm => Root.Locator("[data-confirm-regenerate]");

    public ILocator Cancel => Root.GetByRole(AriaRole.Button, new() { Name = "Cancel" });

    public async Task<RegenerateDialog> OpenAsync()
    {
        await Button.ClickAsync();
        await Expect(Root).ToBeVisibleAsync();
        return this;
    }
}
