using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation;
using System.Text.Json;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
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
    /// <summary>A project on the list: the steps that have content, its latest run's status, and (while it runs) that status as JSON for the script.</summary>
    public sealed record ProjectCard(FunnelProject Project, IReadOnlyList<int> StepsWithContent, GenerationStatus? Status, string? LiveStatusJson)
    {
        public ProjectStateView State => ProjectStateView.From(Status, StepsWithContent.Count, StepCatalog.All.Count);
    }

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
        var withContent = (await db.ContentVersions.AsNoTracking().Where(c => ids.Contains(c.ProjectId))
                .Select(c => new { c.ProjectId, c.Step }).Distinct().ToListAsync(ct))
            .ToLookup(c => c.ProjectId, c => c.Step);
        var cards = new List<ProjectCard>(projects.Count);
        foreach (var project in projects)
        {
            var status = await statusReader.GetAsync(project.Id, userId, ct);
            var live = status is { IsGenerating: true } ? JsonSerializer.Serialize(status, json.Value.SerializerOptions) : null;
            cards.Add(new ProjectCard(project, [.. withContent[project.Id].Order()], status, live));
        }

        Projects = cards;

        // The floating tracker follows the most recently started run, if one is going.
        if (cards.Where(c => c.Status is { IsGenerating: true }).MaxBy(c => c.Status!.StartedAt) is { } following)
        {
            ViewData[LiveContext.ViewDataKey] = LiveContext.For(following.Project.Id, following.Project.Name, LivePage.Other, following.Status!, json.Value.SerializerOptions);
        }
    }
}
