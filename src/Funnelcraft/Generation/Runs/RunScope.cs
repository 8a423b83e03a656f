using Funnelcraft.Steps;

namespace Funnelcraft.Generation.Runs;

/// <summary>
/// What a start asks a run to write: every step (only those without content, unless <see cref="Regenerate"/>), or one
/// step (<see cref="Step"/>) with the user's <see cref="Instruction"/> and, when <see cref="WithDependents"/>, the steps
/// written from it. A step whose current version is the user's edit is kept unless <see cref="OverwriteEdits"/> — except
/// the one step asked for by name. Pure: <see cref="Kept"/> decides from the steps' current versions.
/// </summary>
public sealed record RunScope(bool Regenerate, bool OverwriteEdits, int? Step = null, string? Instruction = null, bool WithDependents = false)
{
    public const string ExistingContentKept = "Existing content kept";
    public const string YourEditsKept = "Your edits kept";
    public const string NotInThisRun = "Not part of this run";

    public static RunScope AllSteps(bool regenerate, bool overwriteEdits) => new(regenerate, overwriteEdits);

    /// <summary>One step again (<paramref name="instruction"/> trimmed; blank is none), optionally with its dependents.</summary>
    public static RunScope OneStep(int step, string? instruction, bool withDependents, bool overwriteEdits) =>
        new(true, overwriteEdits, step, string.IsNullOrWhiteSpace(instruction) ? null : instruction.Trim(), withDependents);

    /// <summary>The steps <see cref="Step"/> brings along: those written from it (<see cref="StepCatalog.WrittenFrom"/>), when <see cref="WithDependents"/>.</summary>
    public IReadOnlySet<int> Dependents => Step is { } step && WithDependents ? StepCatalog.WrittenFrom(step) : new HashSet<int>();

    /// <summary>
    /// The steps the run does not write, each with the reason its row shows. <paramref name="current"/>: each step with
    /// content, and whether its current version is the user's edit (<see cref="VersionSource.IsUsersEdit"/>).
    /// </summary>
    public IReadOnlyDictionary<int, string> Kept(IReadOnlyDictionary<int, bool> current)
    {
        var kept = new Dictionary<int, string>();
        foreach (var step in StepCatalog.Numbers)
        {
            var hasContent = current.TryGetValue(step, out var edited);
            var inScope = Step is null ? Regenerate || !hasContent : step == Step || Dependents.Contains(step);
            if (!inScope)
            {
                kept[step] = hasContent ? ExistingContentKept : NotInThisRun;
            }
            else if (edited && !OverwriteEdits && step != Step)
            {
                kept[step] = YourEditsKept;
            }
        }

        return kept;
    }
}
