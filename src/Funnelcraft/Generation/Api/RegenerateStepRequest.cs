using System.ComponentModel.DataAnnotations;
using Funnelcraft.Web;

namespace Funnelcraft.Generation.Api;

/// <summary>The body of <c>POST /api/generate/regenerate-step</c>: one step written again, with the user's instruction, as a run.</summary>
/// <param name="Step">The step's number.</param>
/// <param name="Instruction">What the user asks of the new version ("shorter, more playful"); it goes into the step's prompt.</param>
/// <param name="WithDependents">Also write the steps that are written from this one (the deck's pages, say).</param>
/// <param name="OverwriteEdits">With <paramref name="WithDependents"/>: rewrite a dependent whose current version is the user's edit too.</param>
public sealed record RegenerateStepRequest(
    [property: Required] Guid? ProjectId,
    [property: Required] int? Step,
    [property: StringLength(InputLimits.Instruction, ErrorMessage = "The instruction must be at most 1,000 characters.")]
    [property: PlainText(Multiline = true)]
    string? Instruction,
    bool? WithDependents,
    bool? OverwriteEdits);
