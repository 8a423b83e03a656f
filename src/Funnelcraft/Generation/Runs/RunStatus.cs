namespace Funnelcraft.Generation.Runs;

/// <summary>The values of a run's <see cref="GenerationRun.Status"/>, as stored and shown (<c>runStatus</c>).</summary>
public static class RunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string CompletedWithErrors = "completed_with_errors";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>The statuses of an active run: at most one per project. The one source of the rule, in C#, LINQ and SQL.</summary>
    public static IReadOnlyList<string> Active { get; } = [Queued, Running];

    public static bool IsActive(string status) => Active.Contains(status);

    /// <summary>The same rule as SQL: the filter of the unique partial index that allows one active run per project.</summary>
    public static string ActiveFilterSql { get; } = $"status IN ({string.Join(", ", Active.Select(s => $"'{s}'"))})";
}
