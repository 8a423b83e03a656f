namespace Funnelcraft.Steps.Deck;

/// <summary>Step 3: a webinar deck of about 60 slides along hook → problem → agitate → solution → offer → close.</summary>
public sealed record DeckContent : IStepContent
{
    public static IReadOnlyList<string> Sections { get; } = ["hook", "problem", "agitate", "solution", "offer", "close"];

    public required string Title { get; init; }
    public required IReadOnlyList<Slide> Slides { get; init; }

    public IEnumerable<string> Validate() =>
        Check.Required(Title, "title").Concat(ValidateSlides(Slides, 1)).Concat(Check.Count(Slides, "slides", 40, 80));

    /// <summary>Checks slide numbering is continuous from <paramref name="firstNumber"/> and every slide is complete.</summary>
    public static IEnumerable<string> ValidateSlides(IReadOnlyList<Slide>? slides, int firstNumber)
    {
        if (slides is null || slides.Count == 0)
        {
            yield return "slides are missing";
            yield break;
        }

        for (var i = 0; i < slides.Count; i++)
        {
            var slide = slides[i];
            if (slide.SlideNumber != firstNumber + i)
            {
                yield return $"slide {i + 1} of this part is numbered {slide.SlideNumber}, expected {firstNumber + i}";
                yield break;
            }

            if (string.IsNullOrWhiteSpace(slide.Title) || string.IsNullOrWhiteSpace(slide.Description))
            {
                yield return $"slide {slide.SlideNumber} needs a title and a description";
            }

            if (!Sections.Contains(slide.Section))
            {
                yield return $"slide {slide.SlideNumber} has section '{slide.Section}', expected one of {string.Join(", ", Sections)}";
            }
        }
    }
}

public sealed record Slide(int SlideNumber, string Title, string Description, string Section);

/// <summary>One part of the deck, written in one writer call at the same time as the other parts, from the outline.</summary>
public sealed record DeckPartContent : IStepContent
{
    public required IReadOnlyList<Slide> Slides { get; init; }

    /// <summary>Set by the caller before validation: the slides this part must hold.</summary>
    internal SlideRange Expected { get; init; } = new(1, StepCatalog.DeckPartSlides);

    /// <summary>The part's slides; any written past <see cref="Expected"/> are dropped (the next part has them).</summary>
    public IReadOnlyList<Slide> InRange() => [.. Slides.Take(Expected.Count)];

    public IEnumerable<string> Validate()
    {
        var count = Slides?.Count ?? 0;
        return (count > 0 && count < Expected.Count
                ? [$"this part must hold slides {Expected.First}–{Expected.Last} ({Expected.Count} slides), it has {count}"]
                : Enumerable.Empty<string>())
            .Concat(DeckContent.ValidateSlides(Slides is null ? null : InRange(), Expected.First));
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
