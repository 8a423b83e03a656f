using System.Text.Json;
using Funnelcraft.Steps;
using Funnelcraft.Steps.Deck;
using Funnelcraft.Steps.Offer;
using Funnelcraft.Writers;

namespace Funnelcraft.Generation.Worker;

/// <summary>
/// What one run's steps are written from, read and parsed once per run: the intake brief, and the offer and deck — as
/// this run wrote them, or the project's latest when this run does not write them (a kept edit, say) — and the user's
/// instruction for a step the run regenerates with one.
/// </summary>
public sealed class RunInputs(StepInputsLoader loader, Guid projectId, Guid? intakeId, IReadOnlyDictionary<int, string>? instructions = null)
{
    private const int IntakeKey = -1;

    private readonly Lock _gate = new();
    private readonly Dictionary<int, Task<object?>> _reads = [];

    /// <summary>Content this run has committed for a step; the steps that need it start after this.</summary>
    public void Written(int step, string json)
    {
        lock (_gate)
        {
            _reads[step] = Task.FromResult(Parse(step, json));
        }
    }

    public async Task<StepInputs> ForAsync(StepDefinition step, CancellationToken cancellationToken)
    {
        var intake = (IntakeBrief)(await Read(IntakeKey).WaitAsync(cancellationToken))!;
        var offer = step.DependsOn(StepCatalog.Offer) ? (OfferContent?)await Read(StepCatalog.Offer).WaitAsync(cancellationToken) : null;
        var deck = step.DependsOn(StepCatalog.Deck) ? (DeckContent?)await Read(StepCatalog.Deck).WaitAsync(cancellationToken) : null;
        return new StepInputs(intake, offer, deck, instructions?.GetValueOrDefault(step.Number));
    }

    // One read shared by the run's steps; a failed read is not kept, so the next step to ask tries again.
    private Task<object?> Read(int key)
    {
        lock (_gate)
        {
            if (!_reads.TryGetValue(key, out var read) || read.IsFaulted || read.IsCanceled)
            {
                _reads[key] = read = LoadAsync(key);
            }

            return read;
        }
    }

    private async Task<object?> LoadAsync(int key)
    {
        if (key == IntakeKey)
        {
            return await loader.LoadIntakeAsync(projectId, intakeId, CancellationToken.None);
        }

        var json = await loader.LoadLatestAsync(projectId, key, CancellationToken.None);
        return json is null ? null : Parse(key, json);
    }

    private static object? Parse(int step, string json) => step switch
    {
        StepCatalog.Offer => JsonSerializer.Deserialize<OfferContent>(json, ContentJson.Options),
        StepCatalog.Deck => JsonSerializer.Deserialize<DeckContent>(json, ContentJson.Options),
        _ => null, // no step is written from other steps' content
    };
}
