using System.ComponentModel.DataAnnotations;

namespace Funnelcraft.Generation.Api;

/// <summary>The body of <c>POST /api/generate/auto-generate-all</c>.</summary>
/// <param name="OverwriteEdits">With <paramref name="Regenerate"/>: rewrite the steps whose current version is the user's edit too (kept by default).</param>
public sealed record StartRequest([property: Required] Guid? ProjectId, Guid? IntakeId, bool? Regenerate, bool? OverwriteEdits = null);
