using Funnelcraft.Data;
using Funnelcraft.Generation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Testing;

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
        foreach (var (key, value) in AppSettings.ForTests(Database.Provider, Database.ConnectionString).With(settings))
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
    public Task<GenerationStatus> WaitForAsync(Guid projectId, Func<GenerationStatus, bool> predicate, TimeSpan? timeout = null) =>
        StatusWaits.WaitForAsync(Services, projectId, predicate, timeout ?? TimeSpan.FromSeconds(60));

    public static Func<GenerationStatus, bool> Finished => StatusWaits.Finished;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Database.Dispose();
    }
}
