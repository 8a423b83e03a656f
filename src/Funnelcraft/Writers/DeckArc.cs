using System.Globalization;
using System.Text;
using Funnelcraft.Steps.Deck;

namespace Funnelcraft.Writers;

/// <summary>
/// The webinar arc (hook → problem → agitate → solution → offer → close) as slide ranges, so the deck's outline
/// and every part know which sections the slides belong to. The shares are the deck prompt's: 10/20/15/30/15/10 %.
/// </summary>
public static class DeckArc
{
    private static readonly double[] Shares = [0.10, 0.20, 0.15, 0.30, 0.15, 0.10];

    /// <summary>The last slide number of each section, in <see cref="DeckContent.Sections"/> order.</summary>
    public static IReadOnlyList<int> Ends(int totalSlides)
    {
        var ends = new int[Shares.Length];
        var cumulative = 0.0;
        for (var i = 0; i < Shares.Length; i++)
        {
            cumulative += Shares[i];
            ends[i] = i == Shares.Length - 1 ? totalSlides : (int)Math.Round(cumulative * totalSlides, MidpointRounding.AwayFromZero);
        }

        return ends;
    }

    public static string SectionOf(int slide, int totalSlides)
    {
        var ends = Ends(totalSlides);
        for (var i = 0; i < ends.Count; i++)
        {
            if (slide <= ends[i])
            {
                return DeckContent.Sections[i];
            }
        }

        return DeckContent.Sections[^1];
    }

    /// <summary>"- slides 1–6: hook" lines for the whole deck.</summary>
    public static string Plan(int totalSlides)
    {
        var ends = Ends(totalSlides);
        var text = new StringBuilder();
        var first = 1;
        for (var i = 0; i < ends.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"- slides {first}–{ends[i]}: {DeckContent.Sections[i]}\n");
            first = ends[i] + 1;
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>Which sections slides <paramref name="first"/>–<paramref name="last"/> cover, e.g. "slides 21–27 agitate, 28–30 solution".</summary>
    public static string Part(int first, int last, int totalSlides)
    {
        var runs = new List<string>();
        var start = first;
        for (var slide = first; slide <= last; slide++)
        {
            var section = SectionOf(slide, totalSlides);
            if (slide == last || SectionOf(slide + 1, totalSlides) != section)
            {
                runs.Add(start == slide ? $"{start} {section}" : $"{start}–{slide} {section}");
                start = slide + 1;
            }
        }

        return "slides " + string.Join(", ", runs);
    }
}
