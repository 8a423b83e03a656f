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
}
