namespace Funnelcraft.Steps.Enrollment;

/// <summary>Step 5: the enrollment (sales) page copy, built from the offer and the deck.</summary>
public sealed record EnrollmentContent : IStepContent
{
    public required string Headline { get; init; }
    public required string Subheadline { get; init; }
    [LongText] public required string Opening { get; init; }
    public required PageSection ProblemSection { get; init; }
    public required PageSection SolutionSection { get; init; }
    public required string FeaturesHeading { get; init; }
    public required string CtaText { get; init; }
    [LongText] public required string UrgencyText { get; init; }

    public IEnumerable<ContentError> Validate() =>
        Check.Required(Headline, "headline")
            .Concat(Check.Required(Subheadline, "subheadline"))
            .Concat(Check.Required(Opening, "opening"))
            .Concat(Check.Required(ProblemSection?.Heading, "problemSection.heading"))
            .Concat(Check.Required(ProblemSection?.Content, "problemSection.content"))
            .Concat(Check.Required(SolutionSection?.Heading, "solutionSection.heading"))
            .Concat(Check.Required(SolutionSection?.Content, "solutionSection.content"))
            .Concat(Check.Required(FeaturesHeading, "featuresHeading"))
            .Concat(Check.Required(CtaText, "ctaText"))
            .Concat(Check.Required(UrgencyText, "urgencyText"))
            .Concat(ContentText.Check(this));
}

public sealed record PageSection(string Heading, [property: LongText] string Content);
