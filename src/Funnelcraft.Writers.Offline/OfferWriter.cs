using System.Text.RegularExpressions;
using Funnelcraft.Steps.Offer;

namespace Funnelcraft.Writers.Offline;

/// <summary>Step 2: an offer along the 7-P framework, built from the intake.</summary>
internal static partial class OfferWriter
{
    private static readonly string[] DirectNames = ["Blueprint", "Method", "Accelerator", "System", "Roadmap"];
    private static readonly string[] HighTicketNames = ["Accelerator", "Intensive", "Signature Program", "Inner Circle", "Mastery Program"];
    private static readonly decimal[] Ladder = [27m, 47m, 97m, 147m, 197m, 297m, 397m, 497m, 697m, 997m, 1497m, 1997m, 2997m];

    public static OfferContent Write(BusinessFacts f)
    {
        var method = Method.For(f);
        var name = NameFor(f);
        var solutionYou = f.SolutionYou();
        var when = f.When is { } w ? " " + w : "";
        return new OfferContent
        {
            Name = name,
            Tagline = Wording.Sentence(
                (f.Audience is null ? "Helping you " + f.OutcomeDoYou(12) : $"Helping {f.FolksShort} {f.OutcomeDo(12)}")
                + when + f.WithoutSolution(you: f.Audience is null)),
            Description =
                $"{name} is {Grammar.WithArticle($"{(f.DurationLabel is { } d ? d.ToLowerInvariant() : "step-by-step")} {(f.HighTicket ? "coaching program" : "program")}")}{f.FromBrand} " +
                $"for {Wording.Shorten(f.Folks, 12)} {f.ProblemWho(16)}. Instead of {solutionYou ?? "guesswork and trial and error"}, you follow {method.Name} " +
                $"— {method.PhaseNames} — so you can {f.OutcomeDoYou(14)}{when}." +
                (f.Price.Period is null ? "" : $" The investment is {f.Price.Text}."),
            Price = f.Price.Amount,
            Currency = f.Price.Currency,
            Promise = Wording.Sentence($"{f.OutcomeDoYou(14)}{when}, with a proven plan and real support at every step"),
            Person = Person(f),
            Process = Wording.UpperFirst(method.Name) + $" in {method.Phases.Count} phases:\n" +
                string.Join("\n", method.Phases.Select((p, i) => $"{i + 1}. {p.Name}: {p.Detail}")),
            Purpose =
                $"Too many {f.FolksShort} {f.ProblemThey(16)}" +
                (f.SolutionThem() is { } s ? $", and {s} can only take them so far. " : ". ") +
                $"{f.Name ?? "We"} built {name} so they can {f.OutcomeDo(8)} with a process they can trust instead of trial and error.",
            Pathway = OfferContent.PathwayFor(f.Price.Amount),
            Features = Features(f, method),
            Bonuses = Bonuses(f),
            Guarantee = f.HighTicket
                ? $"Results guarantee: follow the program and do the work{(f.DurationLabel is { } length ? $" for the full {length.ToLowerInvariant()} program" : "")}. " +
                  $"If you haven't made clear, measurable progress toward {f.OutcomeThingYou(10)}, {f.Name ?? "we"} will keep working with you at no extra cost until you do."
                : $"30-day money-back guarantee: work through the first phase of {name}, and if you don't feel clearly closer to {f.OutcomeThingYou(10)}, " +
                  "ask for a full refund. No hard feelings.",
        };
    }

    public static string NameFor(BusinessFacts f)
    {
        var core = ShortName(f.Name) ?? IndustryTitle(f.Industry) ?? "Breakthrough";
        var options = (f.HighTicket ? HighTicketNames : DirectNames).Where(n => !core.EndsWith(n, StringComparison.OrdinalIgnoreCase)).ToList();
        var duration = f.DurationLabel is { } d ? d + " " : "";
        return $"The {duration}{core} {Wording.Pick(f.Seed, "offer-name", options)}";
    }

    private static string Person(BusinessFacts f)
    {
        var text = Wording.Sentence($"{Wording.UpperFirst(Wording.Shorten(f.Folks, 14))} {f.ProblemWho(18)}");
        if (f.SolutionThem() is { } s)
        {
            text += $" They have usually tried {s} already and are ready for something that actually works.";
        }

        return text + (f.HighTicket
            ? " They want hands-on guidance and are ready to invest in getting it right the first time."
            : $" They want a clear, affordable way to {f.OutcomeDo(8)} on their own schedule.");
    }

    private static List<OfferFeature> Features(BusinessFacts f, Method method)
    {
        var features = new List<OfferFeature>
        {
            new("Step-by-step roadmap",
                $"All {method.Phases.Count} phases of {method.Name} ({method.PhaseNames}) laid out in order, with exactly what to do each week to {f.OutcomeDoYou(10)}." +
                (f.SolutionYou() is { } s ? $" No more {s}." : "")),
            f.HighTicket
                ? new("Private 1:1 strategy calls",
                    $"Regular one-to-one calls with {(f.Name is null ? "your coach" : $"the {f.Name} team")} to apply each phase to your situation and clear whatever is blocking progress.")
                : new("Weekly live Q&A calls",
                    "Bring your questions to a live call each week and get answers for your specific situation, so you never stay stuck for long."),
            new("Ready-to-use templates and checklists",
                $"Templates, checklists and worked examples drawn from real {f.Industry ?? "client"} work, so you never start from a blank page."),
            new("Progress scorecard", $"A simple weekly scorecard that shows how close you are to {f.OutcomeThingYou(10)}."),
        };
        if (f.HighTicket)
        {
            features.Add(new("Phase-by-phase reviews", "At the end of each phase we review your work and tell you exactly what to adjust before you move on."));
        }

        return features;
    }

    private static List<OfferBonus> Bonuses(BusinessFacts f)
    {
        var folks = f.FolksShort;
        var bonuses = new List<OfferBonus>
        {
            new("Quick-Start Guide", $"Your first seven days mapped out: the three moves that make the biggest early difference for {folks}.", Value(f, 0.10m)),
            new("Mistakes-to-Avoid Checklist", $"The mistakes that keep most {folks} stuck, and what to do instead of each one.", Value(f, 0.15m)),
            new("Private Community Access", $"A members-only group where you can ask questions, share wins and stay accountable alongside other {folks}.", Value(f, 0.20m)),
        };
        if (f.HighTicket)
        {
            bonuses.Add(new("Fast-Action Bonus: Extra 1:1 Session", "Join within 7 days and get an extra private session to map out your first 30 days.", Value(f, 0.12m)));
        }

        return bonuses;
    }

    /// <summary>A believable bonus value near a share of the price, on the usual 7-ending price points.</summary>
    private static decimal Value(BusinessFacts f, decimal share)
    {
        var target = f.Price.Amount * share;
        return Ladder.OrderBy(v => Math.Abs(v - target)).First();
    }

    private static string? ShortName(string? name)
    {
        if (name is null)
        {
            return null;
        }

        var core = LegalSuffix().Replace(name, "").Trim();
        core = core.StartsWith("The ", StringComparison.OrdinalIgnoreCase) ? core[4..] : core;
        return core.Length == 0 ? null : core;
    }

    private static string? IndustryTitle(string? industry)
    {
        if (industry is null || Wording.Words(industry) > 3)
        {
            return null;
        }

        return string.Join(' ', industry.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w is "and" or "of" or "&" or "for" ? w : Wording.UpperFirst(w)));
    }

    [GeneratedRegex(@",?\s+(?:LLC|L\.L\.C\.?|Inc\.?|Ltd\.?|Limited|GmbH|Co\.?|Corp\.?|Pty\.?\s+Ltd\.?|PLC|LLP|SRL|S\.A\.?|B\.V\.?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LegalSuffix();
}
