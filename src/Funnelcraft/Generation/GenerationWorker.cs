using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// The node's worker: executes the runs started on this node (handed over with their lease, see <see cref="RunHandoff"/>)
/// and claims queued runs and runs whose lease expired (a crashed node's), up to
/// <see cref="GenerationOptions.MaxConcurrentRuns"/> at once. New runs started on this node wake it at once; otherwise
/// it looks every <see cref="GenerationOptions.PollInterval"/>.
/// </summary>
public sealed partial class GenerationWorker(
    RunLeases leases,
    RunExecutor executor,
    RunSignal signal,
    RunHandoff handoff,
    WorkerHeartbeat heartbeat,
    TimeProvider time,
    IOptions<GenerationOptions> options,
    ILogger<GenerationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var running = new Dictionary<Guid, Task>();
        handoff.Open();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                heartbeat.Beat();
                foreach (var finished in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
                {
                    running.Remove(finished);
                }

                while (handoff.TryTake(out var handedOver))
                {
                    running[handedOver.Claim.RunId] = RunAsync(handedOver.Claim, handedOver.State, stoppingToken);
                }

                while (handoff.TryReserve())
                {
                    RunLeases.Claim? claim = null;
                    try
                    {
                        claim = await leases.ClaimNextAsync(running.Keys.ToHashSet(), stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        Log.ClaimFailed(logger, e);
                    }
                    finally
                    {
                        if (claim is null)
                        {
                            handoff.Free(); // nothing claimed (or stopping): the slot stays free
                        }
                    }

                    if (claim is null)
                    {
                        break;
                    }

                    running[claim.RunId] = RunAsync(claim, null, stoppingToken);
                }

                await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }

        finally
        {
            // Runs handed over and not begun: hand their leases back too, so another node takes them at once.
            foreach (var left in handoff.Close())
            {
                if (options.Value.ReleaseLeaseOnShutdown)
                {
                    await leases.HandBackAsync(left.Claim);
                }
            }
        }

        await Task.WhenAll(running.Values);
    }

    private async Task RunAsync(RunLeases.Claim claim, RunState? handedOver, CancellationToken stoppingToken)
    {
        try
        {
            await executor.ExecuteAsync(claim, handedOver, stoppingToken);
        }
#pragma warning disable CA1031 // one run's unexpected failure must not stop the worker; its lease lapses and it is resumed
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RunCrashed(logger, e, claim.RunId);
        }
        finally
        {
            handoff.Free();
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
