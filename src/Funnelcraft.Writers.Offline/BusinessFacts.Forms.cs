using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>The intake's answers shaped for the places templates put them (who-clauses, "you" copy, headlines).</summary>
internal sealed partial record BusinessFacts
{
    private static readonly HashSet<string> AudienceQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "with", "who", "that", "in", "at", "aged", "between", "from", "whose", "across", "running", "based", "living", "working",
    };

    /// <summary>The business's name, or neutral wording when the intake has none.</summary>
    public string Brand => Name ?? "your business";

    /// <summary>" from Acme", or nothing when the name is unknown.</summary>
    public string FromBrand => Name is null ? "" : " from " + Name;

    public string Team => Name is null ? "The team" : $"The {Name} team";

    /// <summary>The audience as a plural noun phrase, with a neutral stand-in.</summary>
    public string Folks => Audience ?? (Industry is null ? "people in your situation" : Industry + " clients");

    /// <summary>The audience without its qualifiers, for repeat mentions: "owners of small service businesses".</summary>
    public string FolksShort
    {
        get
        {
            if (Audience is null)
            {
                return Folks;
            }

            var words = Audience.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cut = words.Length > 2 ? Array.FindIndex(words, 2, AudienceQualifiers.Contains) : -1;
            return cut > 0 ? string.Join(' ', words[..cut]).TrimEnd(',') : Wording.Shorten(Audience, 7);
        }
    }

    /// <summary>The offer's price as people read it, with "/month" when the intake's price repeats.</summary>
    public string PriceOf(Steps.Offer.OfferContent offer) =>
        offer.Price == Price.Amount && offer.Currency == Price.Currency ? Price.Text : PriceReader.Format(offer.Price, offer.Currency);

    public bool HighTicket => Price.Amount >= Steps.Offer.OfferContent.BookCallThreshold;

    /// <summary>"spend their evenings sorting receipts" / "are spending too much on ads" / "struggle with cash flow".</summary>
    public string ProblemThey(int maxWords = 24)
    {
        var p = Problem.Short(maxWords);
        return p.Kind switch
        {
            PhraseKind.Verb => p.Text.Replace(" and they ", " and ", StringComparison.OrdinalIgnoreCase),
            PhraseKind.Gerund => "are " + p.Text,
            PhraseKind.Noun => "struggle with " + p.Text,
            _ => "find that " + p.Text,
        };
    }

    public string ProblemWho(int maxWords = 24) => "who " + ProblemThey(maxWords);

    /// <summary>"you spend your evenings sorting receipts" / "your books are a mess".</summary>
    public string ProblemYou(int maxWords = 24)
    {
        var p = Problem.Short(maxWords);
        var you = Wording.You(p.Text);
        return p.Kind switch
        {
            PhraseKind.Verb => "you " + you,
            PhraseKind.Gerund => "you're " + you,
            PhraseKind.Noun => "you're struggling with " + you,
            _ => you,
        };
    }

    /// <summary>What the customer wants, as something to do: "get clean monthly books", "double their revenue".</summary>
    public string OutcomeDo(int maxWords = 16)
    {
        var o = Outcome.Short(maxWords);
        return o.Kind switch
        {
            PhraseKind.Verb => o.Text,
            PhraseKind.Gerund => "start " + o.Text,
            PhraseKind.Noun => "get " + o.Text,
            _ => "get to the point where " + o.Text,
        };
    }

    public string OutcomeDoYou(int maxWords = 16) => Wording.You(OutcomeDo(maxWords));

    /// <summary>What the customer wants, as a thing: "clean monthly books", "being able to double their revenue".</summary>
    public string OutcomeThing(int maxWords = 16)
    {
        var o = Outcome.Short(maxWords);
        return o.Kind switch
        {
            PhraseKind.Verb when o.Text.StartsWith("be able to ", StringComparison.OrdinalIgnoreCase) => "being" + o.Text[2..],
            PhraseKind.Verb => "being able to " + o.Text,
            PhraseKind.Gerund or PhraseKind.Noun => o.Text,
            _ => "the point where " + o.Text,
        };
    }

    public string OutcomeThingYou(int maxWords = 16) => Wording.You(OutcomeThing(maxWords));

    /// <summary>The outcome as the subject of a sentence, so the verb agrees: "Getting to clean books", "Being able to rest".</summary>
    public string OutcomeSubject(int maxWords = 16) =>
        Wording.UpperFirst(Outcome.Kind is PhraseKind.Noun or PhraseKind.Clause ? "getting to " + OutcomeThing(maxWords) : OutcomeThing(maxWords));

    /// <summary>Today's fix in the audience's words ("spreadsheets and a shoebox of receipts"); null when unknown.</summary>
    public string? SolutionThem(int maxWords = 10) => Solution?.Short(maxWords).Text;

    public string? SolutionYou(int maxWords = 10) => SolutionThem(maxWords) is { } s ? Wording.You(s) : null;

    /// <summary>Today's fix as a singular subject: "relying on spreadsheets", "hiring freelancers"; null when unknown.</summary>
    public string? SolutionSubjectYou(int maxWords = 10) =>
        SolutionYou(maxWords) is not { } s ? null : Solution!.Kind == PhraseKind.Gerund ? s : "relying on " + s;

    /// <summary>", without spreadsheets" or nothing.</summary>
    public string WithoutSolution(bool you = true) => SolutionThem() is null ? "" : " — without " + (you ? SolutionYou() : SolutionThem());

    /// <summary>The timeline as a phrase that follows a verb: "in 90 days", "by next spring"; null when not usable.</summary>
    public string? When
    {
        get
        {
            if (Timeline is not { } t)
            {
                return null;
            }

            var lower = Wording.LowerFirst(t);
            return TimelineLead().IsMatch(lower) ? lower
                : TimelineAmount().IsMatch(lower) ? "in " + lower
                : TimelineSoon().IsMatch(lower) ? "as fast as possible"
                : TimelineDate().IsMatch(lower) ? "by " + lower
                : null;
        }
    }

    public string WhenOr(string fallback) => When ?? fallback;

    /// <summary>"90-Day" for a timeline of "90 days"; null for ranges and vague timelines.</summary>
    public string? DurationLabel
    {
        get
        {
            if (Timeline is not { } t || TimelineRange().IsMatch(t) || TimelineDuration().Match(t) is not { Success: true } m)
            {
                return null;
            }

            var n = m.Groups["n"].Value.ToUpperInvariant() switch
            {
                "ONE" or "A" or "AN" => "1", "TWO" => "2", "THREE" => "3", "FOUR" => "4", "FIVE" => "5", "SIX" => "6", "SEVEN" => "7",
                "EIGHT" => "8", "NINE" => "9", "TEN" => "10", "ELEVEN" => "11", "TWELVE" => "12", var digits => digits,
            };
            return n + "-" + Wording.UpperFirst(m.Groups["u"].Value.ToLowerInvariant());
        }
    }

    [GeneratedRegex(@"^(?:in|within|by|over|under|before|after|inside|during|around)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimelineLead();

    [GeneratedRegex(@"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple|a|an|about|roughly)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimelineAmount();

    [GeneratedRegex(@"^(?:asap|as soon as possible|fast|quickly|right away|immediately|now|urgent(?:ly)?|yesterday)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimelineSoon();

    [GeneratedRegex(@"^(?:next|this|the end of|end of|q[1-4]|january|february|march|april|may|june|july|august|september|october|november|december|spring|summer|fall|autumn|winter|\d{4})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimelineDate();

    [GeneratedRegex(@"\d\s*(?:-|–|to)\s*\d", RegexOptions.CultureInvariant)]
    private static partial Regex TimelineRange();

    [GeneratedRegex(@"\b(?<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|an)\s*-?\s*(?<u>day|week|month|year)s?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TimelineDuration();
}
