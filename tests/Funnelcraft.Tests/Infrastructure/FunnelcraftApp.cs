using Funnelcraft.Data;
using Funnelcraft.Generation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>
/// The real app in memory (WebApplicationFactory) on a fresh database, with the offline writer at zero delay.
/// Settings and service overrides let a test script the writer, the lease or the roles.
/// </summary>
public sealed class FunnelcraftApp(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    public static async Task<FunnelcraftApp> StartAsync(
        DatabaseKind kind, PostgresCluster cluster, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = new FunnelcraftApp(await TestDatabase.CreateAsync(kind, cluster), settings, services);
        _ = app.Server; // start now: migrations run, the worker starts
        return app;
    }

    /// <summary>A second app (another "node") on the same database.</summary>
    public FunnelcraftApp Sibling(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = new FunnelcraftApp(Database with { Borrowed = true }, settings, services);
        _ = app.Server;
        return app;
    }

    /// <summary>A second app on the same database that outlives this one: it deletes the database when it is disposed.</summary>
    public FunnelcraftApp Successor(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var app = Sibling(settings, services);
        app.Database.Borrowed = false;
        Database.Borrowed = true;
        return app;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Database.Provider,
            ["ConnectionStrings:Funnelcraft"] = Database.ConnectionString,
            ["Writer:Provider"] = "Offline",
            ["Writer:Offline:StepDelay"] = "00:00:00",
            ["Generation:RetryBaseDelay"] = "00:00:00.010",
            ["Generation:PollInterval"] = "00:00:00.100",
            ["RateLimits:GenerationPerMinute"] = "100000",
            ["RateLimits:AuthPerMinute"] = "100000",
            ["RateLimits:ContentChangesPerMinute"] = "100000",
            ["SignInThrottle:FreeAttempts"] = "1000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    public ApiClient Client() => new(CreateClient(), this);

    public StatusHub Hub => Services.GetRequiredService<StatusHub>();

    public AppDbContext NewDbContext() => Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();

    /// <summary>Waits, without sleeping, until the project's status satisfies <paramref name="predicate"/>: on every published change.</summary>
    public async Task<GenerationStatus> WaitForAsync(Guid projectId, Func<GenerationStatus, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        using var subscription = Hub.Subscribe(projectId);
        var store = Services.GetRequiredService<GenerationStore>();
        var current = (await store.LoadAsync(projectId, cts.Token))!.Status;
        try
        {
            while (!predicate(current))
            {
                var next = await subscription.Reader.ReadAsync(cts.Token);
                if (next.Version > current.Version)
                {
                    current = next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // A change committed by another node is not published here: read the database once more before giving up.
            current = (await store.LoadAsync(projectId, CancellationToken.None))!.Status;
            if (!predicate(current))
            {
                throw new TimeoutException($"The status never matched. Last: {System.Text.Json.JsonSerializer.Serialize(current)}");
            }
        }

        return current;
    }

    public static Func<GenerationStatus, bool> Finished => s => s.RunStatus is not null && !RunStatus.IsActive(s.RunStatus);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Database.Dispose();
    }
}
