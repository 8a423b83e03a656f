using Funnelcraft.Generation.Runs;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Editing;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// A project's generation state as one change loads it: the project's status fields and its latest run with its steps
/// (both tracked: what a change sets on them is saved), and what the change adds — a new run, content versions, step
/// durations. Only the latest run can be active, so it is the only run a change needs.
/// </summary>
public sealed class ProjectGeneration(FunnelProject project, GenerationRun? run)
{
    private readonly List<AddedVersion> _versions = [];
    private readonly List<StepDuration> _durations = [];

    /// <summary>The project's status fields (id, owner, status version, regeneration count, last generated time).</summary>
    public FunnelProject Project { get; } = project;

    /// <summary>The latest run, or the one this change starts.</summary>
    public GenerationRun? Run { get; private set; } = run;

    /// <summary>The run this change starts, inserted when it is saved.</summary>
    public GenerationRun? StartedRun { get; private set; }

    public IReadOnlyList<AddedVersion> Versions => _versions;

    public IReadOnlyList<StepDuration> Durations => _durations;

    public bool IsOwnedBy(string userId) => Project.OwnerId == userId;

    /// <summary>True while the latest run is active and writes (or is about to write) <paramref name="step"/>.</summary>
    public bool IsWriting(int step) => StepEdits.BeingWritten(Run, step);

    /// <summary>A new run becomes the latest; a regenerating run counts in the project's regeneration count.</summary>
    public void Start(GenerationRun run)
    {
        Run = StartedRun = run;
        if (run.Regenerate)
        {
            Project.RegenerationCount++;
        }
    }

    /// <summary>
    /// A new version of a step's content, recording where it comes from (<paramref name="origin"/>): numbered after the
    /// step's latest when the change is saved (the number is then set on the version and on <paramref name="writtenBy"/>,
    /// the run's step that wrote it).
    /// </summary>
    public ContentVersion AddVersion(int step, WrittenContent content, Guid? runId, VersionOrigin origin, DateTimeOffset now, RunStep? writtenBy = null)
    {
        var version = new ContentVersion
        {
            ProjectId = Project.Id,
            Step = step,
            RunId = runId,
            GeneratedAt = now,
            Content = content.Json,
            Source = origin.Source,
            Writer = origin.Writer,
            Instruction = origin.Instruction,
            RestoredFrom = origin.RestoredFrom,
            InputTokens = content.InputTokens,
            OutputTokens = content.OutputTokens,
        };
        _versions.Add(new AddedVersion(version, writtenBy));
        return version;
    }

    /// <summary>How long a step took, for the estimates; and the project's content was generated now.</summary>
    public void Generated(int step, string writerModel, TimeSpan elapsed, DateTimeOffset now)
    {
        _durations.Add(new StepDuration { Step = step, WriterModel = writerModel, DurationMs = (long)elapsed.TotalMilliseconds, RecordedAt = now });
        Project.LastGeneratedAt = now;
    }

    /// <summary>A content version this change adds, and the run's step that wrote it (null for a restore or an edit).</summary>
    public sealed record AddedVersion(ContentVersion Version, RunStep? WrittenBy);
}
