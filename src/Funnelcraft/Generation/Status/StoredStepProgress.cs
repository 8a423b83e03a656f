namespace Funnelcraft.Generation.Status;

/// <summary>One step of the <see cref="StoredStatusDocument"/>'s <c>progress</c> array.</summary>
public sealed record StoredStepProgress(
    int Step,
    string StepName,
    string Status,
    string? Error,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int Attempt,
    string? Detail,
    int Percent);
