using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;
using Funnelcraft.Operations;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Funnelcraft.Tests.Operations;

public sealed class OperationsTests(PostgresCluster cluster)
{
    [Fact]
    public async Task The_OpenAPI_document_lists_every_route_and_the_status_schema()
    {
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster);
        using var http = app.CreateClient();

        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        foreach (var route in new[]
                 {
                     "/api/generate/auto-generate-all", "/api/generate/generation-status", "/api/generate/generation-events",
                     "/api/generate/cancel", "/api/generate/retry-step", "/api/generate/retry-failed", "/api/generate/regenerate-step", "/api/projects", "/api/projects/{projectId}",
                     "/api/projects/{projectId}/intakes", "/api/projects/{projectId}/steps/{step}",
                     "/api/projects/{projectId}/steps/{step}/versions", "/api/projects/{projectId}/steps/{step}/versions/{version}/restore",
                     "/api/auth/login", "/api/auth/register",
                 })
        {
            Assert.True(paths.TryGetProperty(route, out _), $"{route} is missing from the OpenAPI document");
        }

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("GenerationStatus", out var status));
        Assert.True(status.GetProperty("properties").TryGetProperty("estimatedCompletionAt", out _));
        Assert.True(schemas.TryGetProperty("ProblemDetails", out _) || schemas.TryGetProperty("HttpValidationProblemDetails", out _));
    }

    [Fact]
    public async Task Health_is_live_and_ready_and_reports_unhealthy_when_the_database_is_gone()
    {
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Postgres, cluster);
        using var http = app.CreateClient();
        await app.Services.GetRequiredService<PostgresChangeListener>().Listening.WaitAsync(TimeSpan.FromSeconds(30)); // it listens soon after start

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
        var ready = await http.GetAsync("/health/ready");
        var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("worker").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("listen").GetProperty("status").GetString());

        var database = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString).Database;
        await using (var admin = new NpgsqlConnection(cluster.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var down = await http.GetAsync("/health/ready");
        var downBody = await down.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("Unhealthy", downBody.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_eleventh_start_in_a_minute_is_429_with_Retry_After()
    {
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster, new Dictionary<string, string?> { ["RateLimits:GenerationPerMinute"] = "10" });
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            statuses.Add((await api.StartAsync(projectId)).StatusCode);
        }

        var eleventh = await api.StartAsync(projectId);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        var problem = await ProblemAssert.IsProblemAsync(eleventh, HttpStatusCode.TooManyRequests);
        Assert.Contains("try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(eleventh.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // Another user has their own allowance.
        using var other = await app.Client().SignUpAsync();
        var theirs = await other.ProjectWithIntakeAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await other.StartAsync(theirs)).StatusCode);
    }

    [Fact]
    public async Task Security_headers_are_on_pages_and_api_responses()
    {
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster);
        using var http = app.CreateClient();

        var page = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        foreach (var response in new[] { page, await http.GetAsync("/api/projects"), await http.GetAsync("/health/live") })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
        }
    }

    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            yield return point;
        }
    }
}

/// <summary>
/// Telemetry sources are process-wide, so this test runs alone: no other app in the test process may
/// add spans or measurements while it counts them.
/// </summary>
[Collection(nameof(TelemetryTests))]
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryTests(PostgresCluster cluster)
{
    [Fact]
    public async Task A_run_produces_its_spans_and_metrics()
    {
        var spans = new List<Activity>();
        var metrics = new List<Metric>();
        await using var app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster, services: services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans)); // as with an exporter configured
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        });
        using var api = await app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();

        var done = await api.GenerateAsync(projectId);
        app.Services.GetRequiredService<TracerProvider>().ForceFlush();
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();

        List<Activity> generation;
        lock (spans)
        {
            generation = [.. spans.Where(a => a.Source.Name == GenerationTelemetry.Name)];
        }

        var run = Assert.Single(generation, a => a.OperationName == "generation.run" && Equals(a.GetTagItem("funnelcraft.run.id"), done.RunId));
        Assert.Equal(done.RunId, run.GetTagItem("funnelcraft.run.id"));
        Assert.Equal("completed", run.GetTagItem("funnelcraft.run.outcome"));
        var steps = generation.Where(a => a.OperationName == "generation.step" && a.TraceId == run.TraceId).ToList();
        Assert.Equal(7, steps.Count);
        Assert.Equal(["deck-structure", "enrollment", "followup", "marketing-profile", "offer", "registration", "watch"],
            steps.Select(s => (string)s.GetTagItem("funnelcraft.step")!).Order());

        long Sum(string name) => metrics.Where(m => m.Name == name).SelectMany(Points).Sum(p => p.GetSumLong());
        Assert.Equal(1, Sum("funnelcraft.runs.started"));
        Assert.Equal(1, Sum("funnelcraft.runs.finished"));
        Assert.True(Sum("funnelcraft.writer.tokens") > 0);
        var durations = metrics.Where(m => m.Name == "funnelcraft.step.duration").SelectMany(Points).Sum(p => p.GetHistogramCount());
        Assert.Equal(7, durations);
    }

    private static IEnumerable<MetricPoint> Points(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            yield return point;
        }
    }
}
