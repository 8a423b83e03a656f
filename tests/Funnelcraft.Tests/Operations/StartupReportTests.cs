using System.Collections.Concurrent;
using Funnelcraft.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Funnelcraft.Tests.Operations;

/// <summary>The one start-up line: what the node is (roles, database, writer, key ring), never a secret.</summary>
public sealed class StartupReportTests(PostgresCluster cluster)
{
    private const string DatabasePassword = "pg-Secret-41";
    private const string WriterKey = "sk-live-Secret-42";

    [Fact]
    public async Task A_web_node_on_PostgreSQL_with_a_model_says_what_it_is_and_logs_no_secret()
    {
        cluster.EnsureAvailable();
        var logs = new Logs();
        // The throwaway cluster trusts every local connection, so a password in the string is accepted and unused.
        var database = new TestDatabase(DatabaseKind.Postgres, await cluster.CreateDatabaseAsync() + $";Password={DatabasePassword}");
        await using var app = new FunnelcraftApp(database, new Dictionary<string, string?>
        {
            ["Roles:Worker"] = "false",
            ["Writer:Provider"] = "OpenAI",
            ["Writer:OpenAI:Endpoint"] = "http://127.0.0.1:9/v1", // never called: no run starts
            ["Writer:OpenAI:Model"] = "gpt-4o-mini",
            ["Writer:OpenAI:ApiKey"] = WriterKey,
            ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
            [$"Logging:LogLevel:{StartupReport.Category}"] = "Information",
        }, services => services.AddSingleton<ILoggerProvider>(logs));
        _ = app.Server;

        var line = Assert.Single(logs.Lines, l => l.Category == StartupReport.Category && l.EventId == 900).Message;
        var target = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString);
        Assert.Contains("roles web;", line, StringComparison.Ordinal);
        Assert.Contains($"database Postgres ({target.Host}:{target.Port}/{target.Database})", line, StringComparison.Ordinal);
        Assert.Contains("writer OpenAI (openai:gpt-4o-mini)", line, StringComparison.Ordinal);
        Assert.Contains("key ring in database, unencrypted (shared by every node)", line, StringComparison.Ordinal);
        Assert.Contains("forwarded headers trusted from 10.0.0.0/8", line, StringComparison.Ordinal);
        Assert.All(logs.Lines, l => Assert.DoesNotContain(DatabasePassword, l.Message, StringComparison.Ordinal));
        Assert.All(logs.Lines, l => Assert.DoesNotContain(WriterKey, l.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_on_SQLite_says_its_key_ring_serves_it_alone()
    {
        var logs = new Logs();
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster, new Dictionary<string, string?>
        {
            [$"Logging:LogLevel:{StartupReport.Category}"] = "Information",
        }, services => services.AddSingleton<ILoggerProvider>(logs));

        var line = Assert.Single(logs.Lines, l => l.Category == StartupReport.Category && l.EventId == 900).Message;
        Assert.Contains("roles web+worker;", line, StringComparison.Ordinal);
        Assert.Contains("database Sqlite (", line, StringComparison.Ordinal);
        Assert.Contains("writer Offline (offline:offline-templates)", line, StringComparison.Ordinal);
        Assert.Contains("key ring in database, unencrypted (this node only)", line, StringComparison.Ordinal);
        Assert.Contains("forwarded headers trusted from none", line, StringComparison.Ordinal);
    }

    private sealed class Logs : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, int EventId, string Message)> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Logs logs, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Lines.Enqueue((category, eventId.Id, formatter(state, exception) + exception));
        }
    }
}
