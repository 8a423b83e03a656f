using System.Reflection;
using Funnelcraft.Data;
using Funnelcraft.Generation;
using Funnelcraft.Writers;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Operations;

/// <summary>
/// One log line when the node is serving, saying what it is: its roles, its database (provider, host and database name
/// or file, never a password), its writer (provider and model, never a key), where its data-protection key ring lives
/// and whether other nodes share it, the addresses it listens on and the proxies it trusts. Category <c>Funnelcraft.Startup</c>, event 900;
/// event 901 warns when the pages' static files are missing (a build output run outside Development).
/// </summary>
public static partial class StartupReport
{
    public const string Category = "Funnelcraft.Startup";

    public static WebApplication UseStartupReport(this WebApplication app)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var services = app.Services;
            var roles = services.GetRequiredService<IOptions<RolesOptions>>().Value;
            var database = services.GetRequiredService<DatabaseInfo>();
            var writer = services.GetRequiredService<IWriterInfo>();
            var (keyRing, shared) = DescribeKeyRing(services.GetRequiredService<IOptions<KeyManagementOptions>>().Value, database.Kind);
            var forwarded = services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
            string[] proxies = [.. forwarded.KnownProxies, .. forwarded.KnownNetworks];
            var addresses = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Log.Started(
                services.GetRequiredService<ILoggerFactory>().CreateLogger(Category),
                typeof(StartupReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?",
                Roles(roles),
                database.Kind.ToString(),
                DescribeDatabase(database),
                writer.Provider,
                writer.Model,
                keyRing,
                shared ? "shared by every node" : "this node only",
                string.Join(' ', addresses),
                proxies.Length == 0 ? "none" : string.Join(' ', proxies),
                app.Environment.EnvironmentName);
            if (!app.Environment.WebRootFileProvider.GetFileInfo("css/site.css").Exists)
            {
                Log.NoStaticFiles(services.GetRequiredService<ILoggerFactory>().CreateLogger(Category), app.Environment.WebRootPath ?? "wwwroot");
            }
        });
        return app;
    }

    internal static string Roles(RolesOptions roles) => (roles.Web, roles.Worker) switch
    {
        (true, true) => "web+worker",
        (true, false) => "web",
        (false, true) => "worker",
        _ => "none",
    };

    /// <summary>Where the connection string points, without credentials: host:port/database for PostgreSQL, the file for SQLite.</summary>
    internal static string DescribeDatabase(DatabaseInfo database)
    {
        if (database.Kind == DatabaseKind.Postgres)
        {
            var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
            return $"{npgsql.Host}:{npgsql.Port}/{npgsql.Database}";
        }

        return new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
    }

    /// <summary>Where the key ring is kept, and whether other nodes read the same one (only a ring in a PostgreSQL database is: SQLite serves one node).</summary>
    internal static (string Where, bool Shared) DescribeKeyRing(KeyManagementOptions options, DatabaseKind database)
    {
        var encrypted = options.XmlEncryptor is null ? "unencrypted" : "encrypted with a certificate";
        return options.XmlRepository switch
        {
            FileSystemXmlRepository files => ($"folder {files.Directory.FullName}, {encrypted}", false),
            null => ("the default folder of this machine", false),
            var other when other.GetType().Name.StartsWith("EntityFrameworkCoreXmlRepository", StringComparison.Ordinal) => ($"database, {encrypted}", database == DatabaseKind.Postgres),
            var other => ($"{other.GetType().Name}, {encrypted}", false),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(900, LogLevel.Information,
            "Funnelcraft {Version} started: roles {Roles}; database {DatabaseProvider} ({Database}); writer {WriterProvider} ({WriterModel}); " +
            "key ring in {KeyRing} ({KeyRingSharing}); listening on {Addresses}; forwarded headers trusted from {TrustedProxies}; environment {Environment}")]
        public static partial void Started(
            ILogger logger, string version, string roles, string databaseProvider, string database, string writerProvider, string writerModel,
            string keyRing, string keyRingSharing, string addresses, string trustedProxies, string environment);

        [LoggerMessage(901, LogLevel.Warning,
            "The pages' CSS and JS are not in {WebRoot}: the pages will show without styles and scripts. Run the app from a `dotnet publish` output (docs/deployment.md)")]
        public static partial void NoStaticFiles(ILogger logger, string webRoot);
    }
}
