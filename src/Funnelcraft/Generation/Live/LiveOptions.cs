using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation.Live;

public sealed class LiveOptions
{
    public const string SectionName = "Live";

    /// <summary>How often an idle SSE stream sends a <c>:</c> comment so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);
}
