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
/// The editor of one step's content, in the layout of its content page. The page renders the current version into a
/// form; editor.js saves it through <c>PUT /api/projects/{projectId}/steps/{step}</c> (the API's rules, its field errors).
/// </summary>
public sealed class EditModel(AppDbContext db, StatusLookup statusLookup, IOptions<HttpJsonOptions> json, TimeProvider time)
    : ProjectPageModel(db, statusLookup, json)
{
    public StepDefinition Definition { get; private set; } = null!;

    /// <summary>The version the edit starts from; null when the step has no content.</summary>
    public ContentVersion? Current { get; private set; }

    /// <summary>The current version as its content record; null when there is none or it cannot be read.</summary>
    public IStepContent? Body { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>A run is writing (or about to write) the step: editing is closed until it has finished with it.</summary>
    public bool BeingWritten { get; private set; }

    public string ContentUrl => FunnelUrls.Step(Project.Id, Definition.Number);

    public string ApiUrl => $"/api/projects/{Project.Id}/steps/{Definition.Key}";

    public async Task<IActionResult> OnGetAsync(Guid projectId, int? step, CancellationToken ct)
    {
        if (step == StepCatalog.MarketingProfile)
        {
            return RedirectPermanent(EditUrls.Edit(projectId, StepCatalog.MarketingProfile));
        }

        if (!StepCatalog.TryGet(step ?? StepCatalog.MarketingProfile, out var definition))
        {
            return ProjectNotFound();
        }

        Definition = definition;
        Current = await Db.ContentVersions.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Step == definition.Number)
            .OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        if (!await LoadProjectAsync(projectId, LivePage.Other, ct, definition.Number, Current?.Version ?? 0))
        {
            return ProjectNotFound();
        }

        BeingWritten = Steps.Editing.StepEdits.BeingWritten(Status, definition.Number);
        Body = Current is null ? null : ContentModel.Read(Current.Content, definition.ContentType);
        return Page();
    }
}

/// <summary>Addresses of the editor and the compare view of a step.</summary>
public static class EditUrls
{
    public static string Edit(Guid projectId, int step) => $"{FunnelUrls.Step(projectId, step)}/edit";

    public static string CompareBase(Guid projectId, int step) => $"{FunnelUrls.Step(projectId, step)}/compare";

    public static string Compare(Guid projectId, int step, int from, int to) => $"{CompareBase(projectId, step)}?from={from}&to={to}";
}
