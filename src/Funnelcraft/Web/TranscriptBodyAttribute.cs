namespace Funnelcraft.Web;

/// <summary>
/// Marks a route (or a page) that takes a transcript: its body may be up to
/// <see cref="RequestLimitsOptions.MaxTranscriptBodyBytes"/> instead of <see cref="RequestLimitsOptions.MaxBodyBytes"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class TranscriptBodyAttribute : Attribute;
