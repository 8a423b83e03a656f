using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// The template engine behind the Offline writer: believable, intake-specific content for every step, with no network
/// and no randomness beyond a seed taken from the intake, so the same intake always gives the same content.
/// Intake text is treated as data: it is placed into plain-text templates as written, never interpreted. A user's
/// instruction is honoured where templates can (a shorter or longer version) and otherwise noted (<see cref="UserRequest"/>).
/// </summary>
internal static class OfflineContent
{
    /// <summary>What one writer call asks for, written from its inputs.</summary>
    public static IStepContent Write(WriterRequest request) => Write(
        request.Key,
        request.Inputs.Intake,
        request.Inputs.Offer,
        request.Inputs.Deck,
        new DeckBlocks(request.DeckPlan, request.DeckOutline, request.DeckPart),
        request.Inputs.UserRequest);

    /// <param name="schemaName">The step key from <see cref="StepCatalog"/> ("offer", "deck-structure", …), or "deck-outline".</param>
    /// <param name="intake">What the business told us.</param>
    /// <param name="offer">The offer step's content when the step uses it; written from the intake when missing and needed.</param>
    /// <param name="deck">The deck step's content when the step uses it.</param>
    /// <param name="deckBlocks">For the deck's outline and parts: the plan, the outline and which part to write.</param>
    /// <param name="instruction">What the user asked of this version, if anything.</param>
    public static IStepContent Write(
        string schemaName, IntakeBrief intake, OfferContent? offer, DeckContent? deck, DeckBlocks? deckBlocks = null, string? instruction = null)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        ArgumentNullException.ThrowIfNull(intake);
        var facts = BusinessFacts.From(intake);
        IStepContent content = schemaName switch
        {
            "offer" => OfferWriter.Write(facts),
            "deck-outline" => DeckWriter.Outline(facts, offer ?? OfferWriter.Write(facts), deckBlocks?.Plan ?? DeckWriter.Plan(StepCatalog.DeckSlides)),
            "deck-structure" => DeckWriter.Part(
                facts,
                offer ?? OfferWriter.Write(facts),
                deckBlocks?.Outline,
                deckBlocks?.Part ?? new DeckPartRequest(1, StepCatalog.DeckParts, 1, StepCatalog.DeckPartSlides, StepCatalog.DeckSlides, "", "")),
            "enrollment" => PageWriters.Enrollment(facts, offer ?? OfferWriter.Write(facts), deck),
            "watch" => PageWriters.Watch(facts, deck, offer),
            "registration" => PageWriters.Registration(facts, deck, offer),
            "followup" => FollowupWriter.Write(facts, offer ?? OfferWriter.Write(facts), deck?.Title ?? DeckWriter.TitleFor(facts)),
            "marketing-profile" => MarketingProfileWriter.Write(facts, offer ?? OfferWriter.Write(facts), UserRequest.Read(instruction)?.Length ?? LengthWish.Same),
            _ => throw new ArgumentOutOfRangeException(nameof(schemaName), schemaName, "Unknown step key."),
        };
        return UserRequest.Read(instruction) is { } request ? request.ApplyTo(content) : content;
    }
}

/// <summary>The deck's inputs for its outline and parts: the plan (outline call), the outline and the part (part call).</summary>
internal sealed record DeckBlocks(DeckPlan? Plan, DeckOutline? Outline, DeckPartRequest? Part);
