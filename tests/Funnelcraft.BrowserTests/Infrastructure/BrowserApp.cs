using Funnelcraft.Generation.Status;
using Funnelcraft.Writers.Offline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Funnelcraft.Generation.Live;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (port 0) for a real browser: a temporary SQLite file, the offline writer slowed a little so
/// progress is visible, a <see cref="WriterScript"/> to hold or fail steps, and <see cref="LiveTraffic"/> counters.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = TestDatabase.Sqlite("funnelcraft-browser");
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private BrowserApp(IReadOnlyDictionary<string, string?>? settings) => _settings = settings ?? new Dictionary<string, string?>();

    public WriterScript Writer { get; } = new();

    public LiveTraffic Traffic { get; } = new();

    public Uri Address { get; private set; } = null!;

    public static BrowserApp Start(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var app = new BrowserApp(settings);
        app.UseKestrel(0);
        app.StartServer();
        app.Address = KestrelAddress.Of(app.Services);
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = AppSettings.ForTests(_database.Provider, _database.ConnectionString);
        settings["Writer:Offline:StepDelay"] = "00:00:00.150"; // slowed a little so progress is visible
        foreach (var (key, value) in settings.With(_settings))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IChatClient>(sp => Writer.Wrap(sp.GetRequiredService<OfflineChatClient>()));
            services.AddSingleton<IStartupFilter>(new LiveTraffic.Filter(Traffic));
        });
    }

    /// <summary>Waits, without sleeping, until the project's status satisfies <paramref name="predicate"/> (on every published change).</summary>
    public Task<GenerationStatus> WaitForStatusAsync(Guid projectId, Func<GenerationStatus, bool> predicate, TimeSpan? timeout = null) =>
        StatusWaits.WaitForAsync(Services, projectId, predicate, timeout ?? TimeSpan.FromSeconds(30));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _database.Dispose();
    }
}
