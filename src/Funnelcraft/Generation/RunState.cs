using Funnelcraft.Projects;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation;

/// <summary>
/// What the executor holding a run knows of it, as last committed: the project's status fields and the run with its
/// steps. Only the lease holder changes a running run's steps, so this copy is the truth while the lease holds.
/// </summary>
public sealed record RunState(Guid ProjectId, string OwnerId, int RegenerationCount, DateTimeOffset? LastGeneratedAt, long Version, GenerationRun Run)
{
    /// <summary>The status this state was published as (null for the state read at the start).</summary>
    public GenerationStatus? Status { get; init; }

    public static RunState Of(FunnelProject project, GenerationRun run) =>
        new(project.Id, project.OwnerId, project.RegenerationCount, project.LastGeneratedAt, project.StatusVersion, Copy(run));

    /// <summary>The project fields the status shows.</summary>
    public FunnelProject Head() => new()
    {
        Id = ProjectId,
        OwnerId = OwnerId,
        Name = string.Empty,
        RegenerationCount = RegenerationCount,
        LastGeneratedAt = LastGeneratedAt,
        StatusVersion = Version,
    };

    public static GenerationRun Copy(GenerationRun run) => new()
    {
        Id = run.Id,
        ProjectId = run.ProjectId,
        Status = run.Status,
        IntakeId = run.IntakeId,
        Regenerate = run.Regenerate,
        IdempotencyKey = run.IdempotencyKey,
        WriterModel = run.WriterModel,
        CreatedAt = run.CreatedAt,
        StartedAt = run.StartedAt,
        CompletedAt = run.CompletedAt,
        LeaseOwner = run.LeaseOwner,
        LeaseExpiresAt = run.LeaseExpiresAt,
        EstimatedCompletionAt = run.EstimatedCompletionAt,
        Steps = [.. run.Steps.Select(Copy)],
    };

    public static RunStep Copy(RunStep s) => new()
    {
        RunId = s.RunId,
        Step = s.Step,
        Status = s.Status,
        Attempt = s.Attempt,
        StartedAt = s.StartedAt,
        CompletedAt = s.CompletedAt,
        Error = s.Error,
        Detail = s.Detail,
        Percent = s.Percent,
        InputTokens = s.InputTokens,
        OutputTokens = s.OutputTokens,
        ContentVersion = s.ContentVersion,
        Instruction = s.Instruction,
    };

    public static bool Differs(RunStep a, RunStep b) =>
        a.Status != b.Status || a.Attempt != b.Attempt || a.StartedAt != b.StartedAt || a.CompletedAt != b.CompletedAt
        || a.Error != b.Error || a.Detail != b.Detail || a.Percent != b.Percent || a.InputTokens != b.InputTokens
        || a.OutputTokens != b.OutputTokens || a.ContentVersion != b.ContentVersion;
}

/// <summary>One change to a held run, applied to a copy: the steps' transitions, and the content it completes.</summary>
public sealed class RunEdit(GenerationRun run, DateTimeOffset now)
{
    public GenerationRun Run { get; } = run;

    public DateTimeOffset Now { get; } = now;

    /// <summary>Completed steps whose content is stored as a new version in the change.</summary>
    public List<Completion> Completions { get; } = [];

    /// <summary>Steps this change started, with their attempt.</summary>
    public List<(int Step, int Attempt)> Started { get; } = [];

    public RunStep Step(int number) => Run.Steps.Single(s => s.Step == number);

    public sealed record Completion(int Step, WrittenContent Written, TimeSpan Elapsed);
}
