namespace Funnelcraft.Steps.Deck;

/// <summary>Step 3: a webinar deck of about 60 slides along hook → problem → agitate → solution → offer → close.</summary>
public sealed record DeckContent : IStepContent
{
    public static IReadOnlyList<string> Sections { get; } = ["hook", "problem", "agitate", "solution", "offer", "close"];

    public required string Title { get; init; }
    public required IReadOnlyList<Slide> Slides { get; init; }

    public const int MinSlides = 40;
    public const int MaxSlides = 80;

    public IEnumerable<ContentError> Validate() =>
        Check.Required(Title, "title").Concat(ValidateSlides(Slides, 1, "deck")).Concat(Check.Count(Slides, "slides", MinSlides, MaxSlides))
            .Concat(ContentText.Check(this));

    /// <summary>
    /// Checks slide numbering is continuous from <paramref name="firstNumber"/> (no gaps, no repeats) and every slide is
    /// complete, with a known section. <paramref name="whole"/> names what holds the slides in messages ("deck", "this part").
    /// </summary>
    public static IEnumerable<ContentError> ValidateSlides(IReadOnlyList<Slide>? slides, int firstNumber, string whole = "this part")
    {
        if (slides is null || slides.Count == 0)
        {
            yield return new("slides", "slides are missing");
            yield break;
        }

        var numbered = true;
        for (var i = 0; i < slides.Count; i++)
        {
            var slide = slides[i];
            var field = $"slides[{i}]";
            if (numbered && slide.SlideNumber != firstNumber + i)
            {
                // Only the first break in the numbering is reported: every slide after it would repeat the same error.
                yield return new($"{field}.slideNumber", $"slide {i + 1} of {whole} is numbered {slide.SlideNumber}, expected {firstNumber + i}");
                numbered = false;
            }

            if (string.IsNullOrWhiteSpace(slide.Title))
            {
                yield return new($"{field}.title", $"slide {firstNumber + i} needs a title");
            }

            if (string.IsNullOrWhiteSpace(slide.Description))
            {
                yield return new($"{field}.description", $"slide {firstNumber + i} needs a description");
            }

            if (!Sections.Contains(slide.Section))
            {
                yield return new($"{field}.section", $"slide {firstNumber + i} has section '{slide.Section}', expected one of {string.Join(", ", Sections)}");
            }
        }
    }
}

public sealed record Slide(int SlideNumber, string Title, [property: LongText] string Description, string Section);

/// <summary>One part of the deck, written in one writer call at the same time as the other parts, from the outline.</summary>
public sealed record DeckPartContent : IStepContent
{
    public required IReadOnlyList<Slide> Slides { get; init; }

    /// <summary>Set by the caller before validation: the slides this part must hold.</summary>
    internal SlideRange Expected { get; init; } = new(1, StepCatalog.DeckPartSlides);

    /// <summary>The part's slides; any written past <see cref="Expected"/> are dropped (the next part has them).</summary>
    public IReadOnlyList<Slide> InRange() => [.. Slides.Take(Expected.Count)];

    public IEnumerable<ContentError> Validate()
    {
        var count = Slides?.Count ?? 0;
        return (count > 0 && count < Expected.Count
                ? [new ContentError("slides", $"this part must hold slides {Expected.First}–{Expected.Last} ({Expected.Count} slides), it has {count}")]
                : Enumerable.Empty<ContentError>())
            .Concat(DeckContent.ValidateSlides(Slides is null ? null : InRange(), Expected.First))
            .Concat(Slides is null ? [] : ContentText.Check(this with { Slides = InRange() }));
    }
}

/// <summary>Slides <see cref="First"/> to <see cref="Last"/>, both included.</summary>
public sealed record SlideRange(int First, int Last)
{
    public int Count => Last - First + 1;

    /// <summary>A deck of <paramref name="totalSlides"/> cut into parts of <paramref name="partSlides"/> (the last may be shorter).</summary>
    public static IReadOnlyList<SlideRange> Parts(int totalSlides, int partSlides) =>
        [.. Enumerable.Range(0, (totalSlides + partSlides - 1) / partSlides)
            .Select(i => new SlideRange((i * partSlides) + 1, Math.Min((i + 1) * partSlides, totalSlides)))];
}
