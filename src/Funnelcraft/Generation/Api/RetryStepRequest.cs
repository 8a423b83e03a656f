using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation.Api;

/// <summary>The body of <c>POST /api/generate/retry-step</c>.</summary>
public sealed record RetryStepRequest([property: Required] Guid? ProjectId, [property: Required] int? Step);
