namespace Funnelcraft.Generation.Runs;

/// <summary>
/// One run of a project's steps (a click of "Generate / Regenerate All Content", or a retry that reopens it), with the
/// state of each step in <see cref="Steps"/>. Which steps a run writes is in its steps: a step it does not write is
/// completed from the start (its detail says why, see <see cref="RunPlan"/>).
/// </summary>
public sealed class GenerationRun
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }

    /// <summary>One of <see cref="RunStatus"/>.</summary>
    public required string Status { get; set; }

    public Guid? IntakeId { get; set; }
    public bool Regenerate { get; set; }
    public string? IdempotencyKey { get; set; }
    public required string WriterModel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The claim of the worker executing the run (<c>worker#claim</c>); a concurrency token, so a worker that lost it cannot write.</summary>
    public string? LeaseOwner { get; set; }

    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset? EstimatedCompletionAt { get; set; }
    public List<RunStep> Steps { get; set; } = [];

    public RunStep Step(int number) => Steps.Single(s => s.Step == number);
}
