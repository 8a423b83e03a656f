using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// The template engine behind the Offline writer: believable, intake-specific content for every step, with no network
/// and no randomness beyond a seed taken from the intake, so the same intake always gives the same content.
/// Intake text is treated as data: it is placed into plain-text templates as written, never interpreted.
/// </summary>
internal static class OfflineContent
{
    /// <param name="schemaName">The step key from <see cref="StepCatalog"/> ("offer", "deck-structure", …).</param>
    /// <param name="intake">What the business told us.</param>
    /// <param name="offer">The offer step's content when the step uses it; written from the intake when missing and needed.</param>
    /// <param name="deck">The deck step's content when the step uses it.</param>
    /// <param name="chunk">For "deck-structure": which slides to write.</param>
    public static IStepContent Write(string schemaName, IntakeBrief intake, OfferContent? offer, DeckContent? deck, DeckChunkRequest? chunk)
    {
        ArgumentNullException.ThrowIfNull(schemaName);
        ArgumentNullException.ThrowIfNull(intake);
        var facts = BusinessFacts.From(intake);
        return schemaName switch
        {
            "offer" => OfferWriter.Write(facts),
            "deck-structure" => DeckWriter.Write(
                facts,
                offer ?? OfferWriter.Write(facts),
                chunk ?? new DeckChunkRequest(1, StepCatalog.DeckChunk, StepCatalog.DeckSlides, [], null)),
            "enrollment" => PageWriters.Enrollment(facts, offer ?? OfferWriter.Write(facts), deck),
            "watch" => PageWriters.Watch(facts, deck, offer),
            "registration" => PageWriters.Registration(facts, deck, offer),
            "followup" => FollowupWriter.Write(facts, offer ?? OfferWriter.Write(facts), deck?.Title ?? DeckWriter.TitleFor(facts)),
            "marketing-profile" => MarketingProfileWriter.Write(facts, offer ?? OfferWriter.Write(facts)),
            _ => throw new ArgumentOutOfRangeException(nameof(schemaName), schemaName, "Unknown step key."),
        };
    }
}
