using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;

namespace Funnelcraft.Writers.Offline;

/// <summary>Steps 5, 8 and 9: the enrollment, watch and registration pages.</summary>
internal static class PageWriters
{
    public static EnrollmentContent Enrollment(BusinessFacts f, OfferContent offer, DeckContent? deck)
    {
        var bookCall = offer.Pathway == "book_call";
        var price = f.PriceOf(offer);
        var when = f.When is { } w ? " " + w : "";
        var solution = f.SolutionYou();
        return new EnrollmentContent
        {
            Headline = $"{Wording.UpperFirst(f.OutcomeDoYou(12))}{when}, with {offer.Name}",
            Subheadline = $"You saw the process in \"{deck?.Title ?? DeckWriter.TitleFor(f)}\". {offer.Name}{f.FromBrand} is how you put it to work, step by step, with support.",
            Opening =
                (f.Audience is null
                    ? $"If this sounds familiar ({f.ProblemYou(16)}), you already know how draining it is. "
                    : $"If you're one of the {Wording.Shorten(f.Audience, 10)} {f.ProblemWho(16)}, you already know how draining it is. ") +
                (solution is null
                    ? "You've tried to fix it on your own, and it keeps coming back. "
                    : $"You've probably tried {solution} already, without the result you wanted. ") +
                "There is a better way, and it starts today.",
            ProblemSection = new(
                Wording.UpperFirst($"Why {f.ProblemYou(10)}"),
                $"It isn't a lack of effort. Most {f.FolksShort} are doing everything they've been told" +
                (f.SolutionThem() is { } s ? $", from {s} to longer hours" : "") +
                ", but without a clear process the same problem keeps coming back. Every month it continues costs you time, money and peace of mind."),
            SolutionSection = new(
                $"How {offer.Name} gets you there",
                $"{offer.Name} gives you a clear path{when}: {Wording.List(offer.Features.Select(x => Wording.LowerInitial(x.Title)))}. {Wording.Sentence(offer.Promise)}"),
            FeaturesHeading = $"Everything inside {offer.Name}",
            CtaText = bookCall ? "Book your free strategy call" : $"Yes, I want in: join for {price}",
            UrgencyText = bookCall
                ? $"{f.Team} only takes on a few new clients each month so everyone gets real attention. Book while this week's call times are open."
                : $"The current price of {price} and all {offer.Bonuses.Count} bonuses are only guaranteed for the next 72 hours. {GuaranteeLine(offer)}",
        };
    }

    public static WatchContent Watch(BusinessFacts f, DeckContent? deck, OfferContent? offer)
    {
        var bookCall = (offer?.Pathway ?? OfferContent.PathwayFor(f.Price.Amount)) == "book_call";
        var offerName = offer?.Name ?? OfferNameIn(deck);
        return new WatchContent
        {
            Headline = $"Watch now: {deck?.Title ?? DeckWriter.TitleFor(f)}",
            Subheadline = $"A free training{f.FromBrand} for {f.FolksShort} who want to {f.OutcomeDo(8)}.",
            WatchPrompt = $"Grab a notebook and watch all the way through. The most useful part, how to {f.OutcomeDoYou(10)}{(f.When is { } w ? " " + w : "")}, comes near the end.",
            CtaText = bookCall ? "Book your free strategy call" : offerName is null ? "Take the next step" : $"Join {offerName}",
            CtaSubtext = bookCall
                ? $"A free, no-pressure call with {(f.Name is null ? "our team" : "the " + f.Name + " team")} to see if it's the right fit for you."
                : offer is not null ? $"{f.PriceOf(offer)}, instant access. {GuaranteeLine(offer)}"
                : offerName is not null ? $"Instant access to {offerName}. All the details are at the end of the training."
                : "All the details are at the end of the training.",
            KeyTakeaways = Takeaways(f, deck),
        };
    }

    public static RegistrationContent Registration(BusinessFacts f, DeckContent? deck, OfferContent? offer)
    {
        var method = Method.For(f);
        var folks = f.FolksShort;
        var when = f.When is { } w ? " " + w : "";
        return new RegistrationContent
        {
            Headline = $"Free training: {deck?.Title ?? DeckWriter.TitleFor(f)}",
            Subheadline = offer is null
                ? $"Join {f.Name ?? "us"} for a free training and see the exact process that helps {folks} {f.OutcomeDo(10)}."
                : $"Join {f.Name ?? "us"} for a free training and see the exact process behind {offer.Name}.",
            BulletPoints =
            [
                $"The real reason {f.ProblemYou(12)}, and why it isn't your fault",
                f.SolutionSubjectYou() is { } s
                    ? $"Why {s} keeps you stuck, and what to do instead"
                    : $"The three mistakes that keep most {folks} stuck, and what to do instead",
                $"The {method.Phases.Count}-phase process ({method.PhaseNames}) that helps {folks} {f.OutcomeDo(8)}",
                $"A realistic plan to {f.OutcomeDoYou(10)}{when}",
                offer is null
                    ? "Your simple first step, even if you've tried before and it didn't stick"
                    : $"How {offer.Name} works, and how to tell if it's right for you",
            ],
            CtaText = "Save my free seat",
            TrustStatement = $"Free to attend. {f.Name ?? "We"} will only e-mail you about this training, and you can unsubscribe at any time.",
        };
    }

    /// <summary>What viewers should remember: the deck's solution slides, phases first, in deck order.</summary>
    private static List<string> Takeaways(BusinessFacts f, DeckContent? deck)
    {
        var solution = (deck?.Slides ?? []).Where(s => s.Section == "solution").ToList();
        if (solution.Count < 3)
        {
            solution = [.. (deck?.Slides ?? []).Where(s => s.Section is "problem" or "solution" or "offer")];
        }

        var takeaways = solution
            .OrderBy(s => s.Title.StartsWith("Phase", StringComparison.OrdinalIgnoreCase) ? 0 : Wording.Words(s.Title) >= 5 ? 1 : 2)
            .Take(5)
            .OrderBy(s => s.SlideNumber)
            .Select(s => Wording.Words(s.Title) >= 5 ? s.Title : $"{s.Title}: {Wording.Shorten(FirstSentence(s.Description), 28)}")
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (takeaways.Count < 3)
        {
            var method = Method.For(f);
            takeaways = [.. method.Phases.Select((p, i) => $"Phase {i + 1}: {p.Name} — {p.Goal}")];
        }

        return takeaways;
    }

    /// <summary>The offer's name as the deck introduced it ("Introducing X" in the offer section), when the step has no offer.</summary>
    private static string? OfferNameIn(DeckContent? deck) =>
        deck?.Slides.FirstOrDefault(s => s.Section == "offer" && s.Title.StartsWith("Introducing ", StringComparison.OrdinalIgnoreCase))
            ?.Title["Introducing ".Length..].Trim() is { Length: > 0 } name ? name : null;

    /// <summary>"Backed by our 30-day money-back guarantee." from a guarantee that opens with a short label.</summary>
    private static string GuaranteeLine(OfferContent offer)
    {
        var colon = offer.Guarantee.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Wording.Words(offer.Guarantee[..colon]) <= 6
            ? $"Backed by our {Wording.LowerInitial(offer.Guarantee[..colon].Trim())}."
            : Wording.Sentence(FirstSentence(offer.Guarantee));
    }

    private static string FirstSentence(string text)
    {
        var end = text.IndexOfAny(['.', '!', '?']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
