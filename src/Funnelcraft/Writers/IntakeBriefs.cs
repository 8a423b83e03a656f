using Funnelcraft.Intakes;

namespace Funnelcraft.Writers;

/// <summary>The writer's view of stored intakes: what a step is written from.</summary>
public static class IntakeBriefs
{
    extension(IntakeBrief)
    {
        /// <summary>The project's intakes (or the one a run was started with), newest first.</summary>
        public static IntakeBrief From(IEnumerable<Intake> newestFirst) => new([.. newestFirst.Select(Facts)]);
    }

    private static IntakeFacts Facts(Intake i) => new(
        i.Method, i.SessionName, i.BusinessName, i.Industry, i.TargetAudience, i.MainProblem,
        i.CurrentSolution, i.DesiredOutcome, i.PricePoint, i.Timeline, i.TranscriptText);
}
