using System.Diagnostics.CodeAnalysis;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Enrollment;
using Funnelcraft.Steps.Followup;
using Funnelcraft.Steps.MarketingProfile;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Steps.Registration;
using Funnelcraft.Steps.Watch;

namespace Funnelcraft.Steps;

/// <summary>The seven steps in progress order, with their contract numbers and needs.</summary>
public static class StepCatalog
{
    public const int Offer = 2;
    public const int Deck = 3;
    public const int Enrollment = 5;
    public const int Watch = 8;
    public const int Registration = 9;
    public const int Followup = 11;
    public const int MarketingProfile = 0;

    /// <summary>Slides in a deck; it is written as an outline, then <see cref="DeckParts"/> parts of <see cref="DeckPartSlides"/> at once.</summary>
    public const int DeckSlides = 60;
    public const int DeckPartSlides = 10;
    public const int DeckParts = DeckSlides / DeckPartSlides;

    public static IReadOnlyList<StepDefinition> All { get; } =
    [
        new(Offer, "offer", "Offer", [], [], typeof(OfferContent)),
        new(Deck, "deck-structure", "Deck Structure", [], [], typeof(DeckContent), Calls: 2, TotalCalls: 1 + DeckParts),
        new(Enrollment, "enrollment", "Enrollment Pages", [Offer, Deck], [], typeof(EnrollmentContent)),
        new(Watch, "watch", "Watch Pages", [Deck], [], typeof(WatchContent)),
        new(Registration, "registration", "Registration Pages", [Deck], [Offer], typeof(RegistrationContent)),
        new(Followup, "followup", "AI Followup", [Offer], [], typeof(FollowupContent)),
        new(MarketingProfile, "marketing-profile", "Marketing Profile", [Offer], [], typeof(MarketingProfileContent)),
    ];

    public static IReadOnlyList<int> Numbers { get; } = [.. All.Select(s => s.Number)];

    public static StepDefinition Get(int number) =>
        TryGet(number, out var step) ? step : throw new ArgumentOutOfRangeException(nameof(number), number, "Unknown step.");

    public static bool TryGet(int number, [NotNullWhen(true)] out StepDefinition? step)
    {
        step = All.FirstOrDefault(s => s.Number == number);
        return step is not null;
    }

    /// <summary>Parses a step given as its number ("2") or key ("offer").</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out StepDefinition? step)
    {
        step = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return TryGet(number, out step);
        }

        step = All.FirstOrDefault(s => string.Equals(s.Key, value, StringComparison.OrdinalIgnoreCase));
        return step is not null;
    }

    /// <summary>Position in the progress array; lower runs first in ties and is the "current" step.</summary>
    public static int OrderOf(int number)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Number == number)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(number), number, "Unknown step.");
    }

    /// <summary>
    /// Every step written from <paramref name="number"/>'s content, directly or through another step: those that need it
    /// and those that use it when it is there (the registration page uses the offer). Regenerating a step "with the
    /// pieces written from it" writes these.
    /// </summary>
    public static IReadOnlySet<int> WrittenFrom(int number)
    {
        var result = new HashSet<int>();
        var frontier = new Queue<int>([number]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var step in All.Where(s => (s.Needs.Contains(current) || s.OptionalNeeds.Contains(current)) && result.Add(s.Number)))
            {
                frontier.Enqueue(step.Number);
            }
        }

        return result;
    }

    /// <summary>Every step that needs <paramref name="number"/>, directly or through another step.</summary>
    public static IReadOnlySet<int> DependentsOf(int number)
    {
        var result = new HashSet<int>();
        var frontier = new Queue<int>([number]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var step in All.Where(s => s.Needs.Contains(current) && result.Add(s.Number)))
            {
                frontier.Enqueue(step.Number);
            }
        }

        return result;
    }
}
