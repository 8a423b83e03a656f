using Funnelcraft.Data;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation.Worker;

/// <summary>Reads what steps are written from: the run's intake (or all intakes, newest first) and a step's current content.</summary>
public sealed class StepInputsLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IntakeBrief> LoadIntakeAsync(Guid projectId, Guid? intakeId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var intakes = await db.Intakes.AsNoTracking()
            .Where(i => i.ProjectId == projectId && (intakeId == null || i.Id == intakeId))
            .OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
        return IntakeBrief.From(intakes);
    }

    /// <summary>The latest version of a step's content as JSON, or null when it has none.</summary>
    public async Task<string?> LoadLatestAsync(Guid projectId, int step, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ContentVersions.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Step == step)
            .OrderByDescending(c => c.Version).Select(c => c.Content).FirstOrDefaultAsync(cancellationToken);
    }
}
