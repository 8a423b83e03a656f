namespace Funnelcraft.Generation.Runs;

/// <summary>How long a step kind took with a writer model; feeds the estimates.</summary>
public sealed class StepDuration
{
    public long Id { get; set; }
    public int Step { get; set; }
    public required string WriterModel { get; set; }
    public long DurationMs { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
}
