using System.Collections.Concurrent;

namespace Funnelcraft.Generation;

/// <summary>
/// Answers status reads from the in-memory snapshot; the database only on a miss. Concurrent misses for one project
/// share a single database load: after a start or restart every poller and SSE client of a project asks at once, and
/// each would otherwise run its own load of the project, its latest run and the run's steps.
/// </summary>
public sealed class StatusReader(StatusHub hub, GenerationStore store)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<StatusHub.Snapshot?>>> _loading = new();

    /// <summary>The status when <paramref name="userId"/> owns the project; null when missing or not theirs.</summary>
    public async ValueTask<GenerationStatus?> GetAsync(Guid projectId, string userId, CancellationToken cancellationToken)
    {
        var snapshot = hub.TryGet(projectId, out var cached) ? cached : await LoadSharedAsync(projectId, cancellationToken);
        return snapshot is not null && snapshot.OwnerId == userId ? snapshot.Status : null;
    }

    private Task<StatusHub.Snapshot?> LoadSharedAsync(Guid projectId, CancellationToken cancellationToken) =>
        _loading.GetOrAdd(projectId, id => new Lazy<Task<StatusHub.Snapshot?>>(() => LoadAsync(id))).Value.WaitAsync(cancellationToken);

    // Not tied to any one caller's request (each caller stops waiting when its own request ends); forgotten as soon as
    // it ends, so a later miss loads afresh.
    private async Task<StatusHub.Snapshot?> LoadAsync(Guid projectId)
    {
        try
        {
            return await store.LoadAsync(projectId, CancellationToken.None);
        }
        finally
        {
            _loading.TryRemove(projectId, out _);
        }
    }
}
