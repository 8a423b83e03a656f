using System.Globalization;
using System.Text;
using Funnelcraft.Pages;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;

namespace Funnelcraft.Exports.Markdown;

/// <summary>A step's content as a Markdown document, for pasting into notes, documents and page builders. Every text goes through <see cref="MarkdownText"/>.</summary>
public static class StepMarkdown
{
    public static string Write(StepExport export) => export.Content switch
    {
        OfferContent offer => Offer(offer),
        DeckContent deck => Deck(deck),
        EnrollmentContent page => Enrollment(page, export.Offer),
        WatchContent page => Watch(page),
        RegistrationContent page => Registration(page),
        MarketingProfileContent profile => Profile(profile),
        _ => throw new ArgumentException($"{export.Step.Name} has no Markdown export.", nameof(export)),
    };

    private static string Offer(OfferContent offer)
    {
        var md = new Document();
        md.Heading(1, offer.Name).Paragraph(offer.Tagline);
        md.Raw($"**Price:** {MarkdownText.Inline(Humanize.Money(offer.Price, offer.Currency))} · {(offer.Pathway == "book_call" ? "book a call" : "buy directly")}");
        md.Paragraph(offer.Description);
        foreach (var (label, text) in new[] { ("Promise", offer.Promise), ("Person", offer.Person), ("Process", offer.Process), ("Purpose", offer.Purpose) })
        {
            md.Heading(2, label).Paragraph(text);
        }

        md.Heading(2, "Features");
        md.List(offer.Features.Select(f => (f.Title, (string?)f.Description)));
        md.Heading(2, "Bonuses");
        md.List(offer.Bonuses.Select(b => ($"{b.Title} ({Humanize.Money(b.Value, offer.Currency)} value)", (string?)b.Description)));
        md.Heading(2, "Guarantee").Paragraph(offer.Guarantee);
        return md.ToString();
    }

    private static string Deck(DeckContent deck)
    {
        var md = new Document();
        md.Heading(1, deck.Title);
        md.Raw($"{deck.Slides.Count.ToString(CultureInfo.InvariantCulture)} slides.");
        foreach (var group in deck.Slides.OrderBy(s => s.SlideNumber).GroupBy(s => s.Section))
        {
            md.Heading(2, Humanize.Label(group.Key));
            foreach (var slide in group)
            {
                md.Heading(3, $"{slide.SlideNumber.ToString(CultureInfo.InvariantCulture)}. {slide.Title}").Paragraph(slide.Description);
            }
        }

        return md.ToString();
    }

    private static string Enrollment(EnrollmentContent page, OfferContent? offer)
    {
        var md = new Document();
        md.Heading(1, page.Headline).Paragraph(page.Subheadline).Paragraph(page.UrgencyText).Paragraph(page.Opening);
        md.Heading(2, page.ProblemSection.Heading).Paragraph(page.ProblemSection.Content);
        md.Heading(2, page.SolutionSection.Heading).Paragraph(page.SolutionSection.Content);
        md.Heading(2, page.FeaturesHeading);
        if (offer is not null)
        {
            md.List(offer.Features.Select(f => (f.Title, (string?)f.Description)));
            md.Raw($"**{MarkdownText.Inline(offer.Name)}:** {MarkdownText.Inline(Humanize.Money(offer.Price, offer.Currency))}");
        }

        return md.Button(page.CtaText).ToString();
    }

    private static string Watch(WatchContent page)
    {
        var md = new Document();
        md.Heading(1, page.Headline).Paragraph(page.Subheadline).Paragraph(page.WatchPrompt);
        md.Heading(2, "What you will take away").List(page.KeyTakeaways.Select(t => (t, (string?)null)));
        return md.Button(page.CtaText).Paragraph(page.CtaSubtext).ToString();
    }

    private static string Registration(RegistrationContent page)
    {
        var md = new Document();
        md.Heading(1, page.Headline).Paragraph(page.Subheadline).List(page.BulletPoints.Select(b => (b, (string?)null)));
        return md.Button(page.CtaText).Paragraph(page.TrustStatement).ToString();
    }

    private static string Profile(MarketingProfileContent profile)
    {
        var md = new Document();
        md.Heading(1, $"Marketing profile: {profile.BusinessContext.BusinessName}");
        md.Heading(2, "Brand voice").Paragraph(profile.BrandVoice);
        var tone = profile.ToneSettings;
        md.Heading(2, "Tone").List(
        [
            ("Primary tone", tone.PrimaryTone), ("Formality", tone.Formality), ("Energy", tone.Energy),
            ("Words to use", string.Join(", ", tone.WordsToUse ?? [])), ("Words to avoid", string.Join(", ", tone.WordsToAvoid ?? [])),
        ]);
        var business = profile.BusinessContext;
        md.Heading(2, "Business").List(
        [
            ("Business", business.BusinessName), ("Industry", business.Industry), ("Audience", business.TargetAudience),
            ("Main problem", business.MainProblem), ("Desired outcome", business.DesiredOutcome), ("Unique mechanism", business.UniqueMechanism),
        ]);
        var product = profile.ProductKnowledge;
        md.Heading(2, "Product").List(
        [
            ("Offer", product.OfferName), ("Price", Humanize.Money(product.Price, product.Currency)), ("Promise", product.Promise),
            ("Key features", string.Join(", ", product.KeyFeatures ?? [])), ("Guarantee", product.Guarantee),
            ("Pathway", product.Pathway == "book_call" ? "book a call" : "buy directly"),
        ]);
        return md.ToString();
    }

    /// <summary>Blocks separated by blank lines; the text of every block is escaped.</summary>
    private sealed class Document
    {
        private readonly StringBuilder _text = new();

        public Document Heading(int level, string? text) => Raw($"{new string('#', level)} {MarkdownText.Inline(text)}");

        public Document Paragraph(string? text) => string.IsNullOrWhiteSpace(text) ? this : Raw(MarkdownText.Block(text));

        public Document Button(string? text) => string.IsNullOrWhiteSpace(text) ? this : Raw($"**Button:** {MarkdownText.Inline(text)}");

        /// <summary>A bullet list: each item's label in bold (or plain when it has no text), its text after a dash.</summary>
        public Document List(IEnumerable<(string Label, string? Text)> items)
        {
            var lines = items.Select(item => string.IsNullOrWhiteSpace(item.Text)
                ? $"- {MarkdownText.Block(item.Label, indent: 2)}"
                : $"- **{MarkdownText.Inline(item.Label)}:** {MarkdownText.Block(item.Text, indent: 2)}");
            return Raw(string.Join("\n", lines));
        }

        public Document Raw(string markdown)
        {
            _text.Append(markdown).Append("\n\n");
            return this;
        }

        public override string ToString() => _text.ToString().TrimEnd('\n') + "\n";
    }
}
