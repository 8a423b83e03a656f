namespace Funnelcraft.Steps.Watch;

/// <summary>Step 8: the page where registrants watch the webinar.</summary>
public sealed record WatchContent : IStepContent
{
    public required string Headline { get; init; }
    public required string Subheadline { get; init; }
    [LongText] public required string WatchPrompt { get; init; }
    public required string CtaText { get; init; }
    public required string CtaSubtext { get; init; }
    public required IReadOnlyList<string> KeyTakeaways { get; init; }

    public IEnumerable<ContentError> Validate() =>
        Check.Required(Headline, "headline")
            .Concat(Check.Required(Subheadline, "subheadline"))
            .Concat(Check.Required(WatchPrompt, "watchPrompt"))
            .Concat(Check.Required(CtaText, "ctaText"))
            .Concat(Check.Required(CtaSubtext, "ctaSubtext"))
            .Concat(Check.Count(KeyTakeaways, "keyTakeaways", 3, 7))
            .Concat(Check.AllRequired(KeyTakeaways, "keyTakeaways"))
            .Concat(ContentText.Check(this));
}
