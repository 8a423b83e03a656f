using Funnelcraft.Writers;

namespace Funnelcraft.Tests.Writers;

/// <summary>Intakes the offline writer tests run against: the three the brief names, and some awkward ones.</summary>
internal static class OfflineIntakes
{
    public static IntakeFacts FullForm { get; } = new(
        "form", "Kickoff", "Bright Path Bookkeeping", "Bookkeeping", "owners of small service businesses with 2–20 employees",
        "They spend their evenings sorting receipts and still don't know if they're profitable", "Spreadsheets and a shoebox of receipts",
        "Clean monthly books and a clear profit number every month", "$997", "90 days", null);

    public static IntakeFacts TranscriptOnly { get; } = new(
        "transcript", "Discovery call", null, null, null, null, null, null, null, null,
        """
        Coach: Thanks for jumping on. Tell me about the business?
        Maya: Sure. I run Harbor Lane Pilates, a small reformer studio in Portland. We help busy professionals in their thirties and forties get strong without hurting their backs. Most of them sit at a desk all day.
        Coach: What's the biggest problem they have?
        Maya: Their biggest problem is that they get back pain and quit every gym they join after a few weeks. Right now they mostly use YouTube workouts and the odd physio visit. What they really want is to feel strong and move without pain.
        Coach: And pricing?
        Maya: I'm thinking of a 12-week program at around $1,200.
        """);

    public static IntakeFacts HighTicket { get; } = new(
        "form", null, "Summit Ridge Consulting", "Leadership coaching", "first-time managers at tech companies",
        "Not enough confidence to lead their former peers", "YouTube videos and management books",
        "to lead a high-performing team without burning out", "5000", "6 months", null);

    /// <summary>The brief's three intakes by a readable label, with the business name each should produce.</summary>
    public static IReadOnlyDictionary<string, (IntakeFacts Facts, string BusinessName)> Named { get; } = new Dictionary<string, (IntakeFacts, string)>
    {
        ["full form"] = (FullForm, "Bright Path Bookkeeping"),
        ["transcript only"] = (TranscriptOnly, "Harbor Lane Pilates"),
        ["price of 5000"] = (HighTicket, "Summit Ridge Consulting"),
    };

    public static IEnumerable<(string Label, IntakeFacts Facts)> Odd()
    {
        var longText = string.Concat(Enumerable.Repeat("we help people who keep trying new things and nothing sticks, ", 300));
        yield return ("blank answers", new("form", " ", " ", "\t", "\n", " ", " ", " ", " ", " ", " "));
        yield return ("n/a answers", new("form", "n/a", "N/A", "n/a", "none", "n/a", "nothing", "n/a", "TBD", "n/a", null));
        yield return ("punctuation only", new("form", "!!!", "...", "???", "—", "-", "!", "?", ".", "$", "…"));
        yield return ("one-word answers", new("form", "x", "Moms", "Fitness", "moms", "stress", "YouTube", "energy", "97", "soon", null));
        yield return ("very long answers", new("form", longText, longText, longText, longText, longText, longText, longText, longText, longText, longText));
        yield return ("emoji and other scripts",
            new("form", null, "🚀 Rocket Studio", "デザイン", "créateurs indépendants", "😩 rien ne marche", "bricolage", "vivre de leur art", "¥150,000", "3 mois", null));
        yield return ("odd prices", new("form", null, "Zero Co", null, null, null, null, null, "-500 or 0 or $0.99", null, null));
        yield return ("questions-only transcript", new("transcript", null, null, null, null, null, null, null, null, null, "What do you do? How much? When? Why not?"));
        yield return ("singular audience",
            new("form", null, "Mama Fit", "fitness", "a busy mom in her 30s", "no time to work out", "they do it themselves", "more energy", "$47/month", "in 30 days", null));
    }
}
