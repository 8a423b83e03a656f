using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation.Api;

/// <summary>The body of <c>POST /api/generate/cancel</c>.</summary>
public sealed record CancelRequest([property: Required] Guid? ProjectId);
