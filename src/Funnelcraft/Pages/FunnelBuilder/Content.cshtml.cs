using System.Text.Json;
using Funnelcraft.Accounts;
using Funnelcraft.Data;
using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;
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
public sealed class ContentModel(AppDbContext db, StatusLookup statusLookup, PreviewBoard previews, IOptions<HttpJsonOptions> json, TimeProvider time)
    : ProjectPageModel(db, statusLookup, json)
{
    /// <summary>One version in the history: when, how (generated, edited, or restored from which), by which writer, with which instruction.</summary>
    public sealed record VersionRow(int Version, DateTimeOffset GeneratedAt, int? RestoredFrom, long Tokens, string? Writer,
        string Source = VersionSource.Generated, string? Instruction = null);

    public StepDefinition Definition { get; private set; } = null!;

    /// <summary>The newest version (the one in use); 0 when the step has no content.</summary>
    public int CurrentVersion { get; private set; }

    /// <summary>The version on screen: the current one, or an older one picked from the history.</summary>
    public int ShownVersion { get; private set; }

    public int? RestoredFrom { get; private set; }

    public bool ShowingOlder => ShownVersion != CurrentVersion;

    public DateTimeOffset? GeneratedAt { get; private set; }

    /// <summary>Versions the history menu lists at once; older ones are a link away.</summary>
    public const int HistoryPageSize = 20;

    /// <summary>The page of the history shown: the newest versions, or those before <see cref="HistoryBefore"/>.</summary>
    public IReadOnlyList<VersionRow> History { get; private set; } = [];

    /// <summary>The version the history page starts below (<c>?before=</c>); null for the newest.</summary>
    public int? HistoryBefore { get; private set; }

    /// <summary>The version below which the next (older) history page starts; null when this page reaches version 1.</summary>
    public int? OlderHistoryBefore { get; private set; }

    public int VersionCount { get; private set; }

    /// <summary>The current version as its typed content record; null when there is none or it cannot be read.</summary>
    public IStepContent? Body { get; private set; }

    /// <summary>The current offer, which the enrollment page's preview shows (features, price).</summary>
    public OfferContent? Offer { get; private set; }

    public DateTimeOffset Now => time.GetUtcNow();

    public bool BeingWritten => IsBeingWritten(Status, Definition.Number);

    /// <summary>The steps written from this one, which the regenerate dialog offers to rewrite with it.</summary>
    public IReadOnlyList<StepDefinition> Dependents { get; private set; } = [];

    /// <summary>The steps whose current version is the user's edit: a dependent among them is kept unless the user says otherwise.</summary>
    public IReadOnlyList<StepDefinition> UsersEdits { get; private set; } = [];

    /// <summary>The writer model of the version on screen (a restored version's is the original's); null when unknown.</summary>
    public string? ShownWriter { get; private set; }

    /// <summary>
    /// True while the run is still to write (or is writing) <paramref name="step"/>: its page says a new version is
    /// being written. wwwroot/js/live/view-rules.js (isBeingWritten) applies the same rule.
    /// </summary>
    public static bool IsBeingWritten(GenerationStatus status, int step) =>
        status.RunStatus is { } run && RunStatus.IsActive(run)
        && status.Progress.FirstOrDefault(p => p.Step == step) is { Status: StepStatus.Pending or StepStatus.InProgress };

    /// <summary>Who wrote a version: its run's writer, or for a restored copy the writer of the version it copies.</summary>
    public string? WriterOf(VersionRow row)
    {
        for (var seen = 0; row.RestoredFrom is { } from && seen < History.Count; seen++)
        {
            if (History.FirstOrDefault(h => h.Version == from) is not { } original)
            {
                return row.Writer;
            }

            row = original;
        }

        return row.Writer;
    }

    public async Task<IActionResult> OnGetAsync(Guid projectId, int? step, [FromQuery] int? version, [FromQuery] int? before, CancellationToken ct)
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

        VersionCount = await versions.CountAsync(ct);
        var dependents = StepCatalog.WrittenFrom(definition.Number);
        Dependents = [.. StepCatalog.All.Where(s => dependents.Contains(s.Number))];
        UsersEdits = await CurrentVersions.UsersEditsAsync(Db, projectId, ct);
        HistoryBefore = before is > 1 ? before : null;
        var page = await versions
            .Where(c => HistoryBefore == null || c.Version < HistoryBefore)
            .OrderByDescending(c => c.Version)
            .Select(c => new VersionRow(c.Version, c.GeneratedAt, c.RestoredFrom, c.InputTokens + c.OutputTokens, c.Writer, c.Source, c.Instruction))
            .Take(HistoryPageSize + 1)
            .ToListAsync(ct);
        OlderHistoryBefore = page.Count > HistoryPageSize ? page[HistoryPageSize - 1].Version : null;
        History = page.Take(HistoryPageSize).ToList();
        var shown = version is { } v && v != current.Version
            ? await versions.SingleOrDefaultAsync(c => c.Version == v, ct) ?? current
            : current;
        ShownVersion = shown.Version;
        ShownWriter = History.FirstOrDefault(h => h.Version == shown.Version) is { } row ? WriterOf(row) : null;
        if (ViewData[LiveContext.ViewDataKey] is LiveContext live)
        {
            ViewData[LiveContext.ViewDataKey] = live with { Shown = shown.Version };
        }

        GeneratedAt = shown.GeneratedAt;
        RestoredFrom = shown.RestoredFrom;
        Body = Read(shown.Content, definition.ContentType);
        Offer = await CurrentOfferAsync(projectId, definition, ct);
        return Page();
    }

    /// <summary>
    /// <c>?handler=Draft</c>: the step's draft while it is being written (its live preview rendered in the step's layout,
    /// the markup live/draft.js shows in place of the content); 204 when the step is not being written. Never cached.
    /// </summary>
    public async Task<IActionResult> OnGetDraftAsync(Guid projectId, int? step, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!StepCatalog.TryGet(step ?? StepCatalog.MarketingProfile, out var definition)
            || await StatusLookup.GetAsync(projectId, User.UserId(), ct) is not { } status
            || await previews.GetAsync(projectId, definition.Number, ct) is not { } preview
            || !preview.ShowsIn(status)
            || DraftContent.Read(preview.Content, definition.ContentType) is not { } draft)
        {
            return new NoContentResult(); // nothing to show now (not an error: the attempt may just have ended)
        }

        return Partial("_StepBody", new StepBodyView(draft, await CurrentOfferAsync(projectId, definition, ct)));
    }

    /// <summary>The current offer, which the enrollment page shows (features, price); null on other steps.</summary>
    private async Task<OfferContent?> CurrentOfferAsync(Guid projectId, StepDefinition definition, CancellationToken ct)
    {
        if (definition.Number != StepCatalog.Enrollment)
        {
            return null;
        }

        var offer = await Db.ContentVersions.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Step == StepCatalog.Offer)
            .OrderByDescending(c => c.Version).Select(c => c.Content).FirstOrDefaultAsync(ct);
        return offer is null ? null : Read(offer, typeof(OfferContent)) as OfferContent;
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
