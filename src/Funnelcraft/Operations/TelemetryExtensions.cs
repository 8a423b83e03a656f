using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Funnelcraft.Operations;

public static class TelemetryExtensions
{
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName);
        builder.Services.AddSingleton<GenerationTelemetry>();
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = options.OtlpEndpoint ?? (Uri.TryCreate(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var env) ? env : null);

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("funnelcraft"))
            .WithTracing(t => t
                // Spans with nowhere to go cost every request and every database command (about a sixth of a run's CPU):
                // they are recorded only when an exporter is configured.
                .SetSampler(otlp is null ? new AlwaysOffSampler() : new ParentBasedSampler(new AlwaysOnSampler()))
                .AddSource(GenerationTelemetry.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation()
                .AddNpgsql())
            .WithMetrics(m =>
            {
                m.AddMeter(GenerationTelemetry.Name)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.PrometheusEnabled)
                {
                    m.AddPrometheusExporter();
                }
            });
        if (otlp is not null)
        {
            telemetry.UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, otlp);
        }

        return builder;
    }

    public static IEndpointRouteBuilder MapTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>($"{TelemetryOptions.SectionName}:{nameof(TelemetryOptions.PrometheusEnabled)}"))
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }
}
