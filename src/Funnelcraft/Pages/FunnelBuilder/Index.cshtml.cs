using System.ComponentModel.DataAnnotations;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary><c>/funnel-builder</c>: the user's projects and a form to create one.</summary>
public sealed class IndexModel(AppDbContext db, StatusLookup statusLookup, IOptions<HttpJsonOptions> json, TimeProvider time) : PageModel
{
    public sealed record ProjectCard(FunnelProject Project, int StepsWithContent, bool IsGenerating);

    public sealed class NewProjectInput
    {
        [Required(ErrorMessage = "Give the project a name."), StringLength(200)]
        public string? Name { get; set; }

        [StringLength(2000)]
        public string? Description { get; set; }
    }

    public IReadOnlyList<ProjectCard> Projects { get; private set; } = [];

    [BindProperty]
    public NewProjectInput Input { get; set; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        var now = Data.StoredTime.Now(time);
        var project = new FunnelProject
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = User.UserId(),
            Name = Input.Name!.Trim(),
            Description = string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(),
            CreatedAt = now,
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        return Redirect(FunnelUrls.Step1(project.Id));
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var userId = User.UserId();
        var projects = await db.Projects.AsNoTracking().Where(p => p.OwnerId == userId)
            .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        var ids = projects.Select(p => p.Id).ToList();
        var contentCounts = await db.ContentVersions.AsNoTracking().Where(c => ids.Contains(c.ProjectId))
            .Select(c => new { c.ProjectId, c.Step }).Distinct()
            .GroupBy(c => c.ProjectId).Select(g => new { ProjectId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.ProjectId, x => x.Count, ct);
        var active = await db.Runs.AsNoTracking()
            .Where(r => ids.Contains(r.ProjectId) && EF.Constant(RunStatus.Active).Contains(r.Status))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.ProjectId).ToListAsync(ct);
        Projects = [.. projects.Select(p => new ProjectCard(p, contentCounts.GetValueOrDefault(p.Id), active.Contains(p.Id)))];

        // The floating tracker follows the most recently started run, if one is going.
        if (active.Count > 0 && projects.First(p => p.Id == active[0]) is var following
            && await statusLookup.GetAsync(following.Id, userId, ct) is { } status)
        {
            ViewData[LiveContext.ViewDataKey] = LiveContext.For(following.Id, following.Name, LivePage.Other, status, json.Value.SerializerOptions);
        }
    }
}
