using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>
/// The intake boiled down to what the templates need. Form answers win; a transcript fills the gaps;
/// anything still missing gets neutral wording, so every template always has something sensible to say.
/// </summary>
internal sealed partial record BusinessFacts
{
    public string? Name { get; init; }
    public string? Industry { get; init; }
    /// <summary>Who the business serves, as a plural noun phrase ("owners of small service businesses").</summary>
    public string? Audience { get; init; }
    public required Phrase Problem { get; init; }
    /// <summary>What the audience uses today, as a noun or gerund ("spreadsheets", "hiring freelancers").</summary>
    public Phrase? Solution { get; init; }
    public required Phrase Outcome { get; init; }
    public required PriceQuote Price { get; init; }
    public string? Timeline { get; init; }
    /// <summary>Drives every template choice, so the same intake always reads the same way.</summary>
    public required uint Seed { get; init; }

    public static BusinessFacts From(IntakeBrief brief)
    {
        var m = brief.Merged;
        var heard = TranscriptReader.Read(m.TranscriptText);
        return new BusinessFacts
        {
            Name = NameFrom(m.BusinessName) ?? NameFrom(heard.Name),
            Industry = Wording.LowerFirstOrNull(Wording.Clean(m.Industry, 8) ?? Wording.Clean(heard.Industry, 5)),
            Audience = AudienceFrom(m.TargetAudience) ?? AudienceFrom(heard.Audience),
            Problem = Phrase.Problem(m.MainProblem) ?? Phrase.Problem(heard.Problem) ?? new("struggle to get consistent results", PhraseKind.Verb),
            Solution = Phrase.Solution(m.CurrentSolution) ?? Phrase.Solution(heard.CurrentSolution),
            Outcome = Phrase.Outcome(m.DesiredOutcome) ?? Phrase.Outcome(heard.Outcome) ?? new("get consistent, predictable results", PhraseKind.Verb),
            Price = PriceReader.Parse(m.PricePoint) ?? heard.Price ?? PriceQuote.Default,
            Timeline = Wording.Clean(m.Timeline, 8) ?? heard.Timeline,
            Seed = Wording.Hash(string.Join('\u001f',
                m.BusinessName, m.Industry, m.TargetAudience, m.MainProblem, m.CurrentSolution, m.DesiredOutcome, m.PricePoint, m.Timeline, m.TranscriptText)),
        };
    }

    /// <summary>The name as the owner wrote it, tidied; a final full stop stays when it ends an abbreviation ("Co.", "Inc.").</summary>
    private static string? NameFrom(string? raw)
    {
        if (Wording.Clean(raw, 12) is not { } name)
        {
            return null;
        }

        var original = raw!.Trim();
        return original.EndsWith('.') && original.StartsWith(name, StringComparison.Ordinal) && Grammar.FirstWord(name[(name.LastIndexOf(' ') + 1)..]).Length <= 4
            ? name + "."
            : name;
    }

    private static string? AudienceFrom(string? raw)
    {
        var text = Wording.Clean(raw, 14);
        if (text is null)
        {
            return null;
        }

        text = AudienceLead().Replace(Wording.LowerFirst(text), "", 1);
        if (SingularLead().Match(text) is { Success: true } article)
        {
            text = SingularPronoun().Replace(PluralizeHead(text[article.Length..]), m => m.Value.ToUpperInvariant() switch
            {
                "SHE" or "HE" => "they",
                "HERSELF" or "HIMSELF" => "themselves",
                _ => "their",
            });
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>"busy mom in her 30s" → "busy moms in her 30s".</summary>
    private static string PluralizeHead(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var head = Array.FindIndex(words, w => HeadStops().IsMatch(w));
        head = (head < 0 ? words.Length : head) - 1;
        if (head < 0)
        {
            return text;
        }

        var w = words[head];
        words[head] = w.ToLowerInvariant() switch
        {
            "man" => "men",
            "woman" => "women",
            "person" => "people",
            "child" => "children",
            var lower when lower.EndsWith('s') || lower.EndsWith('x') || lower.EndsWith("ch", StringComparison.Ordinal) || lower.EndsWith("sh", StringComparison.Ordinal) => w + "es",
            var lower when lower.Length > 2 && lower.EndsWith('y') && !"aeiou".Contains(lower[^2], StringComparison.Ordinal) => w[..^1] + "ies",
            _ => w + "s",
        };
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"^(?:(?:our|my|the)\s+(?:target\s+|ideal\s+)?(?:audience|clients?|customers?|market|avatar)\s+(?:is|are)\s+)?(?:for\s+|mainly\s+|mostly\s+|primarily\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AudienceLead();

    [GeneratedRegex(@"\b(?:she|he|her|his|herself|himself)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingularPronoun();

    [GeneratedRegex(@"^(?:a|an|one)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SingularLead();

    [GeneratedRegex(@"^(?:in|with|who|that|of|over|under|aged|between|from|at|whose|running|looking|trying|,)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HeadStops();
}
