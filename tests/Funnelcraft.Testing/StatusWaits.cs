using Funnelcraft.Generation;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Testing;

/// <summary>Waiting, without sleeping, for a project's status in an app running in this process: on every published change.</summary>
public static class StatusWaits
{
    public static Func<GenerationStatus, bool> Finished => s => s.RunStatus is not null && !RunStatus.IsActive(s.RunStatus);

    /// <summary>
    /// Completes with the first status that satisfies <paramref name="predicate"/>. A change committed by another node
    /// may not be published here: on timeout the database is read once more before giving up.
    /// </summary>
    public static async Task<GenerationStatus> WaitForAsync(IServiceProvider services, Guid projectId, Func<GenerationStatus, bool> predicate, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        using var subscription = services.GetRequiredService<StatusHub>().Subscribe(projectId);
        var store = services.GetRequiredService<GenerationStore>();
        var current = (await store.LoadAsync(projectId, cts.Token))!.Status;
        try
        {
            while (!predicate(current))
            {
                var next = await subscription.Reader.ReadAsync(cts.Token);
                if (next.Version > current.Version)
                {
                    current = next;
                }
            }
        }
        catch (OperationCanceledException)
        {
            current = (await store.LoadAsync(projectId, CancellationToken.None))!.Status;
            if (!predicate(current))
            {
                throw new TimeoutException($"The status never matched. Last: {System.Text.Json.JsonSerializer.Serialize(current)}");
            }
        }

        return current;
    }

}
