namespace Funnelcraft.Steps.MarketingProfile;

/// <summary>Step 0: the brand voice and the facts every later piece of copy should know.</summary>
public sealed record MarketingProfileContent : IStepContent
{
    /// <summary>The most words to use (or to avoid) a profile lists.</summary>
    public const int MaxWords = 20;

    /// <summary>The most key features the product knowledge lists.</summary>
    public const int MaxKeyFeatures = 10;

    [LongText] public required string BrandVoice { get; init; }
    public required ToneSettings ToneSettings { get; init; }
    public required BusinessContext BusinessContext { get; init; }
    public required ProductKnowledge ProductKnowledge { get; init; }

    public IEnumerable<ContentError> Validate()
    {
        var words = Check.Words(BrandVoice);
        if (words is < 300 or > 500)
        {
            yield return new("brandVoice", $"brandVoice must be 300–500 words (got {words})");
        }

        foreach (var error in Check.Required(ToneSettings?.PrimaryTone, "toneSettings.primaryTone")
                     .Concat(Check.Count(ToneSettings?.WordsToUse, "toneSettings.wordsToUse", 0, MaxWords))
                     .Concat(Check.AllRequired(ToneSettings?.WordsToUse, "toneSettings.wordsToUse"))
                     .Concat(Check.Count(ToneSettings?.WordsToAvoid, "toneSettings.wordsToAvoid", 0, MaxWords))
                     .Concat(Check.AllRequired(ToneSettings?.WordsToAvoid, "toneSettings.wordsToAvoid"))
                     .Concat(Check.Required(BusinessContext?.BusinessName, "businessContext.businessName"))
                     .Concat(Check.Required(ProductKnowledge?.OfferName, "productKnowledge.offerName"))
                     .Concat(Check.Count(ProductKnowledge?.KeyFeatures, "productKnowledge.keyFeatures", 0, MaxKeyFeatures))
                     .Concat(Check.AllRequired(ProductKnowledge?.KeyFeatures, "productKnowledge.keyFeatures"))
                     .Concat(ContentText.Check(this)))
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
    [property: LongText] string TargetAudience,
    [property: LongText] string MainProblem,
    [property: LongText] string DesiredOutcome,
    [property: LongText] string UniqueMechanism);

public sealed record ProductKnowledge(
    string OfferName,
    decimal Price,
    string Currency,
    [property: LongText] string Promise,
    IReadOnlyList<string> KeyFeatures,
    [property: LongText] string Guarantee,
    string Pathway);
