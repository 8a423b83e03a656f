using System.Net;
using Funnelcraft.Generation.Changes;
using Funnelcraft.Generation.Live;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Trace;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// The real app (its own Program) on real Kestrel at 127.0.0.1 and a free port, with two bench-only additions that
/// change nothing the app does: a <see cref="CommitClock"/> on the database contexts (a timestamp just before each
/// commit) and the <c>/bench</c> routes of <see cref="BenchRoutes"/>.
/// </summary>
public sealed class BenchApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private BenchApp(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxConcurrentConnections = null;
            o.Limits.MaxConcurrentUpgradedConnections = null;
        });
    }

    /// <summary>A bench-only setting: <c>on</c> records every trace span, as an app with an OTLP exporter does (to measure the cost of tracing).</summary>
    public const string TracingSetting = "Bench:Tracing";

    /// <summary>App settings from the command line (<c>--set Key=Value</c>), applied last to every app a benchmark starts.</summary>
    public static IReadOnlyList<KeyValuePair<string, string?>> Overrides { get; set; } = [];

    public Uri Address { get; private set; } = null!;

    public CommitClock Clock => Services.GetRequiredService<CommitClock>();

    public StatusFeed Feed => Services.GetRequiredService<StatusFeed>();

    public RunChanges Changes => Services.GetRequiredService<RunChanges>();

    /// <summary>Starts a node on <paramref name="database"/>; <paramref name="settings"/> override the bench defaults.</summary>
    public static BenchApp Start(BenchDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = AppSettings.Defaults(database.Provider, database.ConnectionString);
        all["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Critical"; // the migrator's first probe of a new database
        all["Logging:LogLevel:Microsoft.AspNetCore"] = "Error";
        all.With(settings).With(Overrides);

        // WebApplicationFactory looks for the app's folder next to a solution file; run from a copy of the output, there is none.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_FUNNELCRAFT", AppContentRoot());
        var app = new BenchApp(all);
        app.StartServer();
        app.Address = KestrelAddress.Of(app.Services);
        return app;
    }

    /// <summary>src/Funnelcraft when run from the repository (its appsettings.json), else this program's folder.</summary>
    private static string AppContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "src", "Funnelcraft");
            if (File.Exists(Path.Combine(app, "Funnelcraft.csproj")))
            {
                return app;
            }
        }

        return AppContext.BaseDirectory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseContentRoot(AppContentRoot());
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<CommitClock>();
            services.ConfigureDbContext<Data.PostgresAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CommitClock>()));
            services.ConfigureDbContext<Data.SqliteAppDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<CommitClock>()));
            services.AddSingleton<BenchRoutes.BareBody>();
            if (_settings.TryGetValue(TracingSetting, out var tracing) && tracing == "on")
            {
                // --tracing on: every span recorded, as when an OTLP exporter is configured (the app records none without one).
                services.ConfigureOpenTelemetryTracerProvider(t => t.SetSampler(new AlwaysOnSampler()));
            }

            if (_settings.TryGetValue(CannedWriter.Setting, out var writer) && writer == "canned")
            {
                var real = services.Single(d => d.ServiceType == typeof(Writers.IStepWriter));
                services.Remove(real);
                services.AddSingleton(real.ImplementationType!);
                services.AddSingleton<Writers.IStepWriter>(sp => new CannedWriter((Writers.IStepWriter)sp.GetRequiredService(real.ImplementationType!)));
            }
            else if (writer == WaitingWriter.Mode)
            {
                services.Remove(services.Single(d => d.ServiceType == typeof(Writers.IStepWriter)));
                services.AddSingleton<Writers.IStepWriter, WaitingWriter>();
            }

            services.AddTransient<IStartupFilter, BenchRoutes.Filter>();
        });
    }
}
