namespace Funnelcraft.Operations;

public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>OTLP endpoint for traces and metrics (e.g. http://collector:4317); also taken from OTEL_EXPORTER_OTLP_ENDPOINT. Empty: no export.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serve a Prometheus scrape endpoint at <c>/metrics</c>.</summary>
    public bool PrometheusEnabled { get; set; }
}
