using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Api;

/// <summary>A command's verdict and the status to answer with (the status it published, or the current one).</summary>
public sealed record CommandResult<TVerdict>(TVerdict Verdict, GenerationStatus? Status);
