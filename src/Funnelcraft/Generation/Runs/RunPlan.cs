using Funnelcraft.Steps;

namespace Funnelcraft.Generation.Runs;

/// <summary>
/// A new run and the steps it writes. Every step has a row; a step the run does not write is completed from the
/// start, with the reason as its detail (its content stays as it is), so the status always shows all seven.
/// </summary>
public static class RunPlan
{
    public const string ExistingContentKept = "Existing content kept";

    /// <param name="kept">Steps this run does not write, each with the reason shown as its detail.</param>
    public static GenerationRun Create(
        Guid projectId, Guid? intakeId, bool regenerate, string? idempotencyKey, string writerModel, IReadOnlyDictionary<int, string> kept, DateTimeOffset now)
    {
        var run = new GenerationRun
        {
            Id = Guid.CreateVersion7(now),
            ProjectId = projectId,
            Status = RunStatus.Queued,
            IntakeId = intakeId,
            Regenerate = regenerate,
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
