using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Funnelcraft.Exports.Deck;
using Funnelcraft.Steps.Deck;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Funnelcraft.Tests.Exports;

/// <summary>The deck as PowerPoint: valid Open XML, 16:9, a title slide and one slide per deck slide, the text intact and inert.</summary>
public sealed class DeckPresentationTests
{
    [Fact]
    public void A_sixty_slide_deck_is_valid_open_xml_in_16_9_with_a_title_slide_and_one_slide_per_deck_slide()
    {
        var deck = ExportSamples.Deck(60);

        using var document = Open(deck, "Spring launch");

        var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20).Select(e => $"{e.Path?.XPath} {e.Part?.Uri}: {e.Description}")));
        var presentation = document.PresentationPart!;
        Assert.Equal(12192000, presentation.Presentation.SlideSize!.Cx!.Value);
        Assert.Equal(6858000, presentation.Presentation.SlideSize!.Cy!.Value);
        var slides = Slides(document);
        Assert.Equal(61, slides.Count);

        var cover = slides[0];
        Assert.Equal(deck.Title, PlaceholderText(cover, P.PlaceholderValues.CenteredTitle));
        Assert.Equal("Spring launch · 60 slides", PlaceholderText(cover, P.PlaceholderValues.SubTitle));
        Assert.Null(cover.NotesSlidePart);
        foreach (var section in DeckContent.Sections)
        {
            Assert.Contains(ShapeTexts(cover), t => t.StartsWith(DeckPresentation.SectionLabel(section) + "\nSlides ", StringComparison.Ordinal));
        }

        for (var i = 0; i < deck.Slides.Count; i++)
        {
            var (slide, part) = (deck.Slides[i], slides[i + 1]);
            Assert.Equal(slide.Title, PlaceholderText(part, P.PlaceholderValues.Title));
            Assert.Equal(slide.Description, BodyText(part));
            Assert.Equal(slide.Description, NotesText(part));
            Assert.Equal(DeckPresentation.SectionLabel(slide.Section), ShapeText(part, "Section"));
            Assert.Equal($"{slide.SlideNumber} / 60", ShapeText(part, "Slide number"));
            var band = part.Slide.Descendants<P.Shape>().Single(s => s.NonVisualShapeProperties!.NonVisualDrawingProperties!.Name == "Section colour");
            Assert.Equal(DeckLayout.SectionColors(slide.Section).Fill, band.Descendants<A.RgbColorModelHex>().Single().Val!.Value);
        }

        Assert.Equal(6, slides.Skip(1).Select(s => ShapeText(s, "Section")).Distinct().Count());
    }

    [Fact]
    public void Markup_script_quotes_commas_newlines_and_right_to_left_text_come_back_as_the_same_text()
    {
        var deck = ExportSamples.HostileDeck();

        using var document = Open(deck, ExportSamples.Hostile);

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document));
        var slides = Slides(document);
        Assert.Equal(deck.Title, PlaceholderText(slides[0], P.PlaceholderValues.CenteredTitle));
        Assert.Equal($"{ExportSamples.Hostile} · 6 slides", PlaceholderText(slides[0], P.PlaceholderValues.SubTitle));
        for (var i = 0; i < deck.Slides.Count; i++)
        {
            Assert.Equal(deck.Slides[i].Title, PlaceholderText(slides[i + 1], P.PlaceholderValues.Title));
            Assert.Equal(deck.Slides[i].Description, BodyText(slides[i + 1]));
            Assert.Equal(deck.Slides[i].Description, NotesText(slides[i + 1]));
        }

        // One paragraph per line; the right-to-left line is marked so; nothing became a hyperlink, picture or field.
        var body = slides[1].Slide.Descendants<P.Shape>().Single(IsBody);
        var paragraphs = body.Descendants<A.Paragraph>().ToList();
        Assert.Equal(3, paragraphs.Count);
        Assert.Equal([false, false, true], paragraphs.Select(p => p.ParagraphProperties?.RightToLeft?.Value ?? false));
        Assert.Empty(slides.SelectMany(s => s.Slide.Descendants<A.HyperlinkOnClick>()));
        Assert.Empty(slides.SelectMany(s => s.Slide.Descendants<P.Picture>()));
        Assert.Empty(slides.SelectMany(s => s.Slide.Descendants<A.Field>()));
        Assert.All(slides, s => Assert.Empty(s.HyperlinkRelationships));
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_left_out_instead_of_breaking_the_file()
    {
        var deck = ExportSamples.Deck(3, description: n => $"before\u0001\u0008after {n}\ud800");

        using var document = Open(deck, "x");

        Assert.Empty(new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document));
        Assert.Equal("beforeafter 1", BodyText(Slides(document)[1]));
    }

    internal static PresentationDocument Open(DeckContent deck, string projectName)
    {
        var stream = new MemoryStream();
        DeckPresentation.Build(deck, projectName, stream);
        stream.Position = 0;
        return PresentationDocument.Open(stream, isEditable: false);
    }

    internal static List<SlidePart> Slides(PresentationDocument document)
    {
        var presentation = document.PresentationPart!;
        return [.. presentation.Presentation.SlideIdList!.Elements<P.SlideId>().Select(id => (SlidePart)presentation.GetPartById(id.RelationshipId!.Value!))];
    }

    internal static string PlaceholderText(SlidePart slide, P.PlaceholderValues type) =>
        Text(slide.Slide.Descendants<P.Shape>().Single(s => Placeholder(s)?.Type?.Value == type));

    internal static string BodyText(SlidePart slide) => Text(slide.Slide.Descendants<P.Shape>().Single(IsBody));

    internal static string NotesText(SlidePart slide) =>
        Text(slide.NotesSlidePart!.NotesSlide.Descendants<P.Shape>().Single(s => Placeholder(s)?.Type?.Value == P.PlaceholderValues.Body));

    private static string ShapeText(SlidePart slide, string name) =>
        Text(slide.Slide.Descendants<P.Shape>().Single(s => s.NonVisualShapeProperties!.NonVisualDrawingProperties!.Name == name));

    private static IEnumerable<string> ShapeTexts(SlidePart slide) => slide.Slide.Descendants<P.Shape>().Select(Text);

    private static bool IsBody(P.Shape shape) => Placeholder(shape) is { Index.Value: 1U, Type: null };

    private static P.PlaceholderShape? Placeholder(P.Shape shape) =>
        shape.NonVisualShapeProperties?.ApplicationNonVisualDrawingProperties?.PlaceholderShape;

    private static string Text(OpenXmlElement shape) =>
        string.Join("\n", shape.Descendants<A.Paragraph>().Select(p => string.Concat(p.Descendants<A.Text>().Select(t => t.Text))));
}
