using System.Diagnostics;
using System.Text.Json;
using Funnelcraft.Bench.Infrastructure;
using Funnelcraft.Exports.Deck;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;

namespace Funnelcraft.Bench.Benchmarks;

/// <summary>
/// How long a 60-slide deck takes to export as PowerPoint (build the package in memory and copy it out, as the route
/// does), against writing the same deck as its JSON in the same run.
/// </summary>
public static class DeckExport
{
    public static async Task<int> RunAsync(Options options)
    {
        var rounds = options.GetInt32("rounds", 200);
        var deck = Deck(options.GetInt32("slides", StepCatalog.DeckSlides));
        for (var i = 0; i < 20; i++)
        {
            await PptxAsync(deck);
            Json(deck);
        }

        var pptx = new List<double>();
        var json = new List<double>();
        long size = 0;
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            size = await PptxAsync(deck);
            pptx.Add(Stats.Ms(start, Stopwatch.GetTimestamp()));
            start = Stopwatch.GetTimestamp();
            Json(deck);
            json.Add(Stats.Ms(start, Stopwatch.GetTimestamp()));
        }

        var (p, j) = (Stats.Summarize(pptx), Stats.Summarize(json));
        Console.WriteLine($"deck: {deck.Slides.Count} slides, pptx {Stats.F(size / 1024.0)} KB");
        Console.WriteLine($"pptx: {Stats.Format(p)}");
        Console.WriteLine($"json: {Stats.Format(j)}");
        Console.WriteLine($"pptx / json (medians): {Stats.F(p.P50 / j.P50, "0")}×; target: a 60-slide deck in under 1,000 ms → {(p.P99 < 1000 ? "met" : "NOT met")} at p99");
        return 0;
    }

    private static async Task<long> PptxAsync(DeckContent deck)
    {
        using var output = new MemoryStream();
        await DeckPresentation.WriteAsync(deck, "Bright Path Bookkeeping", output, CancellationToken.None);
        return output.Length;
    }

    private static void Json(DeckContent deck) => JsonSerializer.SerializeToUtf8Bytes(deck, ContentJson.Options);

    /// <summary>A deck as the writers make it: six sections, titles of 40–70 characters, descriptions of about 200.</summary>
    private static DeckContent Deck(int slides) => new()
    {
        Title = "How owners of small service businesses can get clean monthly books in 90 days",
        Slides = [.. Enumerable.Range(1, slides).Select(n => new Slide(
            n,
            $"Step {n}: why the books fall behind every month",
            $"Talk through point {n}: what the owner feels at the end of the month, why receipts pile up, what it costs in "
                + "missed deductions and late decisions, and the one habit that fixes it this week.",
            DeckContent.Sections[Math.Min((n - 1) * DeckContent.Sections.Count / slides, DeckContent.Sections.Count - 1)]))],
    };
}
