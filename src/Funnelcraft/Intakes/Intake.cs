namespace Funnelcraft.Intakes;

/// <summary>What the business told us, by form or as a call transcript.</summary>
public sealed class Intake
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public required string Method { get; set; }
    public string? SessionName { get; set; }
    public string? BusinessName { get; set; }
    public string? Industry { get; set; }
    public string? TargetAudience { get; set; }
    public string? MainProblem { get; set; }
    public string? CurrentSolution { get; set; }
    public string? DesiredOutcome { get; set; }
    public string? PricePoint { get; set; }
    public string? Timeline { get; set; }
    public string? TranscriptText { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
