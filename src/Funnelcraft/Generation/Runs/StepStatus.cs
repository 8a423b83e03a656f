namespace Funnelcraft.Generation.Runs;

/// <summary>The values of a step's <see cref="RunStep.Status"/>, as stored and shown.</summary>
public static class StepStatus
{
    public const string Pending = "pending";
    public const string InProgress = "in_progress";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Skipped = "skipped";
    public const string Cancelled = "cancelled";

    public static bool IsFinished(string status) => status is Completed or Failed or Skipped or Cancelled;
}
