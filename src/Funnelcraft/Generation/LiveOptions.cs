using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation;

public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How often an idle SSE stream sends a <c>:</c> comment so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Event streams one user may have open on a node; opening one more closes their oldest.</summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerUser { get; set; } = 20;

    /// <summary>A stream whose write cannot go out for this long (the client is a full buffer behind) is dropped; the client reconnects.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan SlowReaderTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
