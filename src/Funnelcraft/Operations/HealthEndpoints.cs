using System.Data.Common;
using System.Text.Json;
using Funnelcraft.Data;
using Funnelcraft.Generation;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Operations;

/// <summary>
/// <c>/health/live</c>: the process answers. <c>/health/ready</c>: the database answers and takes writes, the worker's
/// heartbeat and (on PostgreSQL) the listen connection.
/// </summary>
public static class HealthEndpoints
{
    private const string Ready = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var checks = services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", HealthStatus.Unhealthy, [Ready])
            .AddCheck<WritableHealthCheck>("writable", HealthStatus.Unhealthy, [Ready]);
        if (configuration.GetValue($"{RolesOptions.SectionName}:Worker", true))
        {
            checks.AddCheck<WorkerHealthCheck>("worker", HealthStatus.Unhealthy, [Ready]);
        }

        if (string.Equals(configuration[$"{DatabaseOptions.SectionName}:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase))
        {
            checks.AddCheck<ListenHealthCheck>("listen", HealthStatus.Degraded, [Ready]);
        }

        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, JsonSerializerOptions.Web));
    }

    /// <summary>
    /// A write that changes nothing: SQLite must take its write lock for it (a read-only or immutable file refuses it),
    /// PostgreSQL must run a write statement (a read-only database or a standby refuses it).
    /// </summary>
    private sealed class WritableHealthCheck(IDbContextFactory<AppDbContext> contexts, SqliteWriteGate gate) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var _ = await gate.EnterAsync(cancellationToken);
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                db.Database.SetCommandTimeout(TimeSpan.FromSeconds(5));
                await db.Database.ExecuteSqlRawAsync("UPDATE data_protection_keys SET friendly_name = friendly_name WHERE 1 = 0", cancellationToken);
                return HealthCheckResult.Healthy("The database takes writes.");
            }
            catch (Exception e) when (e is DbException || DbErrors.IsUnavailable(e) || e.InnerException is DbException)
            {
                return HealthCheckResult.Unhealthy($"The database cannot be written: {e.Message}");
            }
        }
    }

    private sealed class WorkerHealthCheck(WorkerHeartbeat heartbeat, TimeProvider time, IOptions<GenerationOptions> options) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var age = time.GetUtcNow() - heartbeat.Last;
            var limit = options.Value.PollInterval * 3 + TimeSpan.FromSeconds(30);
            return Task.FromResult(age <= limit
                ? HealthCheckResult.Healthy($"Worker loop ran {age.TotalSeconds:0.0} s ago.")
                : HealthCheckResult.Unhealthy($"Worker loop has not run for {age.TotalSeconds:0} s."));
        }
    }

    private sealed class ListenHealthCheck(PostgresChangeListener listener) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(listener.Connected
                ? HealthCheckResult.Healthy("Listening for other nodes' changes.")
                : HealthCheckResult.Degraded("Not listening: status reads go to the database until the connection is back."));
    }
}
