using System.Globalization;
using Funnelcraft.Steps.Deck;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Funnelcraft.Exports.Deck;

/// <summary>The deck's three kinds of slide: the title slide, a content slide, and a content slide's notes page.</summary>
internal static class DeckSlides
{
    public static P.Slide Cover(string title, string projectName, IReadOnlyList<Slide> slides)
    {
        var sections = DeckContent.Sections
            .Select(s => (Key: s, Numbers: slides.Where(x => x.Section == s).Select(x => x.SlideNumber).ToList()))
            .Where(s => s.Numbers.Count > 0)
            .ToList();
        var shapes = new List<DocumentFormat.OpenXml.OpenXmlElement>
        {
            DeckShapes.TextBox(2, "Eyebrow", DeckLayout.CoverEyebrow,
                DeckShapes.Paragraphs("Webinar deck", new TextStyle(1400, DeckLayout.CoverEyebrowColor, Bold: true, Spacing: 300, Caps: true)), A.TextAnchoringTypeValues.Bottom),
            DeckShapes.Placeholder(3, "Title", new P.PlaceholderShape { Type = P.PlaceholderValues.CenteredTitle },
                DeckShapes.Paragraphs(title, new TextStyle(DeckLayout.CoverTitleSize(title), "FFFFFF", Bold: true))),
            DeckShapes.Placeholder(4, "Subtitle", new P.PlaceholderShape { Type = P.PlaceholderValues.SubTitle, Index = 1U },
                DeckShapes.Paragraphs($"{projectName} · {slides.Count} slides", new TextStyle(2000, DeckLayout.CoverSubtitleColor))),
        };
        for (var i = 0; i < sections.Count; i++)
        {
            var (key, numbers) = sections[i];
            var (fill, _) = DeckLayout.SectionColors(key);
            var range = numbers.Min() == numbers.Max() ? Number(numbers[0]) : $"{Number(numbers.Min())}–{Number(numbers.Max())}";
            shapes.Add(DeckShapes.Rectangle((uint)(10 + (2 * i)), $"Section {i + 1} bar", DeckLayout.LegendBar(i), fill));
            shapes.Add(DeckShapes.TextBox((uint)(11 + (2 * i)), $"Section {i + 1}", DeckLayout.LegendLabel(i),
                [.. DeckShapes.Paragraphs(DeckPresentation.SectionLabel(key), new TextStyle(1300, DeckLayout.CoverLegendColor, Bold: true)),
                 .. DeckShapes.Paragraphs($"Slides {range}", new TextStyle(1100, DeckLayout.CoverSubtitleColor))],
                A.TextAnchoringTypeValues.Top));
        }

        return new P.Slide(
            new P.CommonSlideData(Background(DeckLayout.CoverBackground), DeckShapes.Tree(shapes)) { Name = "Title" },
            new P.ColorMapOverride(new A.MasterColorMapping()));
    }

    public static P.Slide Content(Slide slide, int total, string deckTitle)
    {
        var (fill, text) = DeckLayout.SectionColors(slide.Section);
        var titleSize = DeckLayout.TitleSize(slide.Title);
        var (titleBox, accentBox, bodyBox) = DeckLayout.ContentBoxes(slide.Title, titleSize);
        return new P.Slide(
            new P.CommonSlideData(DeckShapes.Tree(
                DeckShapes.Rectangle(2, "Section colour", DeckLayout.Band, fill),
                DeckShapes.TextBox(3, "Section", DeckLayout.Label,
                    DeckShapes.Paragraphs(DeckPresentation.SectionLabel(slide.Section), new TextStyle(1400, text, Bold: true, Spacing: 300, Caps: true)), A.TextAnchoringTypeValues.Bottom),
                DeckShapes.Placeholder(4, "Title", new P.PlaceholderShape { Type = P.PlaceholderValues.Title },
                    DeckShapes.Paragraphs(slide.Title, new TextStyle(titleSize)), titleBox),
                DeckShapes.Rectangle(5, "Accent", accentBox, fill),
                DeckShapes.Placeholder(6, "Description", new P.PlaceholderShape { Index = 1U },
                    DeckShapes.Paragraphs(slide.Description, new TextStyle(DeckLayout.BodySize(slide.Description))), bodyBox),
                DeckShapes.TextBox(7, "Deck title", DeckLayout.Footer,
                    DeckShapes.Paragraphs(deckTitle, new TextStyle(1100, DeckLayout.FooterColor)), A.TextAnchoringTypeValues.Bottom),
                DeckShapes.TextBox(8, "Slide number", DeckLayout.Number,
                    DeckShapes.Paragraphs($"{Number(slide.SlideNumber)} / {Number(total)}", new TextStyle(1100, DeckLayout.FooterColor, AlignRight: true)), A.TextAnchoringTypeValues.Bottom)))
            {
                Name = $"Slide {Number(slide.SlideNumber)}",
            },
            new P.ColorMapOverride(new A.MasterColorMapping()));
    }

    public static P.NotesSlide Notes(string notes) => new(
        new P.CommonSlideData(DeckShapes.Tree(
            DeckShapes.Placeholder(2, "Slide Image", new P.PlaceholderShape { Type = P.PlaceholderValues.SlideImage }, paragraphs: null),
            DeckShapes.Placeholder(3, "Notes", new P.PlaceholderShape { Type = P.PlaceholderValues.Body, Index = 1U }, DeckShapes.Paragraphs(notes, new TextStyle())))),
        new P.ColorMapOverride(new A.MasterColorMapping()));

    private static P.Background Background(string color) =>
        new(new P.BackgroundProperties(new A.SolidFill(new A.RgbColorModelHex { Val = color }), new A.EffectList()));

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
