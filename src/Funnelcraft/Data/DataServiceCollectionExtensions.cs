using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Funnelcraft";

    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();

        var provider = builder.Configuration[$"{DatabaseOptions.SectionName}:Provider"] ?? "Sqlite";
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.Equals(provider, "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Funnelcraft is not set.");
            }

            connectionString = PostgresConnectionString(connectionString);

            builder.Services.AddPooledDbContextFactory<PostgresAppDbContext>(o => o
                .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(6, TimeSpan.FromSeconds(2), null))
                .UseSnakeCaseNamingConvention());
            builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<PostgresAppDbContext>>();
            builder.Services.AddSingleton(new DatabaseInfo(DatabaseKind.Postgres, connectionString));
        }
        else
        {
            connectionString = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            builder.Services.AddPooledDbContextFactory<SqliteAppDbContext>(o => o
                .UseSqlite(connectionString)
                .AddInterceptors(new SqliteReadOnlyRecovery())
                .UseSnakeCaseNamingConvention());
            builder.Services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<SqliteAppDbContext>>();
            builder.Services.AddSingleton(new DatabaseInfo(DatabaseKind.Sqlite, connectionString));
        }

        builder.Services.AddSingleton<SqliteWriteGate>();

        // Scoped context for request handlers and Identity's stores; it returns to the pool at the end of the scope.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return builder;
    }

    /// <summary>
    /// The configured PostgreSQL connection string, with two Npgsql settings the app's short, repeated statements gain from,
    /// each unless the string sets it itself: automatic preparation (<c>Max Auto Prepare=64</c>, after two uses; 0 turns
    /// it off, e.g. behind a pooler that does not keep prepared statements), and no session reset when a connection goes
    /// back to the pool (<c>No Reset On Close=true</c>: the app keeps no session state on pooled connections — its
    /// <c>LISTEN</c> has a connection of its own).
    /// </summary>
    internal static string PostgresConnectionString(string configured)
    {
        // Which keys the string itself sets (NpgsqlConnectionStringBuilder.ContainsKey answers for every known key).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!given.Contains("MaxAutoPrepare"))
        {
            csb.MaxAutoPrepare = 64;
            if (!given.Contains("AutoPrepareMinUsages"))
            {
                csb.AutoPrepareMinUsages = 2;
            }
        }

        if (!given.Contains("NoResetOnClose"))
        {
            csb.NoResetOnClose = true;
        }

        return csb.ToString();
    }

    /// <summary>The configured SQLite connection string, or a file under App_Data; the folder is created.</summary>
    internal static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured)
            ? $"Data Source={Path.Combine(contentRoot, "App_Data", "funnelcraft.db")}"
            : configured);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
        {
            Directory.CreateDirectory(dir);
        }

        csb.DefaultTimeout = Math.Max(csb.DefaultTimeout, 30);
        csb.Pooling = true;
        return csb.ToString();
    }

    private sealed class AppDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>Which database this node uses, for the few places that speak to it directly.</summary>
public sealed record DatabaseInfo(DatabaseKind Kind, string ConnectionString);
