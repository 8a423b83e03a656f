using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;

namespace Funnelcraft.Tests.Exports;

/// <summary>Content for the export tests, with text that would be live markup, script or structure if any format let it through.</summary>
public static class ExportSamples
{
    /// <summary>Markup, script, quotes, commas, newlines, an ampersand entity, and right-to-left text.</summary>
    public const string Hostile =
        "<script>alert(\"x\")</script> <b onmouseover='steal()'>bold</b> &amp; \"quoted\", 'single', a, b; c\n" +
        "second line with </p></div><img src=x onerror=alert(1)> and a [link](javascript:alert(1))\n" +
        "שלום עולם, \"ציטוט\" — مرحبا بالعالم";

    public static string Variant(string field) => $"{field}: {Hostile}";

    public static DeckContent Deck(int slides = 60, Func<int, string>? title = null, Func<int, string>? description = null) => new()
    {
        Title = "Move Without Pain: the 8-week reset for desk workers",
        Slides = [.. Enumerable.Range(1, slides).Select(n => new Slide(
            n,
            title?.Invoke(n) ?? $"Slide {n}: why sitting all day hurts your back",
            description?.Invoke(n) ?? $"Talk through point {n}: what the audience feels, why it happens, and the one change that helps most this week.",
            DeckContent.Sections[Math.Min((n - 1) * DeckContent.Sections.Count / slides, DeckContent.Sections.Count - 1)]))],
    };

    public static DeckContent HostileDeck() => Deck(6, n => Variant($"title {n}"), n => Variant($"description {n}"));

    public static OfferContent Offer(string? text = null) => new()
    {
        Name = text ?? "Move Without Pain",
        Tagline = text ?? "Eight weeks to a back that lets you work",
        Description = text ?? "A coached programme for desk workers.",
        Price = 497,
        Currency = "USD",
        Promise = text ?? "Sit, stand and sleep without pain.",
        Person = text ?? "Desk workers with back pain.",
        Process = text ?? "Assess, reset, strengthen, keep.",
        Purpose = text ?? "Work without pain.",
        Pathway = "direct_purchase",
        Features = [new(text ?? "Weekly sessions", text ?? "Live, 45 minutes"), new("Daily plan", "Ten minutes a day"), new("Desk check", "Your setup reviewed")],
        Bonuses = [new(text ?? "Sleep guide", text ?? "Positions that help", 49), new("Stretch cards", "Printable", 19), new("Community", "Peer support", 99)],
        Guarantee = text ?? "Thirty days, money back.",
    };

    public static EnrollmentContent Enrollment(string? text = null) => new()
    {
        Headline = text ?? "Work without back pain in 8 weeks",
        Subheadline = text ?? "The reset for people who sit all day",
        Opening = text ?? "You know the feeling.",
        ProblemSection = new(text ?? "The problem", text ?? "Sitting compresses your spine."),
        SolutionSection = new(text ?? "The way out", text ?? "Small daily resets."),
        FeaturesHeading = text ?? "What you get",
        CtaText = text ?? "Join now",
        UrgencyText = text ?? "Doors close Friday",
    };

    public static WatchContent Watch(string? text = null) => new()
    {
        Headline = text ?? "Your training is ready",
        Subheadline = text ?? "Watch it before it comes down",
        WatchPrompt = text ?? "Press play",
        CtaText = text ?? "Book your spot",
        CtaSubtext = text ?? "Places are limited",
        KeyTakeaways = [text ?? "Why it hurts", "The daily reset", "What to do next"],
    };

    public static RegistrationContent Registration(string? text = null) => new()
    {
        Headline = text ?? "Free training: fix your desk back",
        Subheadline = text ?? "Live on Thursday",
        BulletPoints = [text ?? "One", "Two", "Three", "Four", "Five"],
        CtaText = text ?? "Save my seat",
        TrustStatement = text ?? "No spam, ever.",
    };

    public static FollowupContent Followup(string? text = null) => new()
    {
        SequenceName = text ?? "After the webinar",
        SequenceDescription = text ?? "Five e-mails by segment.",
        Messages = [.. FollowupContent.Segments.Select((segment, i) => new FollowupMessage(
            i == 0 && text is not null ? text : $"Message {i + 1}",
            i + 1,
            "email",
            i * 24,
            i == 0 && text is not null ? text : $"Subject {i + 1}",
            i == 0 && text is not null ? text + "\n\nשלום, זו פסקה שנייה." : $"Hello,\n\nbody {i + 1}.\n\nBest",
            segment))],
    };

    public static MarketingProfileContent Profile(string? text = null) => new()
    {
        BrandVoice = text ?? string.Join(' ', Enumerable.Repeat("Warm, plain and direct.", 100)),
        ToneSettings = new(text ?? "Warm", "Casual", "Calm", [text ?? "move", "ease"], ["hustle"]),
        BusinessContext = new(text ?? "Harbor Lane Yoga", "Health", text ?? "Desk workers", "Back pain", "Move without pain", "The reset"),
        ProductKnowledge = new(text ?? "Move Without Pain", 497, "USD", text ?? "Sit without pain", ["Sessions", "Plan"], "30 days", "direct_purchase"),
    };
}
