using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// The node's worker: claims queued runs and runs whose lease expired (a crashed node's), up to
/// <see cref="GenerationOptions.MaxConcurrentRuns"/> at once, and executes them. New runs started on this
/// node wake it at once; otherwise it looks every <see cref="GenerationOptions.PollInterval"/>.
/// </summary>
public sealed partial class GenerationWorker(
    RunLeases leases,
    RunExecutor executor,
    RunSignal signal,
    WorkerHeartbeat heartbeat,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<GenerationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<Guid, Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeat.Beat();
                foreach (var finished in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    running.Remove(finished);
                }

                try
                {
                    while (running.Count < options.Value.MaxConcurrentRuns && await leases.ClaimNextAsync(running.Keys.ToHashSet(), stoppingToken) is { } claim)
                    {
                        running[claim.RunId] = RunAsync(claim, stoppingToken);
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    Log.ClaimFailed(logger, e);
                }

                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        await Task.WhenAll(running.Values);
    }

    private async Task RunAsync(RunLeases.Claim claim, CancellationToken stoppingToken)
    {
        try
        {
            await executor.ExecuteAsync(claim, stoppingToken);
        }
#pragma warning disable CA1031 // one run's unexpected failure must not stop the worker; its lease lapses and it is resumed
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RunCrashed(logger, e, claim.RunId);
        }
        finally
        {
            signal.Wake(); // a slot is free
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
