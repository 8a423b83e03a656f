using System.Diagnostics;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Estimates;
using Funnelcraft.Generation.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Funnelcraft.Generation.Live;

namespace Funnelcraft.Bench.Infrastructure;

/// <summary>
/// Bench-only routes under <c>/bench</c>: the baselines of the status benchmark, the server's memory, and the commit
/// timestamps of <see cref="CommitClock"/>. A startup filter adds them as a branch at the END of the app's pipeline, so
/// a request to them passes every middleware of the app (exception handler, security headers, forwarded headers,
/// authentication, rate limiter, authorization) before the branch's own routing finds the endpoint; the app's own
/// routes are untouched.
/// </summary>
public static class BenchRoutes
{
    /// <summary>The constant JSON the bare endpoints answer (set to a real status so the sizes match).</summary>
    public sealed class BareBody
    {
        public byte[] Value { get; set; } = "{}"u8.ToArray();
    }

    public sealed record MemoryStats(long GcHeapBytes, long HeapSizeBytes, long CommittedBytes, long WorkingSetBytes, int Subscribers, int Threads);

    public sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app); // the app's pipeline; its endpoint middleware passes on requests that matched none of its routes
            app.Map("/bench", branch =>
            {
                branch.UseRouting();
                branch.UseAuthorization(); // the user was authenticated by the app's middleware, once
                branch.UseEndpoints(Map);
            });
        };
    }

    private static void Map(IEndpointRouteBuilder e)
    {
        // Baselines: a bare minimal-API endpoint answering a constant JSON body, without and with the same auth as the app.
        e.MapGet("/bare", (BareBody body) => TypedResults.Bytes(body.Value, "application/json"));
        e.MapGet("/bare-auth", (BareBody body) => TypedResults.Bytes(body.Value, "application/json")).RequireAuthorization();
        e.MapPost("/bare-body", async (HttpRequest request, BareBody body) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            body.Value = buffer.ToArray();
            return TypedResults.NoContent();
        });

        // The seed's way: every poll reads the project, its latest run and the run's steps, and builds the status.
        e.MapGet("/seed-status", SeedStatusAsync).RequireAuthorization();

        e.MapGet("/memory", (StatusFeed feed) => TypedResults.Ok(Memory(feed)));
        e.MapGet("/commits", (CommitClock clock) => TypedResults.Ok(clock.All()));
        e.MapGet("/clock", () => TypedResults.Ok(Stopwatch.GetTimestamp()));
    }

    private static async Task<Results<Ok<GenerationStatus>, NotFound>> SeedStatusAsync(
        Guid projectId, HttpContext http, AppDbContext db, StatusProjection projection, CancellationToken ct)
    {
        var userId = http.User.UserId();
        var project = await db.Projects.AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId && p.OwnerId == userId, ct);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var run = await db.Runs.AsNoTracking().Include(r => r.Steps).Where(r => r.ProjectId == projectId)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(projection.Build(project, run));
    }

    /// <summary>The process's memory after a full, compacting collection.</summary>
    public static MemoryStats Memory(StatusFeed feed)
    {
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var info = GC.GetGCMemoryInfo();
        using var process = Process.GetCurrentProcess();
        return new MemoryStats(GC.GetTotalMemory(false), info.HeapSizeBytes, info.TotalCommittedBytes, process.WorkingSet64, feed.SubscriberCount, process.Threads.Count);
    }
}
