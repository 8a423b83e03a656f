using Funnelcraft.BrowserTests.PageObjects;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// A test with its own app (fresh database) and its own browser context (cookies, storage, tabs), recording every
/// console error, page error and JavaScript dialog so a test can assert there were none.
/// </summary>
public abstract class BrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected BrowserApp App { get; private set; } = null!;

    protected IBrowserContext Context { get; private set; } = null!;

    protected IPage Page { get; private set; } = null!;

    protected ApiSetup Api { get; private set; } = null!;

    protected string Email { get; } = $"owner-{Guid.NewGuid():N}@example.com";

    /// <summary>"page url: message" for every console error and uncaught page error.</summary>
    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>Messages of JavaScript dialogs (alert, confirm, prompt) that opened: there should be none.</summary>
    protected List<string> Dialogs { get; } = [];

    /// <summary>App settings for this test class (merged over the defaults in <see cref="BrowserApp"/>).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        if (browser.Browser is null)
        {
            if (BrowserEnvironment.Required)
            {
                throw new InvalidOperationException(BrowserEnvironment.Missing);
            }

            return; // skipped by [BrowserFact]
        }

        App = BrowserApp.Start(Settings);
        Context = await NewContextAsync();
        Page = await Context.NewPageAsync();
    }

    /// <summary>A separate browser (own cookies and storage), e.g. at another viewport size.</summary>
    protected async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 860)
    {
        var context = await browser.Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (ConsoleErrors)
                {
                    ConsoleErrors.Add($"{message.Page?.Url}: {message.Text}");
                }
            }
        };
        context.WebError += (_, error) =>
        {
            lock (ConsoleErrors)
            {
                ConsoleErrors.Add($"{error.Page?.Url}: uncaught {error.Error}");
            }
        };
        context.Dialog += (_, dialog) =>
        {
            lock (Dialogs)
            {
                Dialogs.Add(dialog.Message);
            }

            _ = dialog.DismissAsync();
        };
        _contexts.Add(context);
        return context;
    }

    /// <summary>A user with a project and intake(s) made through the API, signed in to the browser through the login page.</summary>
    protected async Task<Guid> SignedInProjectAsync(string businessName = "Harbor Lane Yoga", string projectName = "Spring launch", int intakes = 1, IBrowserContext? context = null)
    {
        Api ??= await ApiSetup.SignUpAsync(App.Address, Email);
        var projectId = await Api.CreateProjectAsync(projectName);
        for (var i = 0; i < intakes; i++)
        {
            await Api.AddIntakeAsync(projectId, businessName, i == 0 ? "Kick-off call" : $"Follow-up call {i}");
        }

        await SignInAsync(context);
        return projectId;
    }

    /// <summary>A user with nothing yet (made through the API), signed in to the browser.</summary>
    protected async Task SignedInUserAsync()
    {
        Api ??= await ApiSetup.SignUpAsync(App.Address, Email);
        await SignInAsync();
    }

    protected async Task SignInAsync(IBrowserContext? context = null)
    {
        var page = context is null ? Page : await context.NewPageAsync();
        await new LoginPage(page).SignInAsync(Email, ApiSetup.Password);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        Api?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}
