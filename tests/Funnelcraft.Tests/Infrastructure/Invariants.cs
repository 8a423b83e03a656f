using System.Text.Json;
using Funnelcraft.Generation;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>The run invariants (docs/reliability.md), checked against the database.</summary>
public static class Invariants
{
    public static async Task AssertHoldAsync(FunnelcraftApp app, Guid projectId)
    {
        await using var db = app.NewDbContext();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // One snapshot: the worker keeps changing things while we look.
            await using var tx = await db.Database.BeginTransactionAsync(
                app.Database.Kind == DatabaseKind.Postgres ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable);
            await CheckAsync(db, projectId);
        });
    }

    private static async Task CheckAsync(Funnelcraft.Data.AppDbContext db, Guid projectId)
    {
        var project = await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId);
        var runs = await db.Runs.AsNoTracking().Include(r => r.Steps).Where(r => r.ProjectId == projectId).ToListAsync();

        // At most one active run.
        Assert.True(runs.Count(r => RunStatus.IsActive(r.Status)) <= 1, "more than one active run");

        // A finished run has no unfinished step.
        foreach (var run in runs.Where(r => !RunStatus.IsActive(r.Status)))
        {
            Assert.All(run.Steps, s => Assert.True(StepStatus.IsFinished(s.Status), $"run {run.Id} is {run.Status} with step {s.Step} {s.Status}"));
        }

        // Versions of each step are 1..n with no gap or repeat.
        var versions = await db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId)
            .Select(c => new { c.Step, c.Version }).ToListAsync();
        foreach (var step in versions.GroupBy(v => v.Step))
        {
            Assert.Equal(Enumerable.Range(1, step.Count()), step.Select(v => v.Version).Order());
        }

        // The seed document in the project row tells the same truth as the tables.
        if (runs.Count > 0)
        {
            var latest = runs.MaxBy(r => r.CreatedAt)!;
            using var seed = JsonDocument.Parse(project.AutoGenerationStatus!);
            Assert.Equal(project.StatusVersion, seed.RootElement.GetProperty("version").GetInt64());
            Assert.Equal(latest.Id, seed.RootElement.GetProperty("run_id").GetGuid());
            Assert.Equal(latest.Status, seed.RootElement.GetProperty("run_status").GetString());
            Assert.Equal(RunStatus.IsActive(latest.Status), seed.RootElement.GetProperty("is_generating").GetBoolean());
        }
    }
}
