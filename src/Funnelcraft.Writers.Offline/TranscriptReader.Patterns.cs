using System.Text.RegularExpressions;

namespace Funnelcraft.Writers.Offline;

/// <summary>The phrases people use on a call to say who they are, who they help, what hurts, what they want and what it costs.</summary>
internal static partial class TranscriptReader
{
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

    [GeneratedRegex(@"\b(?:they|clients|customers|people|my\s+clients)(?:'d|\s+would)?\s+(?:really\s+|just\s+)?(?<o>(?:want|love|like|need)\s+to\s+[^.!?]{3,140})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
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
