namespace Funnelcraft.Writers;

/// <summary>The <c>&lt;deck_plan&gt;</c> block of the deck outline's prompt: the deck's length and its parts.</summary>
public sealed record DeckPlan(int TotalSlides, IReadOnlyList<DeckPlanPart> Parts);

/// <param name="Part">1-based.</param>
/// <param name="FirstSlide">The part's first slide.</param>
/// <param name="LastSlide">The part's last slide.</param>
/// <param name="Sections">Which sections of the arc its slides belong to, e.g. "slides 1–6 hook, 7–10 problem".</param>
public sealed record DeckPlanPart(int Part, int FirstSlide, int LastSlide, string Sections);

/// <summary>The <c>&lt;deck_part&gt;</c> block of a deck part's prompt: which part to write, and its brief from the outline.</summary>
public sealed record DeckPartRequest(int Part, int Parts, int FirstSlide, int LastSlide, int TotalSlides, string Sections, string Brief);
