using DocumentFormat.OpenXml.Packaging;
using Funnelcraft.Pages;
using Funnelcraft.Steps.Deck;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;

namespace Funnelcraft.Exports.Deck;

/// <summary>
/// The deck as a PowerPoint file (Open XML SDK): 16:9, a title slide with the deck's title and its sections, then one
/// slide per deck slide — a section label and colour, the title, the description — with the description again as
/// the slide's speaker notes. Built in memory on each request and copied to the response; never stored.
/// </summary>
public static class DeckPresentation
{
    public static async Task WriteAsync(DeckContent deck, string projectName, Stream output, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        Build(deck, projectName, buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public static void Build(DeckContent deck, string projectName, Stream stream)
    {
        using var document = PresentationDocument.Create(stream, DocumentFormat.OpenXml.PresentationDocumentType.Presentation);
        document.PackageProperties.Title = ExportText.XmlSafe(deck.Title);
        document.PackageProperties.Creator = "Funnelcraft";

        var presentation = document.AddPresentationPart();
        var master = presentation.AddNewPart<SlideMasterPart>("rIdMaster");
        var theme = master.AddNewPart<ThemePart>("rIdTheme");
        theme.Theme = new A.Theme(DeckMasters.Theme);
        presentation.AddPart(theme, "rIdTheme");
        var titleLayout = AddLayout(master, "rIdTitleLayout", DeckMasters.TitleLayout);
        var contentLayout = AddLayout(master, "rIdContentLayout", DeckMasters.ContentLayout);
        master.SlideMaster = new P.SlideMaster(DeckMasters.SlideMaster("rIdTitleLayout", "rIdContentLayout"));

        var notesMaster = presentation.AddNewPart<NotesMasterPart>("rIdNotesMaster");
        notesMaster.NotesMaster = new P.NotesMaster(DeckMasters.NotesMaster);
        notesMaster.AddNewPart<ThemePart>("rIdTheme").Theme = new A.Theme(DeckMasters.Theme);

        var slides = deck.Slides.OrderBy(s => s.SlideNumber).ToList();
        var ids = new P.SlideIdList();
        AddSlide(presentation, ids, titleLayout, DeckSlides.Cover(deck.Title, projectName, slides), notesMaster, notes: null);
        foreach (var slide in slides)
        {
            AddSlide(presentation, ids, contentLayout, DeckSlides.Content(slide, slides.Count, deck.Title), notesMaster, slide.Description);
        }

        presentation.Presentation = new P.Presentation(
            new P.SlideMasterIdList(new P.SlideMasterId { Id = 2147483648U, RelationshipId = "rIdMaster" }),
            new P.NotesMasterIdList(new P.NotesMasterId { Id = "rIdNotesMaster" }),
            ids,
            new P.SlideSize { Cx = (int)DeckMasters.Width, Cy = (int)DeckMasters.Height },
            new P.NotesSize { Cx = 6858000, Cy = 9144000 },
            new P.DefaultTextStyle("""<p:defaultTextStyle xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><a:defPPr><a:defRPr lang="en-US"/></a:defPPr></p:defaultTextStyle>"""))
        {
            SaveSubsetFonts = true,
        };
    }

    /// <summary>The label a slide shows for its section: "Hook", "Problem", …</summary>
    public static string SectionLabel(string section) => Humanize.Label(section);

    private static SlideLayoutPart AddLayout(SlideMasterPart master, string id, string xml)
    {
        var layout = master.AddNewPart<SlideLayoutPart>(id);
        layout.SlideLayout = new P.SlideLayout(xml);
        layout.AddPart(master);
        return layout;
    }

    private static void AddSlide(PresentationPart presentation, P.SlideIdList ids, SlideLayoutPart layout, P.Slide slide, NotesMasterPart notesMaster, string? notes)
    {
        var id = 256U + (uint)ids.ChildElements.Count;
        var part = presentation.AddNewPart<SlidePart>($"rIdSlide{id}");
        part.Slide = slide;
        part.AddPart(layout);
        if (notes is not null)
        {
            var notesPart = part.AddNewPart<NotesSlidePart>();
            notesPart.NotesSlide = DeckSlides.Notes(notes);
            notesPart.AddPart(notesMaster);
            notesPart.AddPart(part);
        }

        ids.Append(new P.SlideId { Id = id, RelationshipId = presentation.GetIdOfPart(part) });
    }
}
