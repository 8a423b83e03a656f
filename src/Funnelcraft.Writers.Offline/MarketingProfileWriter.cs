using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>Step 0: the brand voice (300–500 words) and the facts every later piece of copy should know.</summary>
internal static class MarketingProfileWriter
{
    public const int MinWords = 300;
    public const int MaxWords = 500;

    /// <summary>The words a shorter version of the voice keeps at most (it still ends on a whole sentence past <see cref="MinWords"/>).</summary>
    private const int ShorterWords = 330;

    public static MarketingProfileContent Write(BusinessFacts f, OfferContent offer, LengthWish length = LengthWish.Same)
    {
        var tone = ToneProfile.For(f);
        var method = Method.For(f);
        var when = f.When is { } w ? " " + w : "";
        return new MarketingProfileContent
        {
            BrandVoice = BrandVoice(f, offer, tone, method, length),
            ToneSettings = new ToneSettings(
                tone.PrimaryTone,
                f.HighTicket ? tone.Formality + ", a touch more polished for a premium offer" : tone.Formality,
                tone.Energy,
                tone.WordsToUse,
                tone.WordsToAvoid),
            BusinessContext = new BusinessContext(
                f.Name ?? "Your business",
                f.Industry is null ? "Not specified" : Wording.UpperFirst(f.Industry),
                f.Audience is null ? "Not specified" : Wording.UpperFirst(f.Audience),
                Wording.Sentence($"{f.Folks} {f.ProblemThey()}"),
                Wording.Sentence($"{f.Folks} want to {f.OutcomeDo()}{when}"),
                $"{Wording.UpperFirst(method.Name)}: {method.PhaseArrow}"),
            ProductKnowledge = new ProductKnowledge(
                offer.Name,
                offer.Price,
                offer.Currency,
                offer.Promise,
                [.. offer.Features.Select(x => x.Title)],
                offer.Guarantee,
                offer.Pathway),
        };
    }

    private static string BrandVoice(BusinessFacts f, OfferContent offer, ToneProfile tone, Method method, LengthWish length)
    {
        var brand = f.Name ?? "The business";
        var folks = f.FolksShort;
        var when = f.When is { } w ? " " + w : "";
        var price = f.PriceOf(offer);
        var adjectives = tone.PrimaryTone.ToLowerInvariant();
        var solution = f.SolutionThem(8);

        List<string> required =
        [
            $"{brand}{(f.Industry is null ? "" : $" ({f.Industry})")} serves {Wording.Shorten(f.Folks, 12)}. Our voice is {adjectives}: we sound like {tone.Persona}. " +
            "Readers should finish every page feeling understood, a little lighter, and clear about their next step.",

            $"We write for {folks} {f.ProblemWho(12)}. They are smart and stretched thin, and tired of advice that sounds good but changes nothing. " +
            (solution is null ? "" : $"Most have already tried {solution}, so we never pretend that more of the same will work. ") +
            "We never talk down to them, never blame them for where they are, and never pretend the fix is effortless.",

            $"Everything we write points toward one outcome: helping them {f.OutcomeDo(12)}{when}. We describe that outcome in concrete, everyday terms " +
            $"(what their week looks like afterwards) rather than in abstract hype. When we mention {offer.Name}, we lead with the result, then the process " +
            $"({method.Name}: {method.PhaseNames}), and only then the price of {price}.",

            tone.Specifics,

            "Style: short sentences and plain words, one idea per paragraph. We say \"you\" far more than \"we\". We back claims with specifics " +
            "(numbers, timeframes, client stories) and never promise results we can't stand behind. Headlines name the outcome, body copy names the problem " +
            "honestly, and every call to action says exactly what happens next.",

            $"Words and phrases we reach for: {Wording.List(tone.WordsToUse.Select(x => $"\"{x}\""))}. Words we avoid: " +
            $"{Wording.List(tone.WordsToAvoid.Select(x => $"\"{x}\""))}, plus anything that would make a skeptical reader roll their eyes.",

            $"Sounds like: \"You don't need to work harder to {f.OutcomeDoYou(8)}. You need the right next step, and we'll show you what it is.\" " +
            "Doesn't sound like: \"INSANE results GUARANTEED!!! This once-in-a-lifetime opportunity won't last!\"",

            offer.Pathway == "book_call"
                ? $"Because {offer.Name} is a high-touch program at {price}, our calls to action invite a conversation rather than push a purchase: " +
                  "we offer a free, no-pressure call and say so plainly if it isn't a fit."
                : $"Because {offer.Name} is an easy yes at {price}, our calls to action are direct and confident: we say what they get, what it costs, " +
                  "and that the guarantee has them covered.",
        ];
        string[] optional =
        [
            "Across channels: on registration and sales pages we are confident and specific; in follow-up e-mails we are personal and brief, " +
            "written as one person to another; on social media we open with a moment from the reader's week that they will instantly recognise.",

            $"Consistency matters more than cleverness. Whoever writes for {brand}, the reader should hear the same voice, the same respect for their time, " +
            $"and the same honest promise: a clear way to {f.OutcomeDo(8)}.",

            "When in doubt, we read a draft aloud and ask one question: would a trusted friend who happens to be an expert say it this way? If not, we rewrite it.",
        ];

        var paragraphs = required;
        foreach (var extra in optional)
        {
            var words = Words(paragraphs);
            // A longer voice takes every paragraph that fits; the usual one stops a little past the minimum.
            if ((length != LengthWish.Longer && words >= MinWords + 40) || words + Wording.Words(extra) > MaxWords)
            {
                break;
            }

            paragraphs = [.. paragraphs, extra];
        }

        return Cap(string.Join("\n\n", paragraphs), length == LengthWish.Shorter ? ShorterWords : MaxWords);
    }

    private static int Words(IEnumerable<string> paragraphs) => paragraphs.Sum(Wording.Words);

    /// <summary>Keeps the voice at or under the word limit, ending on a whole sentence where possible.</summary>
    private static string Cap(string text, int maxWords)
    {
        if (Wording.Words(text) <= maxWords)
        {
            return text;
        }

        var words = text.Split(' ');
        var kept = 0;
        var fits = 0;
        var sentenceEnd = 0;
        for (var i = 0; i < words.Length && kept + Wording.Words(words[i]) <= maxWords; i++)
        {
            kept += Wording.Words(words[i]);
            fits = i + 1;
            if (words[i].EndsWith('.') && kept >= MinWords)
            {
                sentenceEnd = i + 1;
            }
        }

        return string.Join(' ', words.Take(sentenceEnd > 0 ? sentenceEnd : fits));
    }
}
