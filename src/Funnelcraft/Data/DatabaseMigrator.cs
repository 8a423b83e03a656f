using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Data;

public static partial class DatabaseMigrator
{
    /// <summary>Applies the provider's migrations; on SQLite also turns on WAL so readers never block the writer.</summary>
    public static async Task MigrateDatabaseAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        if (db.Database.IsSqlite())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
        Log.Migrated(logger, db.Database.ProviderName ?? "?");
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Database ready ({Provider}); migrations applied")]
        public static partial void Migrated(ILogger logger, string provider);
    }
}
