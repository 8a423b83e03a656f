using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>Step 11: one follow-up e-mail per viewer segment, from no-shows to hot leads.</summary>
internal static class FollowupWriter
{
    /// <summary>Hours after the training; each segment's message goes out after the one before.</summary>
    private static readonly int[] Delays = [2, 24, 48, 72, 96];

    public static FollowupContent Write(BusinessFacts f, OfferContent offer, string deckTitle)
    {
        var bookCall = offer.Pathway == "book_call";
        var price = f.PriceOf(offer);
        var method = Method.For(f);
        var when = f.When is { } w ? " " + w : "";
        var cta = bookCall ? $"Book your free strategy call about {offer.Name}: [booking link]" : $"Join {offer.Name} here: [enrollment link]";
        var signOff = $"Talk soon,\n{f.Team}";
        var features = string.Join("\n", offer.Features.Select(x => $"- {x.Title}: {x.Description}"));

        string[] subjects =
        [
            $"Missed the training? Here's the replay (and what {offer.Name} can do for you)",
            $"The part of the training you missed (it's the heart of {offer.Name})",
            $"What's actually inside {offer.Name}",
            $"Your questions about {offer.Name}, answered",
            bookCall ? $"Ready to talk about {offer.Name}?" : $"Last call: {offer.Name} bonuses close tonight",
        ];
        string[] bodies =
        [
            $"Hi there,\n\nYou signed up for \"{deckTitle}\" but couldn't make it live. No problem: the replay is up for a short time.\n\n" +
            $"Watch the replay: [replay link]\n\nIn it, {f.Name ?? "we"} show{(f.Name is null ? "" : "s")} {f.FolksShort} how to {f.OutcomeDo(12)}{when}{f.WithoutSolution(you: false)}. " +
            $"Near the end you'll also hear about {offer.Name}, for anyone who wants help putting it into practice.\n\n{signOff}",

            $"Hi there,\n\nYou started the training but left before the most important part, so here it is in a nutshell.\n\n" +
            $"Most {f.FolksShort} {f.ProblemThey(14)}. The fix isn't more effort; it's {method.Name}: {method.PhaseNames}. " +
            $"That process is the heart of {offer.Name}.\n\nCatch the rest of the replay: [replay link]\n\n{signOff}",

            $"Hi there,\n\nYou watched a good part of the training, so you've seen why {f.ProblemYou(12)}. Here's exactly what you get inside {offer.Name}:\n\n" +
            $"{features}\n\n{(offer.Bonuses.Count > 0 ? $"Plus {offer.Bonuses.Count} bonuses, including the {offer.Bonuses[0].Title}.\n\n" : "")}{cta}\n\n{signOff}",

            $"Hi there,\n\nThanks for staying to the end of the training. Here are the questions people ask most before joining {offer.Name}.\n\n" +
            $"How much does it cost? {price}{(bookCall ? ", and we start with a free call to make sure it's a fit" : "")}.\n" +
            $"Will it work for my situation? It was built for {Wording.Shorten(f.Folks, 12)} {f.ProblemWho(12)}.\n" +
            $"What if it doesn't work for me? {Wording.Sentence(offer.Guarantee)}\n\n{cta}\n\n{signOff}",

            bookCall
                ? $"Hi there,\n\nYou've looked at {offer.Name} more than once, so let's talk. On a short, free call we'll look at where you are, " +
                  $"what's getting in the way of {f.OutcomeThingYou(10)}, and whether {offer.Name} is the right fit. No pressure either way.\n\n{cta}\n\n{signOff}"
                : $"Hi there,\n\nYou've looked at {offer.Name} more than once, so a quick heads-up: the current price of {price} and the bonuses close tonight.\n\n" +
                  $"If you're ready to {f.OutcomeDoYou(10)}{when}, this is the moment. {Wording.Sentence(offer.Guarantee)}\n\n{cta}\n\n{signOff}",
        ];
        string[] names = ["Replay for no-shows", "The part you missed", "What's inside", "Questions answered", bookCall ? "Let's talk" : "Last call"];

        return new FollowupContent
        {
            SequenceName = $"{offer.Name} webinar follow-up",
            SequenceDescription =
                $"Five e-mails after \"{deckTitle}\", one for each kind of viewer, from people who missed it to people ready to " +
                $"{(bookCall ? "book a call" : "buy")}. Each one moves them one step closer to {offer.Name}.",
            Messages = [.. FollowupContent.Segments.Select((segment, i) =>
                new FollowupMessage(names[i], i + 1, "email", Delays[i], subjects[i], bodies[i], segment))],
        };
    }
}
