namespace Funnelcraft.Writers;

/// <summary>What a writer is told about the business: one intake, or all of a project's intakes (newest first).</summary>
public sealed record IntakeBrief(IReadOnlyList<IntakeFacts> Intakes)
{
    /// <summary>One view of the business: for each field, the newest intake that answered it.</summary>
    public IntakeFacts Merged => new(
        Method: Intakes.Count > 0 ? Intakes[0].Method : "form",
        SessionName: First(i => i.SessionName),
        BusinessName: First(i => i.BusinessName),
        Industry: First(i => i.Industry),
        TargetAudience: First(i => i.TargetAudience),
        MainProblem: First(i => i.MainProblem),
        CurrentSolution: First(i => i.CurrentSolution),
        DesiredOutcome: First(i => i.DesiredOutcome),
        PricePoint: First(i => i.PricePoint),
        Timeline: First(i => i.Timeline),
        TranscriptText: string.Join("\n\n", Intakes.Select(i => i.TranscriptText).Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } t ? t : null);

    private string? First(Func<IntakeFacts, string?> field) =>
        Intakes.Select(field).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}

/// <summary>The fields of one intake as the writer sees them (camelCase JSON in prompts).</summary>
public sealed record IntakeFacts(
    string Method,
    string? SessionName,
    string? BusinessName,
    string? Industry,
    string? TargetAudience,
    string? MainProblem,
    string? CurrentSolution,
    string? DesiredOutcome,
    string? PricePoint,
    string? Timeline,
    string? TranscriptText);
