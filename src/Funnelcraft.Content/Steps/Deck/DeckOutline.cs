namespace Funnelcraft.Steps.Deck;

/// <summary>
/// The deck's plan, written in one call before any slide: the webinar's title, the method it teaches, and a brief for
/// each part. The parts are then written at the same time, each from this outline, so they agree on the title and
/// the method and do not cover each other's ground. Not stored: the step's content is the <see cref="DeckContent"/>.
/// </summary>
public sealed record DeckOutline : IStepContent
{
    public required string Title { get; init; }
    public required TeachingMethod Method { get; init; }
    public required IReadOnlyList<PartBrief> Parts { get; init; }

    /// <summary>Set by the caller before validation: the slide ranges the parts must have, in order.</summary>
    internal IReadOnlyList<SlideRange> ExpectedParts { get; init; } = SlideRange.Parts(StepCatalog.DeckSlides, StepCatalog.DeckPartSlides);

    public IEnumerable<ContentError> Validate()
    {
        var errors = Check.Required(Title, "title").ToList();
        if (Method is null)
        {
            errors.Add(new("method", "method is missing"));
        }
        else
        {
            errors.AddRange(Check.Required(Method.Name, "method.name"));
            errors.AddRange(Check.Count(Method.Steps, "method.steps", 3, 5));
            if (Method.Steps?.Any(s => string.IsNullOrWhiteSpace(s.Name) || string.IsNullOrWhiteSpace(s.Goal) || string.IsNullOrWhiteSpace(s.Description)) == true)
            {
                errors.Add(new("method.steps", "every method step needs a name, a goal and a description"));
            }
        }

        errors.AddRange(Check.Count(Parts, "parts", ExpectedParts.Count, ExpectedParts.Count));
        for (var i = 0; i < Math.Min(Parts?.Count ?? 0, ExpectedParts.Count); i++)
        {
            var (part, expected) = (Parts![i], ExpectedParts[i]);
            if (part.FirstSlide != expected.First || part.LastSlide != expected.Last)
            {
                errors.Add(new($"parts[{i}]", $"part {i + 1} must cover slides {expected.First}–{expected.Last} (it says {part.FirstSlide}–{part.LastSlide})"));
            }

            errors.AddRange(Check.Required(part.Brief, $"part {i + 1}'s brief").Select(e => e with { Field = $"parts[{i}].brief" }));
        }

        return errors;
    }
}

/// <summary>The framework the solution section teaches: a name and its 3–5 steps, kept the same across the deck.</summary>
public sealed record TeachingMethod(string Name, IReadOnlyList<MethodStep> Steps);

/// <param name="Name">One to three words ("Diagnose").</param>
/// <param name="Goal">A short phrase for slide titles ("find what is really causing the problem").</param>
/// <param name="Description">One sentence: what happens in this step.</param>
public sealed record MethodStep(string Name, string Goal, string Description);

/// <summary>What slides <see cref="FirstSlide"/>–<see cref="LastSlide"/> cover.</summary>
public sealed record PartBrief(int FirstSlide, int LastSlide, string Brief);
