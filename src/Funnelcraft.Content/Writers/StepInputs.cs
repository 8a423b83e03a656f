using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers;

/// <summary>What a step is written from: the intake(s), the content of the steps it needs, and the user's instruction.</summary>
/// <param name="Intake">What the business told us.</param>
/// <param name="Offer">The offer's content, for the steps that use it.</param>
/// <param name="Deck">The deck's content, for the steps that use it.</param>
/// <param name="Instruction">
/// What the user asked of this version of the step ("shorter, more playful", "mention the guarantee first"), at most
/// <see cref="MaxInstructionLength"/> characters; null (or blank) when there is none. It goes into the step's prompt
/// as the user's request.
/// </param>
public sealed record StepInputs(IntakeBrief Intake, OfferContent? Offer, DeckContent? Deck, string? Instruction = null)
{
    /// <summary>The longest instruction a user may give a step.</summary>
    public const int MaxInstructionLength = 1000;

    /// <summary>The instruction trimmed, or null when there is none.</summary>
    public string? UserRequest => string.IsNullOrWhiteSpace(Instruction) ? null : Instruction.Trim();
}
