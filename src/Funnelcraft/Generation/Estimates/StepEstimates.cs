using System.Collections.Concurrent;
using Funnelcraft.Data;
using Funnelcraft.Steps;
using Funnelcraft.Writers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Estimates;

/// <summary>
/// How long each step kind takes with each writer model: the median of its recent durations, or a
/// sensible default before there is any history. Kept in memory, loaded once per model, updated as steps finish.
/// </summary>
public sealed class StepEstimates(IDbContextFactory<AppDbContext> dbFactory, IOptions<WriterOptions> writer)
{
    public const int History = 20;

    private readonly ConcurrentDictionary<(int Step, string Model), List<long>> _recent = new();
    private readonly ConcurrentDictionary<string, Task> _loaded = new();

    /// <summary>Default duration of a step before any history: the offline writer's delay per call, or typical AI timings.</summary>
    public TimeSpan Default(int step)
    {
        var definition = StepCatalog.Get(step);
        if (string.Equals(writer.Value.Provider, "Offline", StringComparison.OrdinalIgnoreCase))
        {
            return writer.Value.Offline.StepDelay * definition.Calls + TimeSpan.FromMilliseconds(50 * definition.Calls);
        }

        return step switch
        {
            StepCatalog.Deck => TimeSpan.FromSeconds(15 * definition.Calls),
            StepCatalog.MarketingProfile or StepCatalog.Followup => TimeSpan.FromSeconds(35),
            StepCatalog.Offer => TimeSpan.FromSeconds(25),
            _ => TimeSpan.FromSeconds(18),
        };
    }

    /// <summary>Loads the recent history for a model once; call before <see cref="For"/> on a cold node.</summary>
    public async Task WarmAsync(string model, CancellationToken cancellationToken)
    {
        // The shared load is not tied to one caller's token; a failed load is forgotten and tried again next time.
        var load = _loaded.GetOrAdd(model, m => LoadAsync(m, CancellationToken.None));
        try
        {
            await load.WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _loaded.TryRemove(new KeyValuePair<string, Task>(model, load));
            throw;
        }
    }

    public TimeSpan For(int step, string model)
    {
        if (!_recent.TryGetValue((step, model), out var list))
        {
            return Default(step);
        }

        lock (list)
        {
            if (list.Count == 0)
            {
                return Default(step);
            }

            var sorted = list.Order().ToArray();
            return TimeSpan.FromMilliseconds(sorted[sorted.Length / 2]);
        }
    }

    /// <summary>Adds a finished step's duration (the row is stored by the caller, in its transaction).</summary>
    public void Record(int step, string model, TimeSpan duration)
    {
        var list = _recent.GetOrAdd((step, model), _ => []);
        lock (list)
        {
            list.Add((long)duration.TotalMilliseconds);
            if (list.Count > History)
            {
                list.RemoveAt(0);
            }
        }
    }

    private async Task LoadAsync(string model, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var step in StepCatalog.Numbers)
        {
            var recent = await db.StepDurations.AsNoTracking()
                .Where(d => d.Step == step && d.WriterModel == model)
                .OrderByDescending(d => d.RecordedAt).Take(History)
                .Select(d => d.DurationMs).ToListAsync(cancellationToken);
            if (recent.Count > 0)
            {
                recent.Reverse();
                _recent[(step, model)] = recent;
            }
        }
    }
}
