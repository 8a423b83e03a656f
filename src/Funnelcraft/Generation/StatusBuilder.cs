using Funnelcraft.Projects;
using Funnelcraft.Steps;

namespace Funnelcraft.Generation;

/// <summary>Builds the status from a project and its latest run. Pure: no I/O.</summary>
public static class StatusBuilder
{
    public static GenerationStatus Build(FunnelProject project, GenerationRun? run, Func<int, TimeSpan> estimateOf, Writers.TokenPrice? price = null)
    {
        if (run is null)
        {
            return new GenerationStatus
            {
                IsGenerating = false,
                CurrentStep = null,
                CompletedSteps = [],
                FailedSteps = [],
                Progress = [],
                StartedAt = null,
                RunId = null,
                RunStatus = null,
                CurrentSteps = [],
                Version = project.StatusVersion,
                EstimatedCompletionAt = null,
                LastGeneratedAt = project.LastGeneratedAt,
                RegenerationCount = project.RegenerationCount,
                ProjectId = project.Id,
                IntakeId = null,
                Regenerate = false,
                CompletedAt = null,
                Usage = TokenUsage.None,
            };
        }

        var steps = run.Steps.OrderBy(s => StepCatalog.OrderOf(s.Step)).ToList();
        var progress = steps.Select(s =>
        {
            var definition = StepCatalog.Get(s.Step);
            return new StepProgress
            {
                Step = s.Step,
                StepKey = definition.Key,
                StepName = definition.Name,
                Status = s.Status,
                Error = s.Error,
                CompletedAt = s.CompletedAt,
                StartedAt = s.StartedAt,
                Attempt = s.Attempt,
                Detail = s.Detail,
                Percent = s.Percent,
                EstimatedDurationMs = (long)estimateOf(s.Step).TotalMilliseconds,
                Usage = new TokenUsage(s.InputTokens, s.OutputTokens).PricedAt(price),
            };
        }).ToList();

        var current = steps.Where(s => s.Status == StepStatus.InProgress).Select(s => s.Step).ToList();
        return new GenerationStatus
        {
            IsGenerating = RunStatus.IsActive(run.Status),
            CurrentStep = current.Count > 0 ? current[0] : null,
            CompletedSteps = [.. steps.Where(s => s.Status == StepStatus.Completed).Select(s => s.Step)],
            FailedSteps = [.. steps.Where(s => s.Status == StepStatus.Failed).Select(s => new FailedStep(s.Step, s.Error ?? "Failed"))],
            Progress = progress,
            StartedAt = run.StartedAt ?? run.CreatedAt,
            RunId = run.Id,
            RunStatus = run.Status,
            CurrentSteps = current,
            Version = project.StatusVersion,
            EstimatedCompletionAt = RunStatus.IsActive(run.Status) ? run.EstimatedCompletionAt : null,
            LastGeneratedAt = project.LastGeneratedAt,
            RegenerationCount = project.RegenerationCount,
            ProjectId = project.Id,
            IntakeId = run.IntakeId,
            Regenerate = run.Regenerate,
            CompletedAt = run.CompletedAt,
            Usage = new TokenUsage(steps.Sum(s => s.InputTokens), steps.Sum(s => s.OutputTokens)).PricedAt(price),
        };
    }

    /// <summary>The estimated completion of an active run from its steps' states, or null when nothing is left.</summary>
    public static DateTimeOffset? EstimateCompletion(GenerationRun run, Func<int, TimeSpan> estimateOf, int maxParallel, DateTimeOffset now)
    {
        if (!RunStatus.IsActive(run.Status))
        {
            return null;
        }

        var remaining = EstimateCalculator.Remaining(
            [.. run.Steps.Select(s => new EstimateCalculator.StepState(s.Step, s.Status, s.StartedAt, s.CompletedAt, estimateOf(s.Step)))],
            maxParallel,
            now);
        return remaining is { } r ? now + r : null;
    }
}
