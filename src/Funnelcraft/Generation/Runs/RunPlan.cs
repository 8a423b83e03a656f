using Funnelcraft.Steps;

namespace Funnelcraft.Generation.Runs;

/// <summary>
/// A new run and the steps it writes. Every step has a row; a step the run does not write is completed from the
/// start, with the reason as its detail (its content stays as it is), so the status always shows all seven. The step a
/// run regenerates by name carries the user's instruction, which goes into its prompt and onto the version it writes.
/// </summary>
public static class RunPlan
{
    /// <param name="scope">What the start asks the run to write (<see cref="RunScope.Kept"/> decides what it keeps, and why).</param>
    /// <param name="current">Each step with content, and whether its current version is the user's edit.</param>
    public static GenerationRun Create(
        Guid projectId, Guid? intakeId, RunScope scope, string? idempotencyKey, string writerModel, IReadOnlyDictionary<int, bool> current, DateTimeOffset now)
    {
        var kept = scope.Kept(current);
        var run = new GenerationRun
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Status = RunStatus.Queued,
            IntakeId = intakeId,
            Regenerate = scope.Regenerate,
            IdempotencyKey = idempotencyKey,
            WriterModel = writerModel,
            CreatedAt = now,
        };
        foreach (var step in StepCatalog.All)
        {
            var reason = kept.GetValueOrDefault(step.Number);
            run.Steps.Add(new RunStep
            {
                RunId = run.Id,
                Step = step.Number,
                Status = reason is null ? StepStatus.Pending : StepStatus.Completed,
                Detail = reason,
                Percent = reason is null ? 0 : 100,
                Instruction = step.Number == scope.Step ? scope.Instruction : null,
            });
        }

        if (run.Steps.All(s => s.Status == StepStatus.Completed))
        {
            run.Status = RunStatus.Completed;
            run.StartedAt = now;
            run.CompletedAt = now;
        }

        return run;
    }
}
