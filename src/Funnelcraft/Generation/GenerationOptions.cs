using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation;

public sealed class GenerationOptions
{
    public const string SectionName = "Generation";

    /// <summary>Steps of one run written at once.</summary>
    [Range(1, 7)]
    public int MaxParallelSteps { get; set; } = 3;

    /// <summary>How long a worker's claim on a run lasts without a heartbeat; a crashed worker's run is resumed after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Runs one worker node executes at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentRuns { get; set; } = 16;

    /// <summary>How often an idle worker looks for queued runs and expired leases (new runs on this node wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Writer attempts per step before the step fails (a deck attempt is its outline and six parts).</summary>
    [Range(1, 10)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>First retry delay; doubles each attempt (with jitter), unless the provider sent Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait between attempts, including a provider's Retry-After.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Hand a run's lease back on a graceful shutdown so another node resumes it at once.</summary>
    public bool ReleaseLeaseOnShutdown { get; set; } = true;
}
