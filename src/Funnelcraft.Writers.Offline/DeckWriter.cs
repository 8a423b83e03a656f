using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// Step 3: the webinar deck, as a real model is asked for it: first the outline (title, the method, a brief per
/// part), then each part from the outline. Each slide's section and idea depend only on its number, the deck's
/// length and the outline's method, so parts written independently, in any order, join into one continuous arc
/// that teaches the method the outline named.
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

    /// <summary>A plan of <paramref name="totalSlides"/> slides in parts of the usual size (when the prompt gave none).</summary>
    public static DeckPlan Plan(int totalSlides) =>
        new(totalSlides, [.. SlideRange.Parts(totalSlides, StepCatalog.DeckPartSlides).Select((p, i) => new DeckPlanPart(i + 1, p.First, p.Last, ""))]);

    /// <summary>The outline: the title, the business's method, and for each part of the plan a brief naming what its slides say.</summary>
    public static DeckOutline Outline(BusinessFacts f, OfferContent offer, DeckPlan plan)
    {
        var parts = plan.Parts.Count > 0 ? plan.Parts : Plan(plan.TotalSlides).Parts;
        var total = Math.Max(plan.TotalSlides, parts.Max(p => p.LastSlide));
        var title = TitleFor(f);
        var method = Method.For(f);
        var ideas = new DeckIdeas(f, offer, title, method);
        var briefs = parts.Select(p => new PartBrief(p.FirstSlide, p.LastSlide, Brief(ideas, p.FirstSlide, p.LastSlide, total))).ToList();
        return new DeckOutline
        {
            Title = title,
            Method = method.ToTeaching(),
            Parts = briefs,
            ExpectedParts = [.. parts.Select(p => new SlideRange(p.FirstSlide, p.LastSlide))],
        };
    }

    /// <summary>One part's slides, teaching the outline's method under the outline's title (the intake's own when there is no outline).</summary>
    public static DeckPartContent Part(BusinessFacts f, OfferContent offer, DeckOutline? outline, DeckPartRequest part)
    {
        var first = Math.Max(part.FirstSlide, 1);
        var last = Math.Max(part.LastSlide, first);
        var total = Math.Max(part.TotalSlides > 0 ? part.TotalSlides : StepCatalog.DeckSlides, last);
        var method = outline?.Method is { Steps.Count: > 0 } taught ? Method.From(taught) : Method.For(f);
        var ideas = new DeckIdeas(f, offer, outline?.Title ?? TitleFor(f), method);
        var slides = Enumerable.Range(first, last - first + 1).Select(n =>
        {
            var (section, idea) = Idea(ideas, n, total);
            return new Slide(n, idea.Title, idea.Description, DeckContent.Sections[section]);
        }).ToList();
        return new DeckPartContent { Slides = slides, Expected = new SlideRange(first, last) };
    }

    private static (int Section, SlideIdea Idea) Idea(DeckIdeas ideas, int number, int total)
    {
        var (section, index, length) = Locate(number, total);
        return (section, Choose(ideas.For(section), index, length, j => ideas.Extra(section, j)));
    }

    /// <summary>"Slides 7–10, problem: The problem nobody talks about; …." for each section the part touches.</summary>
    private static string Brief(DeckIdeas ideas, int first, int last, int total)
    {
        var runs = Enumerable.Range(first, last - first + 1)
            .Select(n => (Number: n, Slide: Idea(ideas, n, total)))
            .GroupBy(x => x.Slide.Section)
            .Select(g => (g.First().Number == g.Last().Number ? $"Slide {g.First().Number}" : $"Slides {g.First().Number}–{g.Last().Number}")
                + $", {DeckContent.Sections[g.Key]}: {string.Join("; ", g.Select(x => x.Slide.Idea.Title))}.");
        return string.Join(" ", runs);
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
