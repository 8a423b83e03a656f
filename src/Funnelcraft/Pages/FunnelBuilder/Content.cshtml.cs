using System.Text.Json;
using Funnelcraft.Data;
using Funnelcraft.Generation;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Offer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Funnelcraft.Pages.FunnelBuilder;

/// <summary>
/// One step's content (steps 2, 3, 5, 8, 9, 11 and the marketing profile, step 0): the current version rendered for
/// reading, its history with restore, and an empty state that sends the user to step 1.
/// </summary>
public sealed class ContentModel(AppDbContext db, StatusReader statusReader, IOptions<HttpJsonOptions> json, TimeProvider time)
    : ProjectPageModel(db, statusReader, json)
{
    public sealed record VersionRow(int Version, DateTimeOffset GeneratedAt, int? RestoredFrom, long Tokens, string Source = VersionSource.Generated, string? Writer = null, string? Instruction = null);

    public StepDefinition Definition { get; private set; } = null!;

    /// <summary>The newest version (the one in use); 0 when the step has no content.</summary>
    public int CurrentVersion { get; private set; }

    /// <summary>The version on screen: the current one, or an older one picked from the history.</summary>
    public int ShownVersion { get; private set; }

    public int? RestoredFrom { get; private set; }

    public bool ShowingOlder => ShownVersion != CurrentVersion;

    public DateTimeOffset? GeneratedAt { get; private set; }

    public IReadOnlyList<VersionRow> History { get; private set; } = [];

    /// <summary>The current version as its typed content record; null when there is none or it cannot be read.</summary>
    public IStepContent? Body { get; private set; }

    /// <summary>The current offer, which the enrollment page's preview shows (features, price).</summary>
    public OfferContent? Offer { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>This step's state in the latest run, if it is part of one.</summary>
    public StepProgress? Live => Status.Progress.FirstOrDefault(p => p.Step == Definition.Number);

    public bool BeingWritten => Status.IsGenerating && Live is { Status: StepStatus.Pending or StepStatus.InProgress };

    public async Task<IActionResult> OnGetAsync(Guid projectId, int? step, [FromQuery] int? version, CancellationToken ct)
    {
        if (step == StepCatalog.MarketingProfile)
        {
            return RedirectPermanent(FunnelUrls.Step(projectId, StepCatalog.MarketingProfile));
        }

        if (!StepCatalog.TryGet(step ?? StepCatalog.MarketingProfile, out var definition))
        {
            return ProjectNotFound();
        }

        Definition = definition;
        var versions = Db.ContentVersions.AsNoTracking().Where(c => c.ProjectId == projectId && c.Step == definition.Number);
        var current = await versions.OrderByDescending(c => c.Version).FirstOrDefaultAsync(ct);
        CurrentVersion = current?.Version ?? 0;
        if (!await LoadProjectAsync(projectId, LivePage.Content, ct, definition.Number, CurrentVersion))
        {
            return ProjectNotFound();
        }

        if (current is null)
        {
            return Page();
        }

        History = await versions.OrderByDescending(c => c.Version)
            .Select(c => new VersionRow(c.Version, c.GeneratedAt, c.RestoredFrom, c.InputTokens + c.OutputTokens, c.Source, c.Writer, c.Instruction))
            .ToListAsync(ct);
        var shown = version is { } v && v != current.Version
            ? await versions.SingleOrDefaultAsync(c => c.Version == v, ct) ?? current
            : current;
        ShownVersion = shown.Version;
        GeneratedAt = shown.GeneratedAt;
        RestoredFrom = shown.RestoredFrom;
        Body = Read(shown.Content, definition.ContentType);
        if (definition.Number == StepCatalog.Enrollment)
        {
            var offer = await Db.ContentVersions.AsNoTracking()
                .Where(c => c.ProjectId == projectId && c.Step == StepCatalog.Offer)
                .OrderByDescending(c => c.Version).Select(c => c.Content).FirstOrDefaultAsync(ct);
            Offer = offer is null ? null : Read(offer, typeof(OfferContent)) as OfferContent;
        }

        return Page();
    }

    internal static IStepContent? Read(string content, Type type)
    {
        try
        {
            return JsonSerializer.Deserialize(content, type, ContentJson.Options) as IStepContent;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
