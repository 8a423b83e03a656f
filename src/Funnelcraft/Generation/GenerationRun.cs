namespace Funnelcraft.Generation;

/// <summary>One click of "Generate / Regenerate All Content" for one project.</summary>
public sealed class GenerationRun
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public required string Status { get; set; }
    public Guid? IntakeId { get; set; }
    public bool Regenerate { get; set; }
    public string? IdempotencyKey { get; set; }
    public required string WriterModel { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public DateTimeOffset? EstimatedCompletionAt { get; set; }
    public List<RunStep> Steps { get; set; } = [];
}

/// <summary>Run statuses as stored and shown (<c>runStatus</c>).</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static bool IsActive(string status) => status is Queued or Running;

    /// <summary>SQL filter of the unique partial index: at most one active run per project.</summary>
    public const string ActiveFilterSql = "status IN ('queued', 'running')";
}
