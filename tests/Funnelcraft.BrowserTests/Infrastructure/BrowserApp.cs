using Funnelcraft.Generation;
using Funnelcraft.Writers.Offline;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.BrowserTests.Infrastructure;

/// <summary>
/// The real app on Kestrel (port 0) for a real browser: a temporary SQLite file, the offline writer slowed a little so
/// progress is visible, a <see cref="WriterScript"/> to hold or fail steps, and <see cref="LiveTraffic"/> counters.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>
{
    private readonly string _databaseFile = Path.Combine(Path.GetTempPath(), $"funnelcraft-browser-{Guid.NewGuid():N}.db");
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
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        app.Address = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:Funnelcraft"] = $"Data Source={_databaseFile}",
            ["Writer:Provider"] = "Offline",
            ["Writer:Offline:StepDelay"] = "00:00:00.150",
            ["Generation:RetryBaseDelay"] = "00:00:00.010",
            ["Generation:PollInterval"] = "00:00:00.100",
            ["RateLimits:GenerationPerMinute"] = "100000",
            ["RateLimits:AuthPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in _settings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
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
    public async Task<GenerationStatus> WaitForStatusAsync(Guid projectId, Func<GenerationStatus, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        var hub = Services.GetRequiredService<StatusHub>();
        using var subscription = hub.Subscribe(projectId);
        var current = (await Services.GetRequiredService<GenerationStore>().LoadAsync(projectId, cts.Token))!.Status;
        while (!predicate(current))
        {
            var next = await subscription.Reader.ReadAsync(cts.Token);
            if (next.Version > current.Version)
            {
                current = next;
            }
        }

        return current;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _databaseFile, _databaseFile + "-wal", _databaseFile + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // still open somewhere; the temp folder is cleaned by the OS
            }
        }
    }
}
