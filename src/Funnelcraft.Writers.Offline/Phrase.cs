using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>How an intake answer reads, which decides how it can be placed in a sentence.</summary>
internal enum PhraseKind
{
    /// <summary>A predicate without its subject: "spend their evenings sorting receipts".</summary>
    Verb,
    /// <summary>"spending too much on ads".</summary>
    Gerund,
    /// <summary>"inconsistent cash flow".</summary>
    Noun,
    /// <summary>A whole statement: "their books are a mess".</summary>
    Clause,
}

/// <summary>An intake answer normalised (no subject, no wrapper words) with the way it reads.</summary>
internal sealed partial record Phrase(string Text, PhraseKind Kind)
{
    private static readonly HashSet<string> Linking = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "are", "isn't", "aren't", "was", "were", "feels", "feel", "has", "have", "hasn't", "haven't", "don't", "doesn't", "can't",
        "won't", "never", "keeps", "keep", "gets", "get", "takes", "goes", "go", "runs", "run", "looks", "look", "end", "ends",
    };

    private static readonly HashSet<string> Relatives = new(StringComparer.OrdinalIgnoreCase) { "that", "which", "who", "where", "when", "whose" };

    private static readonly HashSet<string> NotActions = new(StringComparer.OrdinalIgnoreCase)
    {
        "can't", "cannot", "can", "could", "don't", "do", "won't", "will", "would", "should", "aren't", "are", "am", "have", "haven't",
        "never", "always", "still", "just", "only", "keep", "feel", "know", "need", "want", "lack", "be",
    };

    public static Phrase? Problem(string? raw) => Parse(raw, 24, ProblemLead());

    public static Phrase? Outcome(string? raw) => Parse(raw, 24, OutcomeLead());

    /// <summary>What the customer does today, as something you can do "without" or "instead of"; null when it does not read that way.</summary>
    public static Phrase? Solution(string? raw)
    {
        var text = Wording.Clean(raw, 16);
        if (text is null)
        {
            return null;
        }

        text = Adverbs().Replace(Subject().Replace(Wording.LowerFirst(text), "", 1), "", 1);
        if (DoItThemselves().IsMatch(text))
        {
            return new("doing it all themselves", PhraseKind.Gerund);
        }

        var parsed = Parse(UsageLead().Replace(text, "", 1), 16, null);
        return parsed?.Kind switch
        {
            PhraseKind.Noun or PhraseKind.Gerund => parsed,
            PhraseKind.Verb when !NotActions.Contains(Grammar.FirstWord(parsed.Text)) => new(AsGerund(parsed.Text), PhraseKind.Gerund),
            _ => null,
        };
    }

    /// <summary>"throw everything in a folder and hope" → "throwing everything in a folder and hoping".</summary>
    private static string AsGerund(string predicate)
    {
        var words = predicate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < words.Length; i++)
        {
            if ((i == 0 || words[i - 1] is "and" or "or" or "then") && Grammar.IsVerb(words[i]) && !NotActions.Contains(words[i]))
            {
                words[i] = Grammar.Gerund(words[i]);
            }
        }

        return string.Join(' ', words);
    }

    public Phrase Short(int maxWords) => this with { Text = Wording.Shorten(Text, maxWords) };

    private static Phrase? Parse(string? raw, int maxWords, Regex? lead)
    {
        var text = Wording.Clean(raw, maxWords);
        if (text is null)
        {
            return null;
        }

        text = Wording.LowerFirst(text);
        var forceVerb = false;
        if (lead is not null && lead.Match(text) is { Success: true } wrapper)
        {
            forceVerb = wrapper.Value.TrimEnd().EndsWith(" to", StringComparison.OrdinalIgnoreCase) || wrapper.Value.Trim().Equals("to", StringComparison.OrdinalIgnoreCase);
            text = text[wrapper.Length..];
        }

        var contraction = Contraction().Match(text);
        var subjectless = false;
        if (contraction.Success)
        {
            text = contraction.Groups["verb"].Value.ToUpperInvariant() switch
            {
                "RE" or "M" => "are ",
                "VE" => "have ",
                "LL" => "will ",
                _ => "would ",
            } + text[contraction.Length..];
            subjectless = true;
        }
        else if (Subject().Match(text) is { Success: true } subject)
        {
            text = text[subject.Length..];
            subjectless = true;
        }

        if (lead is not null && lead.Match(text) is { Success: true } inner)
        {
            forceVerb |= inner.Value.TrimEnd().EndsWith(" to", StringComparison.OrdinalIgnoreCase) || inner.Value.Trim().Equals("to", StringComparison.OrdinalIgnoreCase);
            subjectless &= forceVerb;
            text = text[inner.Length..];
        }

        text = Rewrite(text, out var rewritten);
        if (text.Length == 0)
        {
            return null;
        }

        var kind = rewritten || forceVerb ? PhraseKind.Verb : Classify(text);
        if (subjectless && kind is PhraseKind.Noun or PhraseKind.Clause)
        {
            kind = PhraseKind.Verb;
        }

        return new(text, kind);
    }

    private static string Rewrite(string text, out bool toVerb)
    {
        toVerb = true;
        if (NotEnough().Match(text) is { Success: true } notEnough)
        {
            return "don't have enough " + notEnough.Groups[1].Value;
        }

        if (NoThing().Match(text) is { Success: true } none)
        {
            return "have no " + none.Groups[1].Value;
        }

        if (LackOf().Match(text) is { Success: true } lack)
        {
            return "lack " + lack.Groups[1].Value;
        }

        if (TooMuch().Match(text) is { Success: true } tooMuch)
        {
            return "have " + tooMuch.Value;
        }

        if (TooAdjective().IsMatch(text))
        {
            return "are " + text;
        }

        if (text.StartsWith("being able to ", StringComparison.OrdinalIgnoreCase))
        {
            return "be able to " + text["being able to ".Length..];
        }

        toVerb = false;
        return text;
    }

    private static PhraseKind Classify(string text)
    {
        var first = Grammar.FirstWord(text);
        if (Grammar.IsVerb(first))
        {
            return PhraseKind.Verb;
        }

        if (Grammar.LooksLikeGerund(first))
        {
            return PhraseKind.Gerund;
        }

        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 1; i < Math.Min(5, words.Length); i++)
        {
            if (Relatives.Contains(words[i - 1]))
            {
                break;
            }

            // "their books are a mess", or a plural subject and a plain verb: "dogs pull on the leash".
            if (Linking.Contains(words[i]) || (Grammar.IsVerb(words[i]) && words[i - 1].EndsWith('s') && !Grammar.IsVerb(words[i - 1])))
            {
                return PhraseKind.Clause;
            }
        }

        return PhraseKind.Noun;
    }

    [GeneratedRegex(@"^(?:they|we|i|most of them|many of them|most people|people|my clients|our clients|their clients|clients|my customers|our customers|customers|my students|students)\s+(?!who\b|that\b|which\b|like\b|in\b|with\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Subject();

    [GeneratedRegex(@"^(?:they|we|i)'(?<verb>re|m|ve|ll|d)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Contraction();

    [GeneratedRegex(@"^(?:(?:the|my|our|their)\s+)?(?:(?:biggest|main|real|core|number one|#1)\s+)?(?:problem|challenge|issue|struggle|pain point|pain|frustration)\s+(?:is|=)\s+(?:that\s+)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ProblemLead();

    [GeneratedRegex(@"^(?:(?:(?:the|my|our|their)\s+)?(?:(?:main|ultimate|big|real)\s+)?(?:goal|dream|aim|vision|outcome)\s+is\s+(?:to\b)?|what\s+(?:they|we|i)\s+(?:really\s+)?want\s+is\s+(?:to\b)?|(?:really\s+)?(?:would like|'d like|like|hope|hopes|wish|wishes|aim|aims|plan|plans|would love|love|are looking|is looking)\s+to\b|(?:really\s+)?(?:want|wants|need|needs)(?:\s+to\b)?|dream\s+of|to\b)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OutcomeLead();

    [GeneratedRegex(@"^(?:(?:currently|mostly|usually|just|often|typically|sometimes|mainly|still)\s+)*(?:(?:are|is)\s+)?(?:use|uses|using|try|tries|trying|rely on|relies on|relying on|depend on|depending on|turn to|turning to|go to|buy|buying|pay for|paying for|watch|watching)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UsageLead();

    [GeneratedRegex(@"^(?:(?:just|mostly|usually|currently|often|typically|sometimes|mainly|still|basically|kind of|sort of|simply)\s+)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Adverbs();

    [GeneratedRegex(@"^(?:diy|do(?:ing)? it(?: all)?(?: (?:themselves|myself|ourselves|yourself|alone|on (?:their|my|our|your) own))?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DoItThemselves();

    [GeneratedRegex(@"^not enough\s+(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NotEnough();

    [GeneratedRegex(@"^no\s+(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NoThing();

    [GeneratedRegex(@"^(?:a\s+)?lack\s+of\s+(.+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LackOf();

    [GeneratedRegex(@"^too\s+(?:much|many)\s+.+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TooMuch();

    [GeneratedRegex(@"^too\s+\w+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TooAdjective();
}
