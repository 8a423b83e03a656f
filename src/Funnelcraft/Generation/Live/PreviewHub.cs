using System.Collections.Concurrent;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// This node's newest preview of each step being written (<see cref="LivePreview"/>; the latest wins) and who watches each
/// project's previews. A preview is held while its attempt writes and dropped when the attempt ends however it ends; it
/// is never content. The writer node fills it from its own attempts, other nodes from the previews they read back
/// (<see cref="PreviewBoard"/>).
/// </summary>
public sealed class PreviewHub
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Dictionary<int, LivePreview>> _previews = [];
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Watcher, byte>> _watchers = new();

    /// <summary>Holds <paramref name="preview"/> when it replaces the step's current one, and tells the project's watchers. False when it is stale.</summary>
    public bool Publish(Guid projectId, LivePreview preview)
    {
        lock (_gate)
        {
            if (!_previews.TryGetValue(projectId, out var steps))
            {
                _previews[projectId] = steps = [];
            }

            if (!preview.Replaces(steps.GetValueOrDefault(preview.Step)))
            {
                return false;
            }

            steps[preview.Step] = preview;
        }

        if (_watchers.TryGetValue(projectId, out var watchers))
        {
            foreach (var watcher in watchers.Keys)
            {
                watcher.Changed();
            }
        }

        return true;
    }

    /// <summary>Drops the step's preview when it is that attempt's (or an earlier one's of the run): the attempt ended.</summary>
    public bool End(Guid projectId, int step, Guid runId, int attempt)
    {
        lock (_gate)
        {
            if (!_previews.TryGetValue(projectId, out var steps) || !steps.TryGetValue(step, out var current)
                || current.RunId != runId || current.Attempt > attempt)
            {
                return false;
            }

            steps.Remove(step);
            if (steps.Count == 0)
            {
                _previews.Remove(projectId);
            }

            return true;
        }
    }

    /// <summary>The step's current preview, if any (not checked against the status: see <see cref="LivePreview.ShowsIn"/>).</summary>
    public LivePreview? Get(Guid projectId, int step)
    {
        lock (_gate)
        {
            return _previews.TryGetValue(projectId, out var steps) ? steps.GetValueOrDefault(step) : null;
        }
    }

    /// <summary>The project's current previews, in step order.</summary>
    public IReadOnlyList<LivePreview> Of(Guid projectId)
    {
        lock (_gate)
        {
            return _previews.TryGetValue(projectId, out var steps) ? [.. steps.Values.OrderBy(p => p.Step)] : [];
        }
    }

    public bool IsWatched(Guid projectId) => _watchers.TryGetValue(projectId, out var w) && !w.IsEmpty;

    /// <summary>Projects whose previews someone on this node watches now.</summary>
    public IReadOnlyList<Guid> WatchedProjects() => [.. _watchers.Where(kv => !kv.Value.IsEmpty).Select(kv => kv.Key)];

    /// <summary>Calls <paramref name="changed"/> (cheap, from any thread) whenever a preview of the project is published; dispose to stop.</summary>
    public IDisposable Watch(Guid projectId, Action changed)
    {
        var watcher = new Watcher(changed);
        var set = _watchers.GetOrAdd(projectId, _ => new());
        set.TryAdd(watcher, 0);
        watcher.Leave = () => set.TryRemove(watcher, out _);
        return watcher;
    }

    private sealed class Watcher(Action changed) : IDisposable
    {
        public Action? Leave { get; set; }

        public void Changed() => changed();

        public void Dispose() => Leave?.Invoke();
    }
}
