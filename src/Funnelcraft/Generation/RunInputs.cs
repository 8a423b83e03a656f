using System.Collections.Concurrent;
using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation;

/// <summary>
/// What one run's steps are written from, read once per run: the intake brief, and the offer and deck — as this run
/// wrote them, or the project's latest when this run does not write them.
/// </summary>
public sealed class RunInputs(StepInputsLoader loader, Guid projectId, Guid? intakeId)
{
    private readonly ConcurrentDictionary<int, string> _written = new();
    private readonly Lock _gate = new();
    private Task<IntakeBrief>? _intake;

    /// <summary>Content this run has committed for a step; the steps that need it start after this.</summary>
    public void Written(int step, string json) => _written[step] = json;

    public async Task<StepInputs> ForAsync(StepDefinition step, CancellationToken cancellationToken)
    {
        var intake = await Intake().WaitAsync(cancellationToken);
        var offer = step.DependsOn(StepCatalog.Offer) ? await ContentAsync<OfferContent>(StepCatalog.Offer, cancellationToken) : null;
        var deck = step.DependsOn(StepCatalog.Deck) ? await ContentAsync<DeckContent>(StepCatalog.Deck, cancellationToken) : null;
        return new StepInputs(intake, offer, deck);
    }

    private async Task<T?> ContentAsync<T>(int step, CancellationToken cancellationToken)
        where T : class
    {
        var json = _written.TryGetValue(step, out var mine) ? mine : await loader.LoadLatestAsync(projectId, step, cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<T>(json, ContentJson.Options);
    }

    // One read shared by the run's steps; a failed read is not kept, so the next step to ask tries again.
    private Task<IntakeBrief> Intake()
    {
        lock (_gate)
        {
            if (_intake is null || _intake.IsFaulted || _intake.IsCanceled)
            {
                _intake = loader.LoadIntakeAsync(projectId, intakeId, CancellationToken.None);
            }

            return _intake;
        }
    }
}
