using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;
using Funnelcraft.Projects;
using Funnelcraft.Steps;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>A page inside one project: loads the project (only the signed-in owner's), its status and which steps have content.</summary>
public abstract class ProjectPageModel(AppDbContext db, StatusLookup statusLookup, IOptions<HttpJsonOptions> json) : PageModel
{
    protected AppDbContext Db { get; } = db;

    protected StatusLookup StatusLookup { get; } = statusLookup;

    public FunnelProject Project { get; private set; } = null!;

    public GenerationStatus Status { get; private set; } = null!;

    /// <summary>The current version number of each step that has content.</summary>
    public IReadOnlyDictionary<int, int> ContentVersions { get; private set; } = new Dictionary<int, int>();

    /// <summary>True when the project is missing or not the user's: the page shows the not-found message with a 404.</summary>
    public bool Missing { get; private set; }

    /// <summary>A 404 that still renders the page's layout, with the not-found message in place of the content.</summary>
    protected PageResult ProjectNotFound()
    {
        Missing = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    /// <summary>Loads the project and fills the layout's navigation; false when the user has no such project.</summary>
    protected async Task<bool> LoadProjectAsync(Guid projectId, LivePage page, CancellationToken ct, int? step = null, int version = 0)
    {
        var userId = User.UserId();
        var project = await Db.FindOwnedProjectAsync(projectId, userId, ct);
        var status = project is null ? null : await StatusLookup.GetAsync(projectId, userId, ct);
        if (project is null || status is null)
        {
            return false;
        }

        Project = project;
        Status = status;
        ContentVersions = await Db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId)
            .GroupBy(c => c.Step).Select(g => new { Step = g.Key, Version = g.Max(c => c.Version) })
            .ToDictionaryAsync(x => x.Step, x => x.Version, ct);
        ViewData[LiveContext.ViewDataKey] = LiveContext.For(projectId, project.Name, page, status, json.Value.SerializerOptions, step, version);
        ViewData[ProjectNav.ViewDataKey] = new ProjectNav(projectId, project.Name, page == LivePage.Step1 ? 1 : step,
            StepCatalog.All.Select(s => new ProjectNav.Item(s.Number, s.Name, ContentVersions.ContainsKey(s.Number))).ToList());
        return true;
    }
}

/// <summary>The project's step navigation in the layout.</summary>
public sealed record ProjectNav(Guid ProjectId, string ProjectName, int? CurrentStep, IReadOnlyList<ProjectNav.Item> Steps)
{
    public const string ViewDataKey = "Funnelcraft.ProjectNav";

    public sealed record Item(int Step, string Name, bool HasContent);
}
