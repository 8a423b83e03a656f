namespace Funnelcraft.Steps.Registration;

/// <summary>Step 9: the webinar registration page.</summary>
public sealed record RegistrationContent : IStepContent
{
    public required string Headline { get; init; }
    public required string Subheadline { get; init; }
    public required IReadOnlyList<string> BulletPoints { get; init; }
    public required string CtaText { get; init; }
    [LongText] public required string TrustStatement { get; init; }

    public const int BulletCount = 5;

    public IEnumerable<ContentError> Validate() =>
        Check.Required(Headline, "headline")
            .Concat(Check.Required(Subheadline, "subheadline"))
            .Concat(Check.Count(BulletPoints, "bulletPoints", BulletCount, BulletCount))
            .Concat(Check.AllRequired(BulletPoints, "bulletPoints"))
            .Concat(Check.Required(CtaText, "ctaText"))
            .Concat(Check.Required(TrustStatement, "trustStatement"))
            .Concat(ContentText.Check(this));
}
