using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Funnelcraft.Operations;

/// <summary>
/// Traces (a span per run and per step) and metrics of generation: runs started and finished by outcome,
/// step durations by step and provider, active runs, open SSE streams, writer tokens.
/// </summary>
public sealed class GenerationTelemetry : IDisposable
{
    public const string Name = "Funnelcraft.Generation";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Histogram<double> _stepDuration;
    private readonly UpDownCounter<long> _activeRuns;
    private readonly UpDownCounter<long> _sseConnections;
    private readonly Counter<long> _tokens;

    public GenerationTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _runsStarted = _meter.CreateCounter<long>("funnelcraft.runs.started", "{run}", "Generation runs started (new runs and step retries).");
        _runsFinished = _meter.CreateCounter<long>("funnelcraft.runs.finished", "{run}", "Generation runs finished, by outcome.");
        _stepDuration = _meter.CreateHistogram<double>("funnelcraft.step.duration", "s", "Time to write a step, by step, provider and outcome.");
        _activeRuns = _meter.CreateUpDownCounter<long>("funnelcraft.runs.active", "{run}", "Runs this node is executing.");
        _sseConnections = _meter.CreateUpDownCounter<long>("funnelcraft.sse.connections", "{connection}", "Open generation-events streams on this node.");
        _tokens = _meter.CreateCounter<long>("funnelcraft.writer.tokens", "{token}", "Tokens used by the writer, by direction, step and provider.");
    }

    public void RunStarted(string kind) => _runsStarted.Add(1, new KeyValuePair<string, object?>("funnelcraft.run.kind", kind));

    public void RunFinished(string outcome) => _runsFinished.Add(1, new KeyValuePair<string, object?>("funnelcraft.run.outcome", outcome));

    public void ActiveRunsChanged(int delta) => _activeRuns.Add(delta);

    public void SseConnectionsChanged(int delta) => _sseConnections.Add(delta);

    public void StepFinished(string step, string provider, string outcome, TimeSpan duration, long inputTokens, long outputTokens)
    {
        var tags = new TagList
        {
            { "funnelcraft.step", step },
            { "funnelcraft.writer.provider", provider },
            { "funnelcraft.step.outcome", outcome },
        };
        _stepDuration.Record(duration.TotalSeconds, tags);
        if (inputTokens > 0)
        {
            _tokens.Add(inputTokens, new TagList { { "funnelcraft.token.direction", "input" }, { "funnelcraft.step", step }, { "funnelcraft.writer.provider", provider } });
        }

        if (outputTokens > 0)
        {
            _tokens.Add(outputTokens, new TagList { { "funnelcraft.token.direction", "output" }, { "funnelcraft.step", step }, { "funnelcraft.writer.provider", provider } });
        }
    }

    public void Dispose() => _meter.Dispose();
}
