namespace Funnelcraft.Writers.Offline;

/// <summary>Just enough English grammar to fit free-text intake answers into sentences.</summary>
internal static class Grammar
{
    /// <summary>Words that, first in an answer, mean it is a predicate ("spend evenings on receipts").</summary>
    private static readonly HashSet<string> VerbStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "can't", "cannot", "can", "could", "don't", "do", "won't", "will", "would", "should", "aren't", "are", "am", "have", "haven't",
        "never", "always", "still", "just", "only", "constantly", "often", "rarely", "barely", "hardly", "keep", "struggle", "spend",
        "waste", "lose", "miss", "chase", "worry", "fear", "hate", "rely", "depend", "juggle", "burn", "sit", "stare", "try", "guess",
        "undercharge", "overwork", "procrastinate", "avoid", "doubt", "compete", "fall", "fail", "end", "sell", "make", "pay", "buy",
        "post", "feel", "know", "find", "hire", "grow", "double", "triple", "build", "launch", "book", "land", "close", "reach", "hit",
        "scale", "earn", "save", "stop", "create", "fill", "attract", "win", "write", "finish", "start", "turn", "become", "gain",
        "increase", "reduce", "cut", "sleep", "eat", "pass", "learn", "master", "retire", "travel", "quit", "automate", "sign", "take",
        "enjoy", "replace", "own", "go", "be", "see", "leave", "live", "bring", "generate", "convert", "charge", "raise", "get", "need",
        "want", "work", "run", "move", "stay", "look", "hear", "give", "overthink", "second-guess", "drown", "scramble", "ghost", "bounce",
        "churn", "skip", "forget", "ignore", "lack", "reclaim", "free", "fix", "organize", "organise", "streamline", "simplify",
        "understand", "use", "stand", "lead", "manage", "serve", "help", "walk", "speak", "pull", "bark", "jump", "bite", "chew", "refuse",
        "cry", "whine", "fight", "argue", "cancel", "drop", "complain", "disappear", "stall", "plateau", "slip", "drift", "pile", "dry",
        "come", "ask", "say", "think", "expect", "wait", "hope", "throw", "pray", "wing", "follow", "read",
        "scroll", "send",
    };

    private static readonly HashSet<string> NotGerunds = new(StringComparer.OrdinalIgnoreCase)
    {
        "nothing", "something", "everything", "anything", "morning", "evening", "spring", "string", "thing", "king", "ring", "wedding",
        "ceiling", "clothing", "housing", "ping", "bring", "sibling", "pudding", "during", "offering", "earnings", "savings",
    };

    private static readonly HashSet<string> DoubleFinal = new(StringComparer.OrdinalIgnoreCase)
    {
        "stop", "plan", "shop", "drop", "chat", "skip", "grab", "swap", "ship", "step", "scan", "spin", "trim", "slim", "begin", "forget",
    };

    public static bool IsVerb(string word) => VerbStarts.Contains(word);

    public static bool LooksLikeGerund(string word) =>
        word.Length >= 5 && word.EndsWith("ing", StringComparison.OrdinalIgnoreCase) && !NotGerunds.Contains(word);

    /// <summary>"hire" → "hiring", "run" → "running", "try" → "trying".</summary>
    public static string Gerund(string verb)
    {
        var v = verb.ToLowerInvariant();
        if (v is "be" or "see" or "flee" or "free")
        {
            return v + "ing";
        }

        if (v.EndsWith("ie", StringComparison.Ordinal))
        {
            return v[..^2] + "ying";
        }

        if (v.EndsWith('e') && !v.EndsWith("ee", StringComparison.Ordinal) && !v.EndsWith("ye", StringComparison.Ordinal) && !v.EndsWith("oe", StringComparison.Ordinal))
        {
            return v[..^1] + "ing";
        }

        var endsCvc = v.Length >= 3 && !IsVowel(v[^1]) && IsVowel(v[^2]) && !IsVowel(v[^3]) && v[^1] is not ('w' or 'x' or 'y');
        if (DoubleFinal.Contains(v) || (v.Length == 3 && endsCvc))
        {
            return v + v[^1] + "ing";
        }

        return v + "ing";
    }

    public static string FirstWord(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var word = space < 0 ? text : text[..space];
        return word.Trim(',', '.', ';', ':', '!', '?');
    }

    public static string AfterFirstWord(string text)
    {
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? "" : text[(space + 1)..];
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    /// <summary>"a" or "an" before <paramref name="phrase"/>, by its first sound as far as spelling tells ("an 8-week…", "a 12-week…").</summary>
    public static string WithArticle(string phrase)
    {
        var first = phrase.TrimStart();
        var digits = first.TakeWhile(char.IsAsciiDigit).Count();
        var vowelSound = first.Length > 0 && (IsVowel(char.ToLowerInvariant(first[0]))
            || first[0] == '8' // eight, eighty, eight hundred
            || digits == 2 && (first.StartsWith("11", StringComparison.Ordinal) || first.StartsWith("18", StringComparison.Ordinal))); // eleven, eighteen
        return (vowelSound ? "an " : "a ") + phrase;
    }
}
