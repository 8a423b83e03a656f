using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Operations;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Run starts and step retries per user per minute.</summary>
    [Range(1, 1_000_000)]
    public int GenerationPerMinute { get; set; } = 10;

    /// <summary>Changes to a step's content per user per minute: restores of an earlier version (and edits).</summary>
    [Range(1, 1_000_000)]
    public int ContentChangesPerMinute { get; set; } = 30;

    /// <summary>Login and registration attempts per client address per minute.</summary>
    [Range(1, 1_000_000)]
    public int AuthPerMinute { get; set; } = 20;
}
