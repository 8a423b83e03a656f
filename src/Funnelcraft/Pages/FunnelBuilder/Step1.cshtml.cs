using Funnelcraft.Data;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;
using Funnelcraft.Intakes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>Step 1: the project's intakes, a form to add one, and Generate / Regenerate All Content with the live progress card.</summary>
public sealed class Step1Model(AppDbContext db, StatusLookup statusLookup, IOptions<HttpJsonOptions> json, TimeProvider time)
    : ProjectPageModel(db, statusLookup, json)
{
    public IReadOnlyList<Intake> Intakes { get; private set; } = [];

    [BindProperty]
    public IntakeInput Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>True when any step already has content: the button then regenerates, keeping the old content as versions.</summary>
    public bool HasContent => ContentVersions.Count > 0;

    public async Task<IActionResult> OnGetAsync(Guid projectId, CancellationToken ct)
    {
        if (!await LoadAsync(projectId, ct))
        {
            return ProjectNotFound();
        }

        Input.Method ??= Intakes.Count == 0 ? "form" : Intakes[0].Method;
        return Page();
    }

    public async Task<IActionResult> OnPostAddIntakeAsync(Guid projectId, CancellationToken ct)
    {
        if (!await LoadAsync(projectId, ct))
        {
            return ProjectNotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var intake = Input.ToIntake(projectId, Data.StoredTime.Now(time));
        Db.Intakes.Add(intake);
        await Db.SaveChangesAsync(ct);
        Notice = $"Intake “{intake.SessionName ?? intake.BusinessName ?? "Transcript"}” added.";
        return Redirect(FunnelUrls.Step1(projectId) + "#intakes");
    }

    private async Task<bool> LoadAsync(Guid projectId, CancellationToken ct)
    {
        if (!await LoadProjectAsync(projectId, LivePage.Step1, ct))
        {
            return false;
        }

        Intakes = await Db.Intakes.AsNoTracking().Where(i => i.ProjectId == projectId)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(ct);
        return true;
    }
}
