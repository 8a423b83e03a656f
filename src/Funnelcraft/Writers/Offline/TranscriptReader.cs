using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>What a call transcript seems to say about the business; any part may be missing.</summary>
internal sealed record HeardFacts(
    string? Name,
    string? Industry,
    string? Audience,
    string? Problem,
    string? CurrentSolution,
    string? Outcome,
    PriceQuote? Price,
    string? Timeline)
{
    public static HeardFacts None { get; } = new(null, null, null, null, null, null, null, null);
}

/// <summary>Pulls business facts out of a free-text call transcript with plain pattern matching (no AI, no network).</summary>
internal static partial class TranscriptReader
{
    private const int MaxChars = 40_000;

    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "I", "We", "So", "Um", "Uh", "And", "The", "It", "My", "Our", "This", "That", "Yes", "No", "Okay", "OK", "Facebook", "Instagram",
        "Google", "YouTube", "TikTok", "LinkedIn", "Zoom", "Etsy", "Amazon", "Shopify", "Excel", "Canva", "Twitter", "Pinterest", "Monday",
        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    };

    private static readonly HashSet<string> Fillers = new(StringComparer.OrdinalIgnoreCase)
    {
        "small", "little", "local", "new", "tiny", "boutique", "online", "solo", "one-person", "family", "family-run", "independent", "growing", "successful",
    };

    private static readonly HashSet<string> AudienceStops = new(StringComparer.OrdinalIgnoreCase)
    {
        "to", "who", "that", "so", "with", "by", "through", "achieve", "because", "when", "if", "which",
    };

    public static HeardFacts Read(string? transcript)
    {
        if (string.IsNullOrWhiteSpace(transcript))
        {
            return HeardFacts.None;
        }

        var statements = Sentences(transcript.Length > MaxChars ? transcript[..MaxChars] : transcript)
            .Where(s => !s.EndsWith('?'))
            .ToList();
        var (audience, helpedTo) = FindAudience(statements);
        return new(
            Name: FindName(statements),
            Industry: FindIndustry(statements),
            Audience: audience,
            Problem: First(statements, "p", BiggestProblem(), StrugglingWith()) ?? statements.FirstOrDefault(s => PainWords().IsMatch(s)),
            CurrentSolution: First(statements, "s", RightNow(), TheyUsually(), AlreadyTried()),
            Outcome: First(statements, "o", WhatTheyWant(), GoalIs(), TheyWant())
                ?? (First(statements, "o", SoTheyCan()) is { } can ? "to " + can : helpedTo),
            Price: FindPrice(statements),
            Timeline: FindTimeline(statements));
    }

    private static List<string> Sentences(string text)
    {
        var result = new List<string>();
        foreach (var rawLine in Timestamp().Replace(text, " ").Split('\n'))
        {
            var line = SpeakerLabel().Replace(rawLine.Trim(), "", 1);
            result.AddRange(SentenceBreak().Split(line).Select(s => s.Trim()).Where(s => s.Length > 0));
        }

        return result;
    }

    private static string? First(List<string> statements, string group, params Regex[] patterns)
    {
        foreach (var pattern in patterns)
        {
            foreach (var sentence in statements)
            {
                if (pattern.Match(sentence) is { Success: true } m && m.Groups[group].Value.Trim() is { Length: > 2 } value)
                {
                    return value;
                }
            }
        }

        return null;
    }

    private static string? FindName(List<string> statements)
    {
        foreach (var pattern in (Regex[])[CalledName(), FounderOf(), HereAt(), PersonFrom(), IRun(), MyBusinessComma()])
        {
            foreach (var sentence in statements)
            {
                foreach (Match m in pattern.Matches(sentence))
                {
                    var name = m.Groups["name"].Value.Trim().TrimEnd('.', ',');
                    var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    if (words.Length is > 0 and <= 6 && !(words.Length == 1 && NotNames.Contains(words[0])) && !NotNames.Contains(words[^1]))
                    {
                        return name;
                    }
                }
            }
        }

        return null;
    }

    private static string? FindIndustry(List<string> statements)
    {
        if (First(statements, "i", InTheIndustry()) is { } named)
        {
            return named;
        }

        foreach (var sentence in statements)
        {
            if (KindOfBusiness().Match(sentence) is not { Success: true } m)
            {
                continue;
            }

            var words = string.Join(' ', m.Groups["i"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !Fillers.Contains(w)));
            var noun = m.Groups["n"].Value.ToLowerInvariant();
            var industry = noun switch
            {
                "coach" => (words + " coaching").Trim(),
                "consultant" => (words + " consulting").Trim(),
                "business" or "company" or "brand" or "service" or "shop" or "store" or "firm" or "practice" => words,
                _ => (words + " " + noun).Trim(),
            };
            if (industry.Length > 2)
            {
                return industry;
            }
        }

        return null;
    }

    /// <summary>"We help busy professionals get strong" → ("busy professionals", "to get strong").</summary>
    private static (string? Audience, string? HelpedTo) FindAudience(List<string> statements)
    {
        foreach (var sentence in statements)
        {
            if (WeHelp().Match(sentence) is not { Success: true } m)
            {
                continue;
            }

            var words = m.Groups["a"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cut = 1;
            while (cut < words.Length && cut < 9 && !AudienceStops.Contains(words[cut]) && !Grammar.IsVerb(words[cut]))
            {
                cut++;
            }

            var helpedTo = cut < words.Length && Grammar.IsVerb(words[cut]) ? "to " + string.Join(' ', words[cut..]) : null;
            return (string.Join(' ', words[..cut]), helpedTo);
        }

        return (First(statements, "a", MyClientsAre()), null);
    }

    private static PriceQuote? FindPrice(List<string> statements)
    {
        foreach (var sentence in statements.Where(s => PriceWords().IsMatch(s)))
        {
            if (PriceReader.Parse(sentence) is { } quote)
            {
                return quote;
            }
        }

        return statements.Where(s => CurrencyMark().IsMatch(s)).Select(PriceReader.Parse).FirstOrDefault(q => q is not null);
    }

    private static string? FindTimeline(List<string> statements)
    {
        foreach (var sentence in statements)
        {
            if (Duration().Match(sentence) is { Success: true } m)
            {
                var n = m.Groups["n"].Value.ToUpperInvariant() switch
                {
                    "ONE" or "A" or "AN" => "1", "TWO" => "2", "THREE" => "3", "FOUR" => "4", "FIVE" => "5", "SIX" => "6", "SEVEN" => "7",
                    "EIGHT" => "8", "NINE" => "9", "TEN" => "10", "ELEVEN" => "11", "TWELVE" => "12", var digits => digits,
                };
                var unit = m.Groups["u"].Value.ToLowerInvariant();
                return n == "1" ? $"1 {unit}" : $"{n} {unit}s";
            }
        }

        return null;
    }

    private const string NamePattern = @"(?<name>(?:[Tt]he\s+)?[A-Z0-9][\w'&.-]*(?:\s+(?:(?:&|and|of|for|the|de|la|le)\s+)?[A-Z0-9][\w'&.-]*){0,5})";

    [GeneratedRegex(@"\[?\(?\b\d{1,2}:\d{2}(?::\d{2})?\b\)?\]?")]
    private static partial Regex Timestamp();

    [GeneratedRegex(@"^(?:[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2}|Speaker\s*\d+|[QA])\s*:\s+")]
    private static partial Regex SpeakerLabel();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"(?i:\b(?:called|named)\s+)" + NamePattern)]
    private static partial Regex CalledName();

    [GeneratedRegex(@"(?i:\b(?:founder|co-founder|owner|ceo|director|head\s+coach)\s+(?:of|at)\s+)" + NamePattern)]
    private static partial Regex FounderOf();

    [GeneratedRegex(@"(?i:\b(?:here\s+at|welcome\s+to)\s+)" + NamePattern)]
    private static partial Regex HereAt();

    [GeneratedRegex(@"(?i:\b(?:I'm|I\s+am|this\s+is|it's)\s+\w+(?:\s+\w+)?\s+(?:from|with|at)\s+)" + NamePattern)]
    private static partial Regex PersonFrom();

    [GeneratedRegex(@"(?i:\b(?:I|we)\s+(?:run|own|founded|started|launched|co-founded|built)\s+)" + NamePattern)]
    private static partial Regex IRun();

    [GeneratedRegex(@"(?i:\bmy\s+(?:business|company|brand|studio|agency|practice|shop|firm|clinic)\s*,\s*)" + NamePattern)]
    private static partial Regex MyBusinessComma();

    [GeneratedRegex(@"\bin\s+the\s+(?<i>[a-z][a-z&/ -]{2,40}?)\s+(?:industry|space|niche|market|sector)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InTheIndustry();

    [GeneratedRegex(@"(?:\b(?:I'm|I\s+am|we're|we\s+are|it's|it\s+is|run|own)|,)\s+an?\s+(?<i>(?:[a-z-]+\s+){0,3}?)(?<n>business|company|agency|studio|practice|clinic|shop|firm|consultancy|coach|consultant|bakery|salon|gym|restaurant|cafe|store|brand|school|academy|service)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KindOfBusiness();

    [GeneratedRegex(@"\b(?:we|I)\s+(?:mostly\s+|mainly\s+)?(?:help|work\s+with|serve|coach|teach|train|support|specialize\s+in\s+helping|specialise\s+in\s+helping)\s+(?<a>[^.,;!?]{3,120})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WeHelp();

    [GeneratedRegex(@"\bmy\s+(?:clients|customers|students|ideal\s+clients?)\s+(?:are|is)\s+(?:mostly\s+|usually\s+|typically\s+|all\s+)?(?<a>[^.,;!?]{3,100})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MyClientsAre();

    [GeneratedRegex(@"\b(?:biggest|main|real|number\s+one|#1|core)\s+(?:problem|challenge|issue|struggle|frustration|pain(?:\s+point)?)\s+(?:\w+\s+){0,3}?(?:is|are)\s+(?:that\s+)?(?<p>[^.!?]{3,160})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BiggestProblem();

    [GeneratedRegex(@"\b(?:they|clients|customers|people|most\s+of\s+them|my\s+clients|I)\s+(?<p>(?:really\s+|often\s+|always\s+)?(?:struggl\w*|can't|cannot|don't\s+know\s+how|have\s+(?:a\s+hard\s+time|trouble)|find\s+it\s+hard|are\s+(?:overwhelmed|stuck|frustrated|tired|burned\s+out|burnt\s+out|drowning|losing|wasting))[^.!?]{3,150})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StrugglingWith();

    [GeneratedRegex(@"\b(?:struggl\w*|frustrat\w*|overwhelm\w*|stuck|problem|pain|can't|cannot|hard\s+to|difficult)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PainWords();

    [GeneratedRegex(@"\b(?:right\s+now|currently|at\s+the\s+moment|these\s+days)\s*,?\s+(?:(?:they|most\s+of\s+them|my\s+clients|people|clients|customers)\s+)?(?<s>[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RightNow();

    [GeneratedRegex(@"\b(?:they|most\s+people|my\s+clients|clients|customers|people)\s+(?:usually|typically|often|normally|mostly|tend\s+to)\s+(?<s>(?:try|use|rely\s+on|turn\s+to|go\s+to|hire|buy|watch|do)\b[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TheyUsually();

    [GeneratedRegex(@"\b(?:they've|they\s+have|most\s+have|they)\s+(?:already\s+)?tried\s+(?<s>[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlreadyTried();

    [GeneratedRegex(@"\bwhat\s+(?:they|my\s+clients|people|customers)\s+(?:really\s+|actually\s+)?want\s+is\s+(?<o>[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WhatTheyWant();

    [GeneratedRegex(@"\b(?:their|the)\s+(?:main\s+|big\s+|ultimate\s+)?(?:goal|dream|aim)\s+is\s+(?<o>[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoalIs();

    [GeneratedRegex(@"\b(?:they|clients|customers|people|my\s+clients)\s+(?:really\s+|just\s+)?(?<o>(?:want|would\s+love|need)\s+to\s+[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TheyWant();

    [GeneratedRegex(@"\bso\s+(?:that\s+)?(?:they|people|clients)\s+can\s+(?<o>[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SoTheyCan();

    [GeneratedRegex(@"\b(?:charg\w*|price\w*|pricing|cost\w*|invest\w*|fees?|pay|paying|sell\w*\s+(?:it\s+)?for|program\s+(?:is|at)|package)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PriceWords();

    [GeneratedRegex(@"[$€£¥₹]|\b(?:USD|EUR|GBP|CAD|AUD|dollars|euros|pounds|bucks)\b|\d\s?k\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyMark();

    [GeneratedRegex(@"\b(?:within|in|over|under|a|an|the|our|my|about)\s+(?<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)[\s-]+(?<u>day|week|month|year)s?\b(?!\s+ago)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
