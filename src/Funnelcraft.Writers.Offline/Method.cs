using Funnelcraft.Steps.Deck;

namespace Funnelcraft.Writers.Offline;

/// <summary>One phase of the business's signature process: a name, a short goal for titles, and what happens in it.</summary>
internal sealed record Phase(string Name, string Goal, string Detail);

/// <summary>The "unique mechanism" the offer, deck and pages all refer to, chosen from the intake's seed.</summary>
internal sealed record Method(string Name, IReadOnlyList<Phase> Phases)
{
    private static readonly Func<BusinessFacts, Method>[] Builders = [FourD, ClarityToMastery, FourR];

    public static Method For(BusinessFacts f) => Wording.Pick(f.Seed, "method", Builders)(f);

    /// <summary>The method as a deck outline gives it, so every part of the deck teaches the same one.</summary>
    public static Method From(TeachingMethod method) => new(method.Name, [.. method.Steps.Select(s => new Phase(s.Name, s.Goal, s.Description))]);

    public TeachingMethod ToTeaching() => new(Name, [.. Phases.Select(p => new MethodStep(p.Name, p.Goal, p.Detail))]);

    public string PhaseNames => Wording.List(Phases.Select(p => p.Name));

    public string PhaseArrow => string.Join(" → ", Phases.Select(p => p.Name));

    private static string Today(BusinessFacts f) => f.SolutionYou() is { } s ? $", including {s}," : "";

    private static Method FourD(BusinessFacts f) => new("the 4D Method",
    [
        new("Diagnose", "find what is really causing the problem",
            $"We look closely at how things work today{Today(f)} and pinpoint the real cause, so you stop treating symptoms."),
        new("Design", "build a plan that fits your situation",
            $"You get a plan built around your situation: the few changes that move you fastest toward {f.OutcomeThingYou(10)}."),
        new("Deploy", "put the plan to work, step by step",
            "We put the plan to work together, one step at a time, with support whenever you get stuck."),
        new("Dial In", "lock in results that last",
            "We measure what is working, fix what isn't and turn the new way of doing things into habits, so the results keep coming."),
    ]);

    private static Method ClarityToMastery(BusinessFacts f) => new("the Clarity-to-Mastery Framework",
    [
        new("Clarity", "get clear on where you really are",
            $"A simple audit of where you are today{Today(f)} and what the problem is really costing you."),
        new("Foundation", "set up the essentials most people skip",
            $"Put the essentials in place — the ones most {f.FolksShort} skip — so progress no longer depends on willpower."),
        new("Momentum", "stack quick, visible wins",
            $"Stack quick, visible wins week by week on the way to {f.OutcomeThingYou(10)}."),
        new("Mastery", "make the results stick",
            "Turn what works into routines you can keep, so the results last and keep growing."),
    ]);

    private static Method FourR(BusinessFacts f) => new("the 4R System",
    [
        new("Reset", "step back and see the whole picture",
            $"Step back from {f.SolutionYou() ?? "the day-to-day"} and see the whole picture: what is working, what isn't, and why."),
        new("Rebuild", "rebuild around what actually works",
            $"Rebuild your approach around the few things that actually move you toward {f.OutcomeThingYou(10)}."),
        new("Run", "run the new plan with support",
            "Run the new plan week by week, with feedback and accountability so you don't drift back to old habits."),
        new("Refine", "refine and grow the results",
            "Review the numbers, refine what works and grow the results from there."),
    ]);
}
