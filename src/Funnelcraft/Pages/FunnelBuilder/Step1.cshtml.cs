using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Status;
using Funnelcraft.Intakes;
using Funnelcraft.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>Step 1: the project's intakes, a form to add one, and Generate / Regenerate All Content with the live progress card.</summary>
[TranscriptBody]
public sealed class Step1Model(AppDbContext db, StatusLookup statusLookup, IntakeCommands commands, IOptions<HttpJsonOptions> json, TimeProvider time)
    : ProjectPageModel(db, statusLookup, json)
{
    public IReadOnlyList<Intake> Intakes { get; private set; } = [];

    /// <summary>The add-intake form; <see cref="IntakeCommands"/> validates it, as it does the API's body.</summary>
    [BindProperty, ValidateNever]
    public NewIntake Input { get; set; } = new();

    [TempData]
    public string? Notice { get; set; }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>True when any step already has content: the button then regenerates, keeping the old content as versions.</summary>
    public bool HasContent => ContentVersions.Count > 0;

    /// <summary>The steps whose current version is the user's edit: regenerating all keeps them unless the user ticks otherwise.</summary>
    public IReadOnlyList<Steps.StepDefinition> UsersEdits { get; private set; } = [];

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

        var result = await commands.AddAsync(projectId, User.UserId(), Input, ct);
        if (result.ProjectMissing)
        {
            return ProjectNotFound();
        }

        if (result.Value is not { } intake)
        {
            ModelState.AddCommandErrors(result.Errors!, nameof(Input));
            return Page();
        }

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
        UsersEdits = await Steps.CurrentVersions.UsersEditsAsync(Db, projectId, ct);
        return true;
    }
}
