namespace Funnelcraft.Steps.MarketingProfile;

/// <summary>Step 0: the brand voice and the facts every later piece of copy should know.</summary>
public sealed record MarketingProfileContent : IStepContent
{
    public required string BrandVoice { get; init; }
    public required ToneSettings ToneSettings { get; init; }
    public required BusinessContext BusinessContext { get; init; }
    public required ProductKnowledge ProductKnowledge { get; init; }

    public IEnumerable<string> Validate()
    {
        var words = Check.Words(BrandVoice);
        if (words is < 300 or > 500)
        {
            yield return $"brandVoice must be 300–500 words (got {words})";
        }

        foreach (var error in Check.Required(ToneSettings?.PrimaryTone, "toneSettings.primaryTone")
                     .Concat(Check.Required(BusinessContext?.BusinessName, "businessContext.businessName"))
                     .Concat(Check.Required(ProductKnowledge?.OfferName, "productKnowledge.offerName")))
        {
            yield return error;
        }
    }
}

public sealed record ToneSettings(
    string PrimaryTone,
    string Formality,
    string Energy,
    IReadOnlyList<string> WordsToUse,
    IReadOnlyList<string> WordsToAvoid);

public sealed record BusinessContext(
    string BusinessName,
    string Industry,
    string TargetAudience,
    string MainProblem,
    string DesiredOutcome,
    string UniqueMechanism);

public sealed record ProductKnowledge(
    string OfferName,
    decimal Price,
    string Currency,
    string Promise,
    IReadOnlyList<string> KeyFeatures,
    string Guarantee,
    string Pathway);
