using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>The slide ideas for each section of the deck, in the order a real webinar would tell them.</summary>
internal sealed class DeckIdeas(BusinessFacts f, OfferContent offer, string title, Method method)
{
    private readonly Method _method = method;
    private readonly string _folks = f.FolksShort;
    private readonly string _when = f.When is { } w ? " " + w : "";
    private readonly bool _bookCall = offer.Pathway == "book_call";

    public IReadOnlyList<SlideIdea> For(int section) => section switch
    {
        0 => Hook(),
        1 => Problem(),
        2 => Agitate(),
        3 => Solution(),
        4 => Offer(),
        _ => Close(),
    };

    public SlideIdea Extra(int section, int j) => section switch
    {
        0 => new($"Why this matters now, part {j}", $"One more reason {_folks} can't afford to put this off, told through a short, real example."),
        1 => new($"Another sign of the problem, #{j}", $"A moment most {_folks} will recognise from their own week. Describe it in their words."),
        2 => new($"Another hidden cost, #{j}", "Something the problem quietly takes away that most people never add up. Make it concrete."),
        3 => new($"Client example #{j}", $"A short example of {_method.Name} at work for a client: the starting point, the change, and the result."),
        4 => new($"Frequently asked question #{j}", $"A question people often ask about {offer.Name}, answered briefly and honestly."),
        _ => new($"Final question #{j}", "Answer one more common question from the chat, then point back to the next step."),
    };

    private List<SlideIdea> Hook() =>
    [
        new(title, $"Welcome{f.FromBrand}. In this training: how {_folks} can {f.OutcomeDo(12)}{_when}, and the exact process behind it."),
        new("Who this training is for", $"This is for {Wording.Shorten(f.Folks, 12)} {f.ProblemWho(16)}. If that sounds like you, you're in the right place."),
        new("What you'll walk away with",
            $"Three things: why the usual fixes don't stick, {_method.Name} that {(f.Name is null ? "we use" : f.Name + " uses")} instead, and a clear next step."),
        new($"Why listen to {f.Name ?? "us"}", $"A quick introduction: who {f.Name ?? "we"} help{(f.Name is null ? "" : "s")}, why it started, and what has worked for {_folks}.", Optional: true),
        new("A promise for the next hour", $"Stay to the end and you'll know exactly how to {f.OutcomeDoYou(12)}{_when}{f.WithoutSolution()}."),
        new("Quick poll: where are you today?", $"Ask viewers to rate from 1 to 10 how close they are to {f.OutcomeThingYou(10)} today, and to type it in the chat.", Optional: true),
        new("The big idea", $"{f.OutcomeSubject(8)} isn't about working harder. It comes from doing the right things in the right order."),
    ];

    private List<SlideIdea> Problem()
    {
        var solution = f.SolutionThem();
        return
        [
            new("The problem nobody talks about", $"Most {_folks} {f.ProblemThey(16)}. It's more common than you'd think, and it isn't a lack of effort."),
            new("What it looks like day to day", $"{Wording.Sentence(f.ProblemYou(18))} Paint a typical week from the viewer's side so they recognise themselves."),
            new("How most people try to fix it", solution is null
                ? "The usual answers: work longer hours, try another tool, or copy what seems to work for others."
                : $"The usual answer is {solution}. It seems sensible, which is why so many {_folks} start there."),
            new("Why the usual fix falls short", $"The trouble with {f.SolutionYou() ?? "working harder"}: it treats the symptoms, not the cause, so the same problem keeps coming back."),
            new("The real root cause", $"It isn't talent or effort. It's the missing process: no clear order of steps from where you are to {f.OutcomeThingYou(10)}."),
            new("Myth #1: you just need more time", "More hours spent on the wrong things only make the problem bigger. Time isn't the bottleneck; the approach is.", Optional: true),
            new("Myth #2: it only works for the big players",
                $"{f.OutcomeSubject(8)} isn't reserved for people with big budgets or big teams. {Wording.UpperFirst(_folks)} get there with the right plan.", Optional: true),
            new("Stories you might recognise", $"Share short stories of {(f.Name is null ? "our" : f.Name)} clients {f.ProblemWho(14)}, before they found a better way."),
            new("Where you are vs. where you want to be",
                $"Today: {f.ProblemYou(14)}. Where you want to be: {f.OutcomeThingYou(12)}. This training is about closing that gap."),
        ];
    }

    private List<SlideIdea> Agitate()
    {
        var solution = f.SolutionYou();
        return
        [
            new("What this is really costing you", "Add it up: the hours lost every week, the money left on the table, and the stress you carry home."),
            new("The cost in time", "Estimate the hours each week that disappear into workarounds and second-guessing, then multiply by 52."),
            new("The cost in money", $"Put a number on it: for most {_folks}, a year of this costs far more than fixing it properly.", Optional: true),
            new("The cost you don't see", "The missed opportunities, the late evenings, the feeling of always being behind. Name them so they feel real.", Optional: true),
            new("What happens if nothing changes", solution is null
                ? $"Fast-forward a year: {f.ProblemYou(12)}, just like today. Nothing changes until the approach changes."
                : $"Fast-forward a year: you're still relying on {solution}, and {f.ProblemYou(12)}. Nothing changes until the approach changes."),
            new("Why 'someday' never comes", "Waiting for a quieter month, a bigger budget or more confidence keeps you exactly where you are."),
            new("There is a better way", $"What if you could {f.OutcomeDoYou(12)}{_when}{f.WithoutSolution()}? That's what the rest of this training is about."),
        ];
    }

    private List<SlideIdea> Solution()
    {
        var ideas = new List<SlideIdea>
        {
            new($"Introducing {_method.Name}",
                $"{Wording.UpperFirst(_method.Name)} is the process {(f.Name is null ? "we use" : f.Name + " uses")} to help {_folks} {f.OutcomeDo(8)}: " +
                $"{_method.Phases.Count} phases, in order — {_method.PhaseNames}."),
            new("Why it works", "It fixes the cause instead of the symptoms, and it gives you one clear next step at every stage."),
            new("Shift #1: from guessing to knowing", "Decisions based on what is actually happening in your situation, not on gut feeling or the latest advice online.", Optional: true),
        };
        for (var i = 0; i < _method.Phases.Count; i++)
        {
            var p = _method.Phases[i];
            ideas.Add(new($"Phase {i + 1}: {p.Name} — {p.Goal}", p.Detail));
            ideas.Add(i % 2 == 0
                ? new($"{p.Name} in practice", $"Walk through a real example of the {p.Name} phase with a{(f.Name is null ? "" : " " + f.Name)} client: what they did, what changed, and how long it took.")
                : new($"{p.Name}: your quick win", $"One thing viewers can do this week to start the {p.Name} phase on their own and see early progress."));
            ideas.Add(i % 2 == 0
                ? new($"{p.Name}: the mistake to avoid", $"Where most {_folks} go wrong in this phase, and the simple fix that keeps you moving.", Optional: true)
                : new($"{p.Name}: what done looks like", $"How you know the {p.Name} phase is complete, so you can move on with confidence.", Optional: true));
        }

        ideas.Add(new("Case study", $"Tell one client's story: where they started, what they changed with {_method.Name}, and how that helped them {f.OutcomeDo(10)}."));
        ideas.Add(new("What changes when the process is in place", $"Less guesswork, fewer late nights, and steady progress toward {f.OutcomeThingYou(10)}.", Optional: true));
        ideas.Add(new($"Recap: {_method.Name} on one slide", $"{_method.PhaseArrow}. Each phase builds on the one before."));
        return ideas;
    }

    private List<SlideIdea> Offer()
    {
        var ideas = new List<SlideIdea>
        {
            new("What if we did this together?",
                $"You can take everything from today and run with it on your own, or you can have {f.Name ?? "us"} walk you through it step by step."),
            new($"Introducing {offer.Name}", offer.Tagline),
            new($"Who {offer.Name} is for", offer.Person),
        };
        ideas.AddRange(offer.Features.Select((x, i) => new SlideIdea($"Inside: {x.Title}", x.Description, Optional: i >= 3)));
        ideas.AddRange(offer.Bonuses.Select((b, i) =>
            new SlideIdea($"Bonus: {b.Title}", $"{b.Description} (a {PriceReader.Format(b.Value, offer.Currency)} value)", Optional: i >= 2)));
        ideas.Add(new("Everything you get",
            $"{Wording.UpperFirst(Wording.List(offer.Features.Select(x => Wording.LowerInitial(x.Title))))}, plus {offer.Bonuses.Count} bonuses worth {PriceReader.Format(offer.Bonuses.Sum(b => b.Value), offer.Currency)}.",
            Optional: true));
        ideas.Add(new("Your investment", $"{offer.Name} is {f.PriceOf(offer)}. " + (_bookCall
            ? "Because it's hands-on, we start with a short call to make sure it's the right fit for you."
            : "You can join today and start right away.")));
        ideas.Add(new("The guarantee", offer.Guarantee));
        ideas.Add(new("How to get started", _bookCall
            ? "Click the button below to book a free strategy call. We'll look at your situation together and map out your next steps."
            : $"Click the button below to join {offer.Name}, and you'll have access to the first phase today."));
        return ideas;
    }

    private List<SlideIdea> Close()
    {
        var solution = f.SolutionYou();
        return
        [
            new("Recap: what you learned today",
                $"Why the usual fixes don't stick, how {_method.Name} works ({_method.PhaseNames}), and how {offer.Name} helps you put it into practice."),
            new("Two paths from here",
                $"Keep {(solution is null ? "doing what you've been doing" : "relying on " + solution)} and hope for a different result, or follow a process that is already working for {_folks}."),
            new("Questions people ask before joining", "How much time does it take? Will it work for my situation? What if I've tried before? Answer each briefly and honestly.", Optional: true),
            new("Is this right for you?", $"{offer.Name} is right for you if {f.ProblemYou(14)} and you're ready to {f.OutcomeDoYou(10)}. It isn't for anyone looking for a magic button."),
            new($"What happens after you {(_bookCall ? "book" : "join")}", _bookCall
                ? "You pick a time, answer a few short questions, and we talk through your situation. If it's a fit, we map out your first 30 days on the call."
                : "You get instant access, a welcome e-mail with your first steps, and an invitation to the next live call."),
            new($"A final word from {f.Name ?? "us"}", $"A thank-you, and the reason {f.Name ?? "we"} do{(f.Name is null ? "" : "es")} this work: so more {_folks} can {f.OutcomeDo(10)}."),
            new("Your next step", _bookCall
                ? "Book your free strategy call now; spots each week are limited. The link is on the screen and below the video."
                : $"Join {offer.Name} now for {f.PriceOf(offer)}. The link is on the screen and below the video."),
        ];
    }
}
