using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Funnelcraft.Generation;

/// <summary>
/// The in-memory status snapshot per project and the in-process change feed. Every committed change is
/// published here; readers answer from the snapshot, subscribers (SSE) get the newest status with a
/// latest-wins buffer of one, so a slow client never builds a queue.
/// </summary>
public sealed class StatusHub
{
    private readonly ConcurrentDictionary<Guid, Snapshot> _snapshots = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<GenerationStatus>, byte>> _subscribers = new();
    private readonly ConcurrentDictionary<(Guid ProjectId, long Version), byte> _committing = new();
    private volatile bool _trusted = true;

    /// <summary>The current status and the project's owner, as last published.</summary>
    public sealed record Snapshot(string OwnerId, GenerationStatus Status);

    /// <summary>False while this node may have missed changes from other nodes (listen connection down).</summary>
    public bool Trusted => _trusted;

    public int SubscriberCount => _subscribers.Values.Sum(s => s.Count);

    public bool TryGet(Guid projectId, out Snapshot snapshot)
    {
        snapshot = null!;
        return _trusted && _snapshots.TryGetValue(projectId, out snapshot!);
    }

    /// <summary>Stores <paramref name="status"/> when it is newer than the snapshot, and pushes it to subscribers.</summary>
    public void Publish(string ownerId, GenerationStatus status)
    {
        var stored = _snapshots.AddOrUpdate(
            status.ProjectId,
            _ => new Snapshot(ownerId, status),
            (_, old) => old.Status.Version >= status.Version ? old : new Snapshot(ownerId, status));
        if (!ReferenceEquals(stored.Status, status))
        {
            return; // an equal or newer version was already published
        }

        if (_subscribers.TryGetValue(status.ProjectId, out var channels))
        {
            foreach (var channel in channels.Keys)
            {
                channel.Writer.TryWrite(status);
            }
        }
    }

    /// <summary>
    /// Commits a change of this node and publishes its status. Its announcement (delivered on commit) can reach this
    /// node's listener before the publish: while the commit is under way, that version is known here as this node's own,
    /// so the listener does not take it for another node's change and read it back. A commit that fails drops the
    /// snapshot (the outcome may be unknown): the next read asks the database.
    /// </summary>
    public async Task CommitAndPublishAsync(Func<Task> commit, string ownerId, GenerationStatus status)
    {
        var key = (status.ProjectId, status.Version);
        _committing[key] = 0;
        try
        {
            await commit();
            Publish(ownerId, status);
        }
        catch
        {
            _snapshots.TryRemove(status.ProjectId, out _);
            throw;
        }
        finally
        {
            _committing.TryRemove(key, out _);
        }
    }

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

    /// <summary>Subscribes to a project's changes; dispose the result to leave.</summary>
    public Subscription Subscribe(Guid projectId)
    {
        var channel = Channel.CreateBounded<GenerationStatus>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
        var set = _subscribers.GetOrAdd(projectId, _ => new());
        set.TryAdd(channel, 0);
        return new Subscription(channel.Reader, () =>
        {
            set.TryRemove(channel, out _);
            channel.Writer.TryComplete();
        });
    }

    public sealed class Subscription(ChannelReader<GenerationStatus> reader, Action leave) : IDisposable
    {
        public ChannelReader<GenerationStatus> Reader { get; } = reader;

        public void Dispose() => leave();
    }
}
