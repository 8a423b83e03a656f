using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation.Worker;

/// <summary>
/// The node's worker, the one way a run reaches a <see cref="RunExecutor"/>: it claims queued runs and runs whose lease
/// expired (a crashed node's), up to <see cref="GenerationOptions.MaxConcurrentRuns"/> at once, and executes each. A run
/// started or finished on this node wakes it at once (<see cref="WorkerWakeUp"/>); otherwise it looks every
/// <see cref="GenerationOptions.PollInterval"/>.
/// </summary>
public sealed partial class GenerationWorker(
    RunLeases leases,
    RunExecutor executor,
    WorkerWakeUp wakeUp,
    WorkerLiveness liveness,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<GenerationWorker> logger) : BackgroundService
{
    private int _executing;

    /// <summary>Runs this node executes now.</summary>
    public int Executing => Volatile.Read(ref _executing);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<Guid, Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                liveness.Round();
                foreach (var finished in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    running.Remove(finished);
                }

                while (running.Count < options.Value.MaxConcurrentRuns && await ClaimAsync(running.Keys.ToHashSet(), stoppingToken) is { } claimed)
                {
                    Interlocked.Increment(ref _executing);
                    running[claimed.Claim.RunId] = RunAsync(claimed, stoppingToken);
                }

                await wakeUp.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await Task.WhenAll(running.Values);
    }

    private async Task<ClaimedRun?> ClaimAsync(IReadOnlySet<Guid> running, CancellationToken stoppingToken)
    {
        try
        {
            return await leases.ClaimNextAsync(running, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            Log.ClaimFailed(logger, e);
            return null;
        }
    }

    private async Task RunAsync(ClaimedRun claimed, CancellationToken stoppingToken)
    {
        try
        {
            await executor.ExecuteAsync(claimed, stoppingToken);
        }
#pragma warning disable CA1031 // one run's unexpected failure must not stop the worker; its lease lapses and it is resumed
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RunCrashed(logger, e, claimed.Claim.RunId);
        }
        finally
        {
            Interlocked.Decrement(ref _executing);
            wakeUp.Wake(); // a slot is free
        }
    }

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Error, "Claiming runs failed; trying again")]
        public static partial void ClaimFailed(ILogger logger, Exception exception);

        [LoggerMessage(201, LogLevel.Error, "Run {RunId} stopped unexpectedly; it will be resumed when its lease expires")]
        public static partial void RunCrashed(ILogger logger, Exception exception, Guid runId);
    }
}
