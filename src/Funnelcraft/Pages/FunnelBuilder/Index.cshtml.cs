using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation;
using Funnelcraft.Projects;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary><c>/funnel-builder</c>: the user's projects and a form to create one.</summary>
public sealed class IndexModel(AppDbContext db, StatusReader statusReader, ProjectCommands commands, IOptions<HttpJsonOptions> json, TimeProvider time) : PageModel
{
    public sealed record ProjectCard(FunnelProject Project, int StepsWithContent, bool IsGenerating);

    public IReadOnlyList<ProjectCard> Projects { get; private set; } = [];

    /// <summary>The new-project form; <see cref="ProjectCommands"/> validates it, as it does the API's body.</summary>
    [BindProperty, ValidateNever]
    public NewProject Input { get; set; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await commands.CreateAsync(User.UserId(), Input, ct);
        if (result.Value is { } project)
        {
            return Redirect(FunnelUrls.Step1(project.Id));
        }

        ModelState.AddCommandErrors(result.Errors!, nameof(Input));
        await LoadAsync(ct);
        return Page();
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
            .Where(r => ids.Contains(r.ProjectId) && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running))
            .OrderByDescending(r => r.CreatedAt).Select(r => r.ProjectId).ToListAsync(ct);
        Projects = [.. projects.Select(p => new ProjectCard(p, contentCounts.GetValueOrDefault(p.Id), active.Contains(p.Id)))];

        // The floating tracker follows the most recently started run, if one is going.
        if (active.Count > 0 && projects.First(p => p.Id == active[0]) is var following
            && await statusReader.GetAsync(following.Id, userId, ct) is { } status)
        {
            ViewData[LiveContext.ViewDataKey] = LiveContext.For(following.Id, following.Name, LivePage.Other, status, json.Value.SerializerOptions);
        }
    }
}
