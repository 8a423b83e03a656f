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

/// <summary>One writer call's worth of the deck: ten slides continuing the ones before.</summary>
public sealed record DeckChunkContent : IStepContent
{
    /// <summary>The deck's title; written by the first chunk, optional after.</summary>
    public string? Title { get; init; }
    public required IReadOnlyList<Slide> Slides { get; init; }

    /// <summary>Set by the caller before validation: the number the first slide must carry.</summary>
    internal int ExpectedFirstSlide { get; init; } = 1;

    public IEnumerable<string> Validate() =>
        (ExpectedFirstSlide == 1 ? Check.Required(Title, "title") : [])
            .Concat(DeckContent.ValidateSlides(Slides, ExpectedFirstSlide));
}
