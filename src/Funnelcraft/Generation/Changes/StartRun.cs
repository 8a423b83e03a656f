using Funnelcraft.Data;
using Funnelcraft.Generation.Runs;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// A start: records a queued run of the project's steps — all of them when <paramref name="regenerate"/>, else the
/// steps without content — unless the project is not the caller's, the key was used before, the intake is missing or
/// a run is active. The worker claims the run (the caller wakes it).
/// </summary>
public sealed class StartRun(string ownerId, Guid? intakeId, bool regenerate, string? idempotencyKey, string writerModel) : RunChange<StartRun.Verdict>
{
    private bool _keyUsed;
    private bool _intakeFound;
    private IReadOnlyCollection<int> _withContent = [];

    public enum Verdict
    {
        Started,
        Repeated,
        Conflict,
        NoIntake,
        IntakeNotFound,
        ProjectNotFound,
    }

    public override async Task LoadAsync(AppDbContext db, ProjectGeneration state, CancellationToken cancellationToken)
    {
        if (!state.IsOwnedBy(ownerId))
        {
            return;
        }

        var projectId = state.Project.Id;
        _keyUsed = idempotencyKey is not null && await db.Runs.AnyAsync(r => r.ProjectId == projectId && r.IdempotencyKey == idempotencyKey, cancellationToken);
        _intakeFound = await db.Intakes.AnyAsync(i => i.ProjectId == projectId && (intakeId == null || i.Id == intakeId), cancellationToken);
        _withContent = regenerate ? [] : await db.ContentVersions.Where(c => c.ProjectId == projectId).Select(c => c.Step).Distinct().ToListAsync(cancellationToken);
    }

    public override Decision<Verdict> Apply(ProjectGeneration state, DateTimeOffset now)
    {
        if (!state.IsOwnedBy(ownerId))
        {
            return Decision.Abandon(Verdict.ProjectNotFound);
        }

        if (_keyUsed)
        {
            return Decision.Abandon(Verdict.Repeated);
        }

        if (!_intakeFound)
        {
            return Decision.Abandon(intakeId is null ? Verdict.NoIntake : Verdict.IntakeNotFound);
        }

        if (state.Run is { } latest && RunStatus.IsActive(latest.Status))
        {
            return Decision.Abandon(Verdict.Conflict);
        }

        var kept = _withContent.ToDictionary(step => step, _ => RunPlan.ExistingContentKept);
        state.Start(RunPlan.Create(state.Project.Id, intakeId, regenerate, idempotencyKey, writerModel, kept, now));
        return Decision.Save(Verdict.Started);
    }
}
