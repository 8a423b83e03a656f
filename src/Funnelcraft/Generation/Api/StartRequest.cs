using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation.Api;

/// <summary>The body of <c>POST /api/generate/auto-generate-all</c>.</summary>
public sealed record StartRequest([property: Required] Guid? ProjectId, Guid? IntakeId, bool? Regenerate);
