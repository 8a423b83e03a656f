using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Web;

public sealed class RequestLimitsOptions
{
    public const string SectionName = "RequestLimits";

    /// <summary>Largest request body, in bytes, on every route but those that take a transcript.</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest request body, in bytes, of a route that takes a transcript (adding an intake, on the API and on step 1).</summary>
    [Range(16 * 1024, 64 * 1024 * 1024)]
    public long MaxTranscriptBodyBytes { get; set; } = 2 * 1024 * 1024;
}
