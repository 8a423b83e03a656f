using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// Step 3: the webinar deck, one chunk at a time. Each slide's section and idea depend only on its number and the
/// deck's length, so independent calls for chunks 1..n join into one continuous arc.
/// </summary>
internal static class DeckWriter
{
    /// <summary>Where each section ends, as a share of the deck: hook 10%, problem 15%, agitate 12%, solution 30%, offer 23%, close 10%.</summary>
    private static readonly double[] SectionEnds = [0.10, 0.25, 0.37, 0.67, 0.90, 1.0];

    public static string TitleFor(BusinessFacts f)
    {
        var when = f.When is { } w ? " " + w : "";
        return f.Audience is null
            ? $"How to {f.OutcomeDo(8)}{when}"
            : $"How {f.FolksShort} can {f.OutcomeDo(8)}{when}";
    }

    public static DeckChunkContent Write(BusinessFacts f, OfferContent offer, DeckChunkRequest chunk)
    {
        var count = Math.Max(chunk.Count, 0);
        var first = Math.Max(chunk.FirstSlide, 1);
        var total = Math.Max(chunk.TotalSlides > 0 ? chunk.TotalSlides : StepCatalog.DeckSlides, first + count - 1);
        var title = first == 1 ? TitleFor(f) : chunk.DeckTitle ?? TitleFor(f);
        var ideas = new DeckIdeas(f, offer, title);
        var slides = new List<Slide>(count);
        for (var number = first; number < first + count; number++)
        {
            var (section, index, length) = Locate(number, total);
            var idea = Choose(ideas.For(section), index, length, j => ideas.Extra(section, j));
            slides.Add(new Slide(number, idea.Title, idea.Description, DeckContent.Sections[section]));
        }

        return new DeckChunkContent { Title = title, Slides = slides, ExpectedFirstSlide = first };
    }

    /// <summary>Which section slide <paramref name="number"/> of <paramref name="total"/> falls in, its place there, and the section's length.</summary>
    public static (int Section, int Index, int Length) Locate(int number, int total)
    {
        var sections = SectionEnds.Length;
        var start = 1;
        for (var s = 0; s < sections; s++)
        {
            var end = s == sections - 1 ? total : (int)Math.Round(total * SectionEnds[s], MidpointRounding.AwayFromZero);
            end = total >= sections ? Math.Clamp(end, start, total - (sections - 1 - s)) : Math.Clamp(end, start - 1, total);
            if (number <= end)
            {
                return (s, number - start, end - start + 1);
            }

            start = end + 1;
        }

        return (sections - 1, 0, 1);
    }

    /// <summary>
    /// Picks the idea for place <paramref name="index"/> of a section <paramref name="length"/> slides long: optional ideas
    /// drop out when the section is short, extra ideas fill in when it is long, and the last idea always closes the section.
    /// </summary>
    private static SlideIdea Choose(IReadOnlyList<SlideIdea> ideas, int index, int length, Func<int, SlideIdea> extra)
    {
        var kept = ideas.ToList();
        for (var i = kept.Count - 2; i > 0 && kept.Count > length; i--)
        {
            if (kept[i].Optional)
            {
                kept.RemoveAt(i);
            }
        }

        while (kept.Count > length && kept.Count > 1)
        {
            kept.RemoveAt(kept.Count - 2);
        }

        if (index == length - 1)
        {
            return kept[^1];
        }

        return index < kept.Count - 1 ? kept[index] : extra(index - (kept.Count - 1) + 1);
    }
}

/// <summary>One slide's worth of content; optional ideas are the first to go in a short section.</summary>
internal sealed record SlideIdea(string Title, string Description, bool Optional = false);
