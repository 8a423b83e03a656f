using System.Diagnostics;
using Funnelcraft.Exports.Deck;
using Funnelcraft.Tests.Writers;
using UglyToad.PdfPig;

namespace Funnelcraft.Tests.Exports;

/// <summary>LibreOffice Impress, a second reader of the format, opens the exported deck: one PDF page per slide, the text in place.</summary>
public sealed class DeckLibreOfficeTests
{
    [LibreOfficeFact]
    public async Task LibreOffice_converts_the_sixty_slide_deck_to_a_61_page_pdf()
    {
        var deck = OfflineRun.Write(OfflineIntakes.FullForm).Deck;
        Assert.Equal(60, deck.Slides.Count);
        var folder = Directory.CreateTempSubdirectory("funnelcraft-deck-");
        try
        {
            var file = Path.Combine(folder.FullName, "deck.pptx");
            await using (var stream = File.Create(file))
            {
                await DeckPresentation.WriteAsync(deck, "Bright Path", stream, TestContext.Current.CancellationToken);
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(4));
            var pdf = await LibreOffice.ConvertToPdfAsync(file, timeout.Token);

            using var document = PdfDocument.Open(pdf);
            Assert.Equal(61, document.NumberOfPages);
            Assert.Contains(Words(deck.Title)[0], document.GetPage(1).Text, StringComparison.Ordinal);
            Assert.Contains(Words(deck.Slides[0].Title)[0], document.GetPage(2).Text, StringComparison.Ordinal);
            Assert.Contains(Words(deck.Slides[^1].Title)[0], document.GetPage(61).Text, StringComparison.Ordinal);
            if (Environment.GetEnvironmentVariable("FUNNELCRAFT_SCREENSHOTS") == "1")
            {
                Screenshots(pdf);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string[] Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first slides as PNG for docs/screenshots (FUNNELCRAFT_SCREENSHOTS=1; needs poppler-utils' pdftoppm).</summary>
    private static void Screenshots(string pdf)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Funnelcraft.slnx")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository root was not found.");
        }

        var prefix = Path.Combine(root, "docs", "screenshots", "deck-slide");
        using var process = Process.Start(new ProcessStartInfo("pdftoppm") { ArgumentList = { "-png", "-r", "72", "-f", "1", "-l", "3", pdf, prefix } })!;
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
