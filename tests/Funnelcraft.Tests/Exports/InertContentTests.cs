using System.Globalization;
using System.IO.Compression;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Funnelcraft.Exports.Followup;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Tests.Infrastructure;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MimeKit;
using P = DocumentFormat.OpenXml.Presentation;

namespace Funnelcraft.Tests.Exports;

/// <summary>
/// Content with markup, script, quotes, commas, newlines and right-to-left text, exported in every format and read
/// back with that format's own reader: the text is the same, and none of it became markup, script or structure.
/// </summary>
public sealed class InertContentTests(PostgresCluster cluster) : ExportTestBase(cluster)
{
    private static readonly string Hostile = ExportSamples.Hostile;

    /// <summary>A project name with markup and quotes too (the deck's title slide shows it).</summary>
    private static readonly string ProjectName = Hostile.Split('\n')[0][..60];

    protected override DatabaseKind Kind => DatabaseKind.Sqlite;

    [Fact]
    public async Task Pptx_read_back_with_the_open_xml_sdk_has_the_same_text_and_validates()
    {
        var (api, projectId) = await ProjectAsync();
        var deck = ExportSamples.HostileDeck();
        await SeedAsync(projectId, deck);

        var bytes = await DownloadAsync(api, $"/api/projects/{projectId}/steps/deck-structure/export?format=pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation");

        using var document = PresentationDocument.Open(new MemoryStream(bytes), isEditable: false);
        Assert.Empty(new OpenXmlValidator(DocumentFormat.OpenXml.FileFormatVersions.Microsoft365).Validate(document));
        var slides = DeckPresentationTests.Slides(document);
        Assert.Equal($"{ProjectName} · 6 slides", DeckPresentationTests.PlaceholderText(slides[0], P.PlaceholderValues.SubTitle));
        for (var i = 0; i < deck.Slides.Count; i++)
        {
            Assert.Equal(deck.Slides[i].Title, DeckPresentationTests.PlaceholderText(slides[i + 1], P.PlaceholderValues.Title));
            Assert.Equal(deck.Slides[i].Description, DeckPresentationTests.BodyText(slides[i + 1]));
            Assert.Equal(deck.Slides[i].Description, DeckPresentationTests.NotesText(slides[i + 1]));
        }
    }

    [Theory]
    [InlineData("enrollment")]
    [InlineData("watch")]
    [InlineData("registration")]
    public async Task Html_read_back_with_a_parser_has_the_same_text_no_script_and_nothing_to_fetch(string step)
    {
        var (api, projectId) = await ProjectAsync();
        await SeedAsync(projectId, ExportSamples.Offer(Hostile));
        string[] texts = step switch
        {
            "enrollment" => [.. Fields(await SeedAsync(projectId, ExportSamples.Enrollment(Hostile), ExportSamples.Enrollment(Hostile))), Hostile],
            "watch" => Fields(await SeedAsync(projectId, ExportSamples.Watch(Hostile), ExportSamples.Watch(Hostile))),
            _ => Fields(await SeedAsync(projectId, ExportSamples.Registration(Hostile), ExportSamples.Registration(Hostile))),
        };

        var html = Encoding.UTF8.GetString(await DownloadAsync(api, $"/api/projects/{projectId}/steps/{step}/export?format=html", "text/html"));

        using var document = new HtmlParser().ParseDocument(html);
        Assert.Equal("html", document.Doctype?.Name);
        var all = document.All.ToList();
        Assert.DoesNotContain(all, e => e.LocalName is "script" or "iframe" or "object" or "embed" or "img" or "link" or "style" or "base" or "form" or "a" or "use");
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(all.SelectMany(e => e.Attributes), a => a.Name is "src" or "href" or "xlink:href" or "srcset" or "action" or "class" or "id");
        Assert.DoesNotContain(all, e => (e.GetAttribute("style") ?? "").Contains("url(", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
            document.QuerySelector("meta[http-equiv='Content-Security-Policy']")?.GetAttribute("content"));
        Assert.Equal(Hostile.ReplaceLineEndings(" "), document.Title?.ReplaceLineEndings(" "));
        var inBody = document.Body!.QuerySelectorAll("*").ToList();
        foreach (var text in texts)
        {
            Assert.Contains(inBody, e => e.TextContent == text);
        }

        // Styles came along inline: the headline has the preview's size, its page the preview's serif font.
        var headline = inBody.First(e => e.TextContent == texts[0]);
        Assert.Contains("font-size", headline.GetAttribute("style"), StringComparison.Ordinal);
        Assert.Contains("Georgia", document.Body!.GetAttribute("style") + string.Concat(headline.Ancestors<IElement>().Select(a => a.GetAttribute("style"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eml_read_back_with_mimekit_has_the_same_subject_bodies_and_headers()
    {
        var (api, projectId) = await ProjectAsync();
        var followup = ExportSamples.Followup(Hostile);
        await SeedAsync(projectId, followup);

        var zipped = await DownloadAsync(api, $"/api/projects/{projectId}/steps/followup/export?format=eml", "application/zip");

        using var zip = new ZipArchive(new MemoryStream(zipped));
        var first = followup.Messages[0];
        Assert.Equal(followup.Messages.Count, zip.Entries.Count);
        using var message = await MimeMessage.LoadAsync(await zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).First().OpenAsync());
        Assert.Equal(Hostile.ReplaceLineEndings(" "), message.Subject);
        Assert.Equal(first.BodyContent, message.TextBody!.ReplaceLineEndings("\n").TrimEnd('\n'));
        using var body = new HtmlParser().ParseDocument(message.HtmlBody!);
        Assert.Empty(body.QuerySelectorAll("script, img, a, iframe, style"));
        Assert.Equal(first.BodyContent, string.Join("\n\n", body.QuerySelectorAll("p").Select(TextWithBreaks)));
        Assert.Equal(first.Segment, message.Headers[FollowupEmails.SegmentHeader]);
        Assert.Equal("0", message.Headers[FollowupEmails.DelayHeader]);
        Assert.Equal(Hostile.ReplaceLineEndings(" "), message.Headers[FollowupEmails.SequenceHeader]);
        Assert.Equal("1", message.Headers["X-Unsent"]);
        Assert.Equal(api.Email, message.From.Mailboxes.Single().Address);
        Assert.Equal("rtl", body.QuerySelectorAll("p").Single(p => p.TextContent.StartsWith("שלום", StringComparison.Ordinal)).GetAttribute("dir"));
    }

    [Fact]
    public async Task Csv_read_back_with_a_csv_reader_has_one_row_per_email_with_the_same_fields()
    {
        var (api, projectId) = await ProjectAsync();
        var followup = ExportSamples.Followup(Hostile);
        await SeedAsync(projectId, followup);

        var bytes = await DownloadAsync(api, $"/api/projects/{projectId}/steps/followup/export?format=csv", "text/csv");

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("messageOrder,name,segment,channel,sendDelayHours,subjectLine,bodyContent\r\n", text, StringComparison.Ordinal);
        Assert.Contains("\"" + Hostile.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", text, StringComparison.Ordinal); // RFC 4180: quoted, quotes doubled
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.Parser.Count).Select(i => reader.GetField(i)!)]);
        }

        Assert.Equal(FollowupCsv.Columns, rows[0]);
        Assert.Equal(followup.Messages.Count, rows.Count - 1);
        foreach (var (message, row) in followup.Messages.Zip(rows.Skip(1)))
        {
            Assert.Equal(
                [message.MessageOrder.ToString(CultureInfo.InvariantCulture), message.Name, message.Segment, message.Channel,
                 message.SendDelayHours.ToString(CultureInfo.InvariantCulture), message.SubjectLine, message.BodyContent],
                row);
        }
    }

    [Fact]
    public async Task A_csv_field_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe()
    {
        var (api, projectId) = await ProjectAsync();
        var followup = ExportSamples.Followup();
        await SeedAsync(projectId, followup with
        {
            Messages = [followup.Messages[0] with { SubjectLine = "=HYPERLINK(\"http://example.com\",\"x\")", BodyContent = "+1 more" }, .. followup.Messages.Skip(1)],
        });

        var text = Encoding.UTF8.GetString(await DownloadAsync(api, $"/api/projects/{projectId}/steps/followup/export?format=csv", "text/csv"));

        using var reader = new CsvReader(new StringReader(text.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        await reader.ReadAsync();
        Assert.Equal("'=HYPERLINK(\"http://example.com\",\"x\")", reader.GetField(5));
        Assert.Equal("'+1 more", reader.GetField(6));
    }

    [Theory]
    [InlineData("offer")]
    [InlineData("deck-structure")]
    [InlineData("enrollment")]
    [InlineData("watch")]
    [InlineData("registration")]
    [InlineData("marketing-profile")]
    public async Task Markdown_read_back_with_a_commonmark_parser_has_the_same_text_and_no_html_links_or_code(string step)
    {
        var (api, projectId) = await ProjectAsync();
        await SeedAsync(projectId, ExportSamples.Offer(Hostile));
        await SeedAsync(projectId, ExportSamples.HostileDeck());
        await SeedAsync(projectId, ExportSamples.Enrollment(Hostile));
        await SeedAsync(projectId, ExportSamples.Watch(Hostile));
        await SeedAsync(projectId, ExportSamples.Registration(Hostile));
        await SeedAsync(projectId, ExportSamples.Profile(Hostile));

        var markdown = Encoding.UTF8.GetString(await DownloadAsync(api, $"/api/projects/{projectId}/steps/{step}/export?format=md", "text/markdown"));

        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UseAdvancedExtensions().Build());
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<CodeBlock>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<AutolinkInline>());
        Assert.Empty(document.Descendants<CodeInline>());
        var blocks = document.Descendants<LeafBlock>().Select(Text).ToList();
        var oneLine = string.Join(' ', Hostile.Split('\n'));
        Assert.Contains(blocks, b => b == Hostile || b.EndsWith(": " + Hostile, StringComparison.Ordinal));
        Assert.Contains(document.Descendants<HeadingBlock>(), h => Text(h).EndsWith(oneLine, StringComparison.Ordinal));
    }

    private async Task<(ApiClient Api, Guid ProjectId)> ProjectAsync()
    {
        var api = await App.Client().SignUpAsync();
        return (api, await api.CreateProjectAsync(ProjectName));
    }

    private async Task<T> SeedAsync<T>(Guid projectId, T content, T _)
        where T : Funnelcraft.Steps.IStepContent
    {
        await SeedAsync(projectId, content);
        return content;
    }

    private static string[] Fields(object content) => content switch
    {
        Funnelcraft.Steps.Enrollment.EnrollmentContent e => [e.Headline, e.Subheadline, e.Opening, e.ProblemSection.Heading, e.ProblemSection.Content, e.CtaText, e.UrgencyText],
        Funnelcraft.Steps.Watch.WatchContent w => [w.Headline, w.Subheadline, w.WatchPrompt, w.CtaText, w.CtaSubtext, w.KeyTakeaways[0]],
        Funnelcraft.Steps.Registration.RegistrationContent r => [r.Headline, r.Subheadline, r.BulletPoints[0], r.CtaText, r.TrustStatement],
        _ => [],
    };

    private static string TextWithBreaks(IElement paragraph) =>
        string.Concat(paragraph.ChildNodes.Select(n => n is IElement { LocalName: "br" } ? "\n" : n.NodeType == NodeType.Text ? n.TextContent.TrimStart('\n') : n.TextContent));

    /// <summary>A block's text as a reader sees it: literals, entities decoded, line breaks as newlines, emphasis kept as its text.</summary>
    private static string Text(LeafBlock block) => block.Inline is null ? "" : Text(block.Inline);

    private static string Text(ContainerInline container) => string.Concat(container.Select(inline => inline switch
    {
        LiteralInline literal => literal.Content.ToString(),
        HtmlEntityInline entity => entity.Transcoded.ToString(),
        LineBreakInline => "\n",
        ContainerInline inner => Text(inner),
        _ => "",
    }));
}
