using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
namespace Funnelcraft.Writers.Offline;
internal static class OfflineContent
{
    public static IStepContent Write(string schemaName, IntakeBrief intake, OfferContent? offer, DeckContent? deck, DeckChunkRequest? chunk) => throw new NotSupportedException();
}
