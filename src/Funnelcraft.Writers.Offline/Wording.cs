using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>Text helpers the offline templates share: cleaning intake answers, casing, person and length.</summary>
internal static partial class Wording
{
    private static readonly HashSet<string> BlankAnswers = new(StringComparer.OrdinalIgnoreCase)
    {
        "n/a", "na", "none", "nothing", "nothing yet", "nothing really", "not sure", "unknown", "tbd", "-", "?", "idk", "no", "nope",
    };

    private static readonly HashSet<string> TrailingFillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "but", "the", "a", "an", "of", "to", "with", "for", "in", "on", "at", "so", "because", "that", "which", "while", "their", "your", "my", "our",
    };

    private static readonly HashSet<string> BreakWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "but", "because", "so", "which", "while", "or", "-", "—", "then",
    };

    /// <summary>Words that start a sentence but are not names, so they can be lower-cased mid-sentence.</summary>
    private static readonly HashSet<string> CommonStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "they", "their", "them", "we", "our", "my", "you", "your", "the", "a", "an", "most", "many", "some", "all", "every", "no", "not",
        "too", "more", "less", "lack", "low", "high", "poor", "little", "few", "much", "inconsistent", "consistent", "clean", "clear", "better",
        "constant", "steady", "predictable", "unpredictable", "busy", "small", "new", "first", "real", "financial", "people", "clients",
        "customers", "owners", "women", "men", "parents", "moms", "dads", "busy", "local", "online", "to", "being", "having", "how", "what",
        "when", "where", "why", "just", "still", "never", "always", "only", "very", "zero", "one", "two", "three", "double", "triple",
    };

    /// <summary>Names people often start an answer with; they keep their capital letter.</summary>
    private static readonly HashSet<string> ProperNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "etsy", "amazon", "shopify", "instagram", "tiktok", "youtube", "facebook", "linkedin", "google", "airbnb", "uber", "peloton", "apple",
        "android", "microsoft", "salesforce", "hubspot", "zoom", "excel", "quickbooks", "xero", "notion", "wordpress", "squarespace", "wix",
        "pinterest", "twitter", "substack", "patreon", "kajabi", "teachable", "canva", "slack", "ebay", "walmart", "christian", "catholic",
        "jewish", "muslim", "american", "british", "canadian", "australian", "european", "english", "spanish", "french", "german", "latino", "latina",
    };

    public static string? Clean(string? text, int maxWords = 40)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var s = Spaces().Replace(text.Replace('’', '\'').Replace('‘', '\''), " ").Trim();
        s = s.TrimStart('-', '*', '•', ' ', '"', '“').TrimEnd('"', '”', ' ');
        s = s.TrimEnd('.', ',', ';', ':', '!', ' ', '-', '—');
        if (s.Length == 0 || BlankAnswers.Contains(s))
        {
            return null;
        }

        return Shorten(s, maxWords);
    }

    /// <summary>Keeps at most <paramref name="maxWords"/> words, preferring to end at a natural break.</summary>
    public static string Shorten(string text, int maxWords)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords)
        {
            return text;
        }

        var best = -1;
        for (var i = 2; i < maxWords; i++)
        {
            var word = words[i];
            if (word.EndsWith('.') || word.EndsWith(';') || word.EndsWith(',') || word.EndsWith(':') || BreakWords.Contains(words[i + 1]))
            {
                best = i;
            }
        }

        if (best < 0 && words.Length <= maxWords + (maxWords / 3) + 1)
        {
            return text;
        }

        var kept = words.Take(best >= 0 ? best + 1 : maxWords).ToList();
        while (kept.Count > 1 && TrailingFillers.Contains(kept[^1].TrimEnd(',', ';', ':', '.')))
        {
            kept.RemoveAt(kept.Count - 1);
        }

        return string.Join(' ', kept).TrimEnd(',', ';', ':', '.', '-', '—');
    }

    public static string UpperFirst(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>Lower-cases the first word when it reads like an ordinary word rather than a name.</summary>
    public static string LowerFirst(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var first = space < 0 ? text : text[..space];
        if (first.Length < 2 || !char.IsUpper(first[0]) || first.Skip(1).Any(char.IsUpper) || first.StartsWith("I'", StringComparison.Ordinal))
        {
            return text;
        }

        var letters = new string([.. first.Where(char.IsLetter)]);
        var rest = space < 0 ? "" : text[space..];
        var ordinary = !ProperNouns.Contains(letters)
            && (CommonStarts.Contains(letters) || Grammar.IsVerb(letters) || Grammar.LooksLikeGerund(letters) || !rest.Any(char.IsUpper));
        return ordinary ? char.ToLowerInvariant(text[0]) + text[1..] : text;
    }

    /// <summary>"Weekly live Q&amp;A calls" → "weekly live Q&amp;A calls"; leaves "Q&amp;A sessions" and "AI tools" alone.</summary>
    public static string LowerInitial(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && char.IsLower(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    public static string? LowerFirstOrNull(string? text) => text is null ? null : LowerFirst(text);

    /// <summary>Turns third-person wording about the customer ("they lose their weekends") into "you" wording.</summary>
    public static string You(string text) => TheyWords().Replace(text, m =>
    {
        var replacement = m.Value.ToUpperInvariant() switch
        {
            "THEY'RE" => "you're",
            "THEY'VE" => "you've",
            "THEY'LL" => "you'll",
            "THEY'D" => "you'd",
            "THEMSELVES" or "THEMSELF" => "yourself",
            "THEIRS" => "yours",
            "THEIR" => "your",
            _ => "you",
        };
        return char.IsUpper(m.Value[0]) ? UpperFirst(replacement) : replacement;
    });

    /// <summary>Ends the text with a full stop unless it already ends a sentence.</summary>
    public static string Sentence(string text)
    {
        var s = UpperFirst(text.Trim());
        return s.Length == 0 || s[^1] is '.' or '!' or '?' ? s : s + ".";
    }

    public static int Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>"a, b and c".</summary>
    public static string List(IEnumerable<string> items)
    {
        var all = items.ToList();
        return all.Count switch
        {
            0 => "",
            1 => all[0],
            _ => string.Join(", ", all.Take(all.Count - 1)) + " and " + all[^1],
        };
    }

    /// <summary>A stable 32-bit FNV-1a hash: the same text gives the same number on every machine and run.</summary>
    public static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    /// <summary>Chooses one of <paramref name="options"/> from the intake's seed; <paramref name="salt"/> keeps choices independent.</summary>
    public static T Pick<T>(uint seed, string salt, IReadOnlyList<T> options) =>
        options[(int)(Hash(salt + "|" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture)) % (uint)options.Count)];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\b(?:they're|they've|they'll|they'd|themselves|themself|theirs|their|them|they)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TheyWords();
}
