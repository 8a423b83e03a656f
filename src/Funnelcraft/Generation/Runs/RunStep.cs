namespace Funnelcraft.Generation.Runs;

/// <summary>The state of one step inside a run.</summary>
public sealed class RunStep
{
    public Guid RunId { get; set; }
    public int Step { get; set; }

    /// <summary>One of <see cref="StepStatus"/>.</summary>
    public required string Status { get; set; }

    public int Attempt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Error { get; set; }
    public string? Detail { get; set; }
    public int Percent { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }

    /// <summary>Content version this step wrote, when it wrote one.</summary>
    public int? ContentVersion { get; set; }

    /// <summary>What the user asked of this step when regenerating it ("shorter"): it goes into the step's prompt and onto the version it writes.</summary>
    public string? Instruction { get; set; }
}
