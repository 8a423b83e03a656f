using Funnelcraft.Data;
using Funnelcraft.Generation;
using Funnelcraft.Generation.Live;
using Funnelcraft.Steps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// Two versions of a step side by side, field by field, with the changed words marked: the comparison the API answers
/// at <c>…/versions/compare</c>, rendered. Either side can be restored from here.
/// </summary>
public sealed class CompareModel(AppDbContext db, StatusLookup statusLookup, IOptions<HttpJsonOptions> json, TimeProvider time)
    : ProjectPageModel(db, statusLookup, json)
{
    public sealed record VersionChoice(int Version, string Source, int? RestoredFrom, DateTimeOffset GeneratedAt);

    public StepDefinition Definition { get; private set; } = null!;

    /// <summary>Every version of the step, newest first, for the pickers.</summary>
    public IReadOnlyList<VersionChoice> Versions { get; private set; } = [];

    /// <summary>The comparison; null when the step has fewer than one version or a picked version does not exist.</summary>
    public StepsEndpoints.CompareResponse? Comparison { get; private set; }

    /// <summary>A picked version that does not exist (the page says so).</summary>
    public int? MissingVersion { get; private set; }

    /// <summary>Show unchanged fields too (<c>?all=1</c>); by default only what changed.</summary>
    public bool ShowAll { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public string ContentUrl => FunnelUrls.Step(Project.Id, Definition.Number);

    public async Task<IActionResult> OnGetAsync(Guid projectId, int? step, [FromQuery] int? from, [FromQuery] int? to, [FromQuery] int? all, CancellationToken ct)
    {
        if (step == StepCatalog.MarketingProfile)
        {
            return RedirectPermanent(EditUrls.CompareBase(projectId, StepCatalog.MarketingProfile) + Request.QueryString);
        }

        if (!StepCatalog.TryGet(step ?? StepCatalog.MarketingProfile, out var definition))
        {
            return ProjectNotFound();
        }

        Definition = definition;
        if (!await LoadProjectAsync(projectId, LivePage.Other, ct, definition.Number))
        {
            return ProjectNotFound();
        }

        ShowAll = all == 1;
        Versions = await Db.ContentVersions.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Step == definition.Number)
            .OrderByDescending(c => c.Version)
            .Select(c => new VersionChoice(c.Version, c.Source, c.RestoredFrom, c.GeneratedAt))
            .ToListAsync(ct);
        if (Versions.Count == 0)
        {
            return Page();
        }

        // By default: the version before the current one, against the current one.
        var newer = to ?? Versions[0].Version;
        var older = from ?? Versions.FirstOrDefault(v => v.Version < newer)?.Version ?? newer;
        var (comparison, missing) = await StepsEndpoints.CompareVersionsAsync(Db, projectId, definition, older, newer, ct);
        Comparison = comparison;
        MissingVersion = comparison is null ? missing : null;
        if (comparison is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public string CompareUrl(int from, int to, bool all) => EditUrls.Compare(Project.Id, Definition.Number, from, to) + (all ? "&all=1" : "");

    public string RestoreUrl(int version) => $"/api/projects/{Project.Id}/steps/{Definition.Key}/versions/{version}/restore";
}
