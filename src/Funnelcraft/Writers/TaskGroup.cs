using System.Runtime.ExceptionServices;

namespace Funnelcraft.Writers;

/// <summary>
/// Runs tasks side by side as one: the first to fail cancels the others and is what the group throws (the others end
/// as cancelled); the group returns only once every task has ended, so nothing of it keeps running.
/// </summary>
internal static class TaskGroup
{
    public static async Task RunAsync(IEnumerable<Func<CancellationToken, Task>> tasks, CancellationToken cancellationToken)
    {
        using var group = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? failure = null;

        async Task RunOneAsync(Func<CancellationToken, Task> task)
        {
            try
            {
                await task(group.Token);
            }
            catch (Exception e) when (e is not OperationCanceledException || !group.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                await group.CancelAsync();
                throw;
            }
        }

        try
        {
            await Task.WhenAll(tasks.Select(RunOneAsync));
        }
        catch when (Volatile.Read(ref failure) is not null)
        {
            failure!.Throw();
        }
    }
}
