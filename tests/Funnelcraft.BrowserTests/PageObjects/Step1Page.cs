namespace Funnelcraft.BrowserTests.PageObjects;

/// <summary>Step 1: intakes, the Generate button with its confirm dialog, and the progress card.</summary>
public sealed class Step1Page(IPage page, Guid projectId)
{
    public IPage Page => page;

    public Guid ProjectId => projectId;

    public string Url => $"/funnel-builder/{projectId}/step/1";

    public ILocator GenerateButton => page.Locator("[data-generate]");

    public ILocator Dialog => page.Locator("#generate-dialog");

    public ILocator ConfirmButton => Dialog.Locator("[data-confirm-generate]");

    public ILocator GenerateError => page.Locator("#generate-error");

    public ILocator Intakes => page.Locator(".intake-card");

    public ProgressCard Card => new(page.Locator("#fc-card"));

    public async Task<Step1Page> GotoAsync()
    {
        await page.GotoAsync(Url);
        return this;
    }

    /// <summary>Clicks Generate / Regenerate All Content and confirms the dialog.</summary>
    public async Task GenerateAsync()
    {
        await GenerateButton.ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
        await ConfirmButton.ClickAsync();
    }

    public async Task AddFormIntakeAsync(string businessName, string audience, string problem, string? sessionName = null)
    {
        var form = page.Locator(".intake-form");
        if (!await form.IsVisibleAsync())
        {
            await page.Locator(".add-intake > summary").ClickAsync();
        }

        await form.GetByLabel("Intake form").CheckAsync();
        if (sessionName is not null)
        {
            await form.GetByLabel("Session name").FillAsync(sessionName);
        }

        await form.Locator("#Input_BusinessName").FillAsync(businessName);
        await form.GetByLabel("Who is it for?").FillAsync(audience);
        await form.GetByLabel("The main problem they have").FillAsync(problem);
        await form.GetByRole(AriaRole.Button, new() { Name = "Save intake" }).ClickAsync();
    }
}

/// <summary>The progress card on step 1.</summary>
public sealed class ProgressCard(ILocator root)
{
    public ILocator Root => root;

    public ILocator Title => root.Locator(".card-title");

    public ILocator Count => root.Locator(".card-count");

    public ILocator TimeLeft => root.Locator(".card-eta");

    public ILocator Bar => root.Locator(".card-progress");

    public ILocator Rows => root.Locator(".step-row");

    public ILocator Notice => root.Locator(".card-note-active");

    public ILocator CancelButton => root.GetByRole(AriaRole.Button, new() { Name = "Cancel" });

    public ILocator RetryAllButton => root.Locator("[data-retry-all]");

    public ILocator CloseButton => root.GetByRole(AriaRole.Button, new() { Name = "Close the progress card" });

    public StepRow Row(int step) => new(root.Locator($".step-row[data-step='{step}']"));
}

/// <summary>One step's row, in the card or in the tracker.</summary>
public sealed class StepRow(ILocator root)
{
    public ILocator Root => root;

    public ILocator Link => root.Locator("a.step-name");

    public ILocator Detail => root.Locator(".step-detail");

    public ILocator Icon => root.Locator(".step-icon use");

    public ILocator RetryButton => root.Locator(".step-retry");

    public Task ExpectStatusAsync(string status) => Expect(root).ToHaveAttributeAsync("data-status", status);
}
