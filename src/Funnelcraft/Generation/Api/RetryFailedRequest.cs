using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation.Api;

/// <summary>The body of <c>POST /api/generate/retry-failed</c>.</summary>
public sealed record RetryFailedRequest([property: Required] Guid? ProjectId);
