using System.Text.Encodings.Web;
using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;
using Funnelcraft.Writers;
using Funnelcraft.Writers.Offline;

namespace Funnelcraft.Tests.Writers;

/// <summary>
/// Every step written by the offline engine the way a generation run does: offer and deck first (the deck's outline,
/// then its parts, here in reverse order: they are independent), then the steps that need them.
/// </summary>
internal sealed record OfflineRun(
    OfferContent Offer,
    DeckOutline Outline,
    IReadOnlyList<DeckPartContent> Parts,
    DeckContent Deck,
    EnrollmentContent Enrollment,
    WatchContent Watch,
    RegistrationContent Registration,
    FollowupContent Followup,
    MarketingProfileContent Profile)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string> StepKeys { get; } = [.. StepCatalog.All.Select(s => s.Key)];

    public static OfflineRun Write(IntakeFacts facts, int totalSlides = StepCatalog.DeckSlides) => Write(new IntakeBrief([facts]), totalSlides);

    public static OfflineRun Write(IntakeBrief brief, int totalSlides = StepCatalog.DeckSlides)
    {
        var offer = (OfferContent)OfflineContent.Write("offer", brief, null, null, null);
        var outline = (DeckOutline)OfflineContent.Write("deck-outline", brief, null, null, new DeckBlocks(DeckWriter.Plan(totalSlides), null, null));
        var parts = outline.Parts.Select((p, i) => new DeckPartRequest(i + 1, outline.Parts.Count, p.FirstSlide, p.LastSlide, totalSlides, "", p.Brief))
            .Reverse()
            .Select(request => (DeckPartContent)OfflineContent.Write("deck-structure", brief, null, null, new DeckBlocks(null, outline, request)))
            .Reverse()
            .ToList();
        var deck = new DeckContent { Title = outline.Title, Slides = [.. parts.SelectMany(p => p.InRange())] };
        return new OfflineRun(
            offer,
            outline,
            parts,
            deck,
            (EnrollmentContent)OfflineContent.Write("enrollment", brief, offer, deck, null),
            (WatchContent)OfflineContent.Write("watch", brief, null, deck, null),
            (RegistrationContent)OfflineContent.Write("registration", brief, offer, deck, null),
            (FollowupContent)OfflineContent.Write("followup", brief, offer, null, null),
            (MarketingProfileContent)OfflineContent.Write("marketing-profile", brief, offer, null, null));
    }

    public IStepContent Step(string key) => key switch
    {
        "offer" => Offer,
        "deck-structure" => Deck,
        "enrollment" => Enrollment,
        "watch" => Watch,
        "registration" => Registration,
        "followup" => Followup,
        "marketing-profile" => Profile,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };

    /// <summary>The step's content as the app stores it (camelCase JSON), without escaping, so plain text can be searched.</summary>
    public string JsonOf(string key) => Serialize(Step(key));

    public static string Serialize(IStepContent content) => JsonSerializer.Serialize(content, content.GetType(), JsonOptions);
}
