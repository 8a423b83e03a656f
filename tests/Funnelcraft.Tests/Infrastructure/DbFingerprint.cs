using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Tests.Infrastructure;

/// <summary>A summary of everything a request could change; equal before and after means the request changed nothing.</summary>
public static class DbFingerprint
{
    public static async Task<string> TakeAsync(FunnelcraftApp app)
    {
        await using var db = app.NewDbContext();
        var projects = await db.Projects.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.StatusVersion, p.RegenerationCount, p.AutoGenerationStatus }).ToListAsync();
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.Status }).ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(new
        {
            users = await db.Users.CountAsync(),
            projects,
            intakes = await db.Intakes.CountAsync(),
            runs,
            steps = await db.RunSteps.CountAsync(),
            versions = await db.ContentVersions.CountAsync(),
        });
    }
}
