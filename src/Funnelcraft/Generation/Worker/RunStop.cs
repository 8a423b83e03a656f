using Funnelcraft.Generation.Live;
using Funnelcraft.Generation.Runs;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Worker;

/// <summary>
/// The one way a run stops on this node: its <see cref="Token"/> is cancelled — when the node stops, when the run's status
/// (published by any node's change) shows it is no longer active, when the claim's lease renewal is refused or fails, or
/// when the executor finds a change refused (<see cref="Stop"/>). It also renews the lease, every third of its duration.
/// </summary>
public sealed partial class RunStop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop;
    private readonly StatusSubscription _subscription;
    private readonly Task _watch;
    private readonly Task _renewal;

    private RunStop(RunClaim claim, StatusFeed feed, RunLeases leases, TimeSpan leaseDuration, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        _subscription = feed.Subscribe(claim.ProjectId);
        _watch = StopWhenEndedAsync(claim, feed);
        _renewal = KeepLeaseAsync(claim, leases, leaseDuration, time, logger);
    }

    public CancellationToken Token => _stop.Token;

    public bool Stopped => _stop.IsCancellationRequested;

    public static RunStop For(RunClaim claim, StatusFeed feed, RunLeases leases, TimeSpan leaseDuration, TimeProvider time, ILogger logger, CancellationToken stoppingToken) =>
        new(claim, feed, leases, leaseDuration, time, logger, stoppingToken);

    public Task Stop() => _stop.CancelAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_watch, _renewal);
        _subscription.Dispose();
        _stop.Dispose();
    }

    private async Task StopWhenEndedAsync(RunClaim claim, StatusFeed feed)
    {
        bool Ended(GenerationStatus status) => status.RunId != claim.RunId || !RunStatus.IsActive(status.RunStatus ?? RunStatus.Queued);
        try
        {
            // A change published between the claim and the subscription is in the snapshot.
            if (feed.TryGet(claim.ProjectId, out var snapshot) && Ended(snapshot.Status))
            {
                await _stop.CancelAsync();
                return;
            }

            await foreach (var status in _subscription.Reader.ReadAllAsync(_stop.Token))
            {
                if (Ended(status))
                {
                    await _stop.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
    }

    private async Task KeepLeaseAsync(RunClaim claim, RunLeases leases, TimeSpan leaseDuration, TimeProvider time, ILogger logger)
    {
        await Task.Yield();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(leaseDuration / 3, time, _stop.Token);
                if (!await leases.RenewAsync(claim, _stop.Token) && !_stop.IsCancellationRequested)
                {
                    Log.LeaseLost(logger, claim.RunId); // cancelled, claimed again, or finished just now
                    await _stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // the run ended
        }
#pragma warning disable CA1031 // a renewal that cannot reach the database lets the lease lapse; the run is resumed elsewhere
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.RenewalFailed(logger, e, claim.RunId);
            await _stop.CancelAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(106, LogLevel.Warning, "Run {RunId}: lease lost, stopping here")]
        public static partial void LeaseLost(ILogger logger, Guid runId);

        [LoggerMessage(107, LogLevel.Warning, "Run {RunId}: lease renewal failed, letting the lease lapse")]
        public static partial void RenewalFailed(ILogger logger, Exception exception, Guid runId);
    }
}
