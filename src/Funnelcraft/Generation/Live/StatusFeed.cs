using System.Collections.Concurrent;
using System.Threading.Channels;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// This node's newest status of each project (the snapshot) and its subscribers. Every committed change is published
/// here — this node's own changes by <see cref="Changes.RunChanges"/>, other nodes' by the change listener reading them
/// back — and pushed to each subscriber with a latest-wins buffer of one, so a slow client never builds a queue.
/// </summary>
public sealed class StatusFeed
{
    private readonly ConcurrentDictionary<Guid, StatusSnapshot> _snapshots = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<GenerationStatus>, Action?>> _subscribers = new();
    private readonly ConcurrentDictionary<(Guid ProjectId, long Version), byte> _committing = new();
    private volatile bool _trusted = true;

    /// <summary>False while this node may have missed changes from other nodes (listen connection down).</summary>
    public bool Trusted => _trusted;

    public int SubscriberCount => _subscribers.Values.Sum(s => s.Count);

    public bool TryGet(Guid projectId, out StatusSnapshot snapshot)
    {
        snapshot = null!;
        return _trusted && _snapshots.TryGetValue(projectId, out snapshot!);
    }

    /// <summary>Stores <paramref name="status"/> when it is newer than the snapshot, and pushes it to subscribers.</summary>
    public void Publish(string ownerId, GenerationStatus status)
    {
        var stored = _snapshots.AddOrUpdate(
            status.ProjectId,
            _ => new StatusSnapshot(ownerId, status),
            (_, old) => old.Status.Version >= status.Version ? old : new StatusSnapshot(ownerId, status));
        if (!ReferenceEquals(stored.Status, status))
        {
            return; // an equal or newer version was already published
        }

        if (_subscribers.TryGetValue(status.ProjectId, out var channels))
        {
            foreach (var (channel, changed) in channels)
            {
                channel.Writer.TryWrite(status);
                changed?.Invoke();
            }
        }
    }

    /// <summary>
    /// Marks <paramref name="version"/> as this node's own while its change commits: its announcement can reach this node's
    /// listener before the change is published here, and must not be taken for another node's change and read back.
    /// Dispose the result after publishing.
    /// </summary>
    public IDisposable Committing(Guid projectId, long version)
    {
        var key = (projectId, version);
        _committing[key] = 0;
        return new Unmark(() => _committing.TryRemove(key, out _));
    }

    /// <summary>Drops the snapshot: a commit of this node whose outcome is unknown, so the next read asks the database.</summary>
    public void Forget(Guid projectId) => _snapshots.TryRemove(projectId, out _);

    /// <summary>Drops the snapshot when a change with <paramref name="version"/> happened elsewhere.</summary>
    public bool Invalidate(Guid projectId, long version)
    {
        if (_committing.ContainsKey((projectId, version)) || (_snapshots.TryGetValue(projectId, out var old) && old.Status.Version >= version))
        {
            return false;
        }

        _snapshots.TryRemove(projectId, out _);
        return true;
    }

    /// <summary>Stop trusting every snapshot (e.g. the node may be missing notifications) or trust them again.</summary>
    public void SetTrusted(bool trusted)
    {
        if (!trusted)
        {
            _snapshots.Clear();
        }

        _trusted = trusted;
    }

    /// <summary>Projects someone on this node is watching now.</summary>
    public IReadOnlyList<Guid> WatchedProjects() => [.. _subscribers.Where(kv => !kv.Value.IsEmpty).Select(kv => kv.Key)];

    public bool HasSubscribers(Guid projectId) => _subscribers.TryGetValue(projectId, out var c) && !c.IsEmpty;

    /// <summary>Subscribes to a project's changes; dispose the result to leave. <paramref name="changed"/> (cheap, from any thread) is called after each status is queued.</summary>
    public StatusSubscription Subscribe(Guid projectId, Action? changed = null)
    {
        var channel = Channel.CreateBounded<GenerationStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        var set = _subscribers.GetOrAdd(projectId, _ => new());
        set.TryAdd(channel, changed);
        return new StatusSubscription(channel.Reader, () =>
        {
            set.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
    }

    private sealed class Unmark(Action unmark) : IDisposable
    {
        public void Dispose() => unmark();
    }
}
