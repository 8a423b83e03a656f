namespace Funnelcraft.Generation;

/// <summary>Answers status reads from the in-memory snapshot; the database only on a miss.</summary>
public sealed class StatusReader(StatusHub hub, GenerationStore store)
{
    /// <summary>The status when <paramref name="userId"/> owns the project; null when missing or not theirs.</summary>
    public async ValueTask<GenerationStatus?> GetAsync(Guid projectId, string userId, CancellationToken cancellationToken)
    {
        var snapshot = hub.TryGet(projectId, out var cached) ? cached : await store.LoadAsync(projectId, cancellationToken);
        return snapshot is not null && snapshot.OwnerId == userId ? snapshot.Status : null;
    }
}
