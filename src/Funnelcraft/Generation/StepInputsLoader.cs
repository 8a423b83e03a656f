using System.Text.Json;
using Funnelcraft.Data;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;

namespace Funnelcraft.Generation;

/// <summary>Loads what a step is written from: the run's intake (or all intakes, newest first) and the current content it needs.</summary>
public sealed class StepInputsLoader(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<StepInputs> LoadAsync(Guid projectId, Guid? intakeId, StepDefinition step, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var intakes = await db.Intakes.AsNoTracking()
            .Where(i => i.ProjectId == projectId && (intakeId == null || i.Id == intakeId))
            .OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);

        var offer = step.DependsOn(StepCatalog.Offer) ? await LatestAsync<OfferContent>(db, projectId, StepCatalog.Offer, cancellationToken) : null;
        var deck = step.DependsOn(StepCatalog.Deck) ? await LatestAsync<DeckContent>(db, projectId, StepCatalog.Deck, cancellationToken) : null;
        return new StepInputs(IntakeBrief.From(intakes), offer, deck);
    }

    private static async Task<T?> LatestAsync<T>(AppDbContext db, Guid projectId, int step, CancellationToken cancellationToken)
        where T : class
    {
        var json = await db.ContentVersions.AsNoTracking()
            .Where(c => c.ProjectId == projectId && c.Step == step)
            .OrderByDescending(c => c.Version).Select(c => c.Content).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<T>(json, ContentJson.Options);
    }
}
