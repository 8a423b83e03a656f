using Funnelcraft.Data;
using Npgsql;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// Every node <c>LISTEN</c>s for the announcements of status changes (<see cref="StatusAnnouncement"/>): a change made on
/// another node drops this node's snapshot of that project and, when someone here is watching it, reloads and pushes it.
/// While the listen connection is down the node stops trusting its snapshots (reads go to the database) until it has
/// reconnected and caught up. It also listens for previews (<see cref="PreviewAnnouncement"/>), handed to the
/// <see cref="PreviewBoard"/> in batches.
/// </summary>
public sealed partial class PostgresChangeListener(
    DatabaseInfo database,
    StatusFeed feed,
    StatusLookup lookup,
    PreviewHub previews,
    PreviewBoard board,
    ILogger<PostgresChangeListener> logger) : BackgroundService
{
    private readonly TaskCompletionSource _firstListen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Connected { get; private set; }

    /// <summary>Completes when the node first listens (it reports itself degraded until then).</summary>
    public Task Listening => _firstListen.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        feed.SetTrusted(false); // until the first LISTEN is in place, another node's changes could be missed
        var delay = TimeSpan.FromMilliseconds(100);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException or InvalidOperationException)
            {
                Connected = false;
                feed.SetTrusted(false);
                Log.Disconnected(logger, e, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 5000));
                continue;
            }

            delay = TimeSpan.FromMilliseconds(100);
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        var csb = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, KeepAlive = 10 };
        await using var connection = new NpgsqlConnection(csb.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        var pending = System.Threading.Channels.Channel.CreateUnbounded<(string Channel, string Payload)>(new() { SingleReader = true });
        connection.Notification += (_, e) => pending.Writer.TryWrite((e.Channel, e.Payload));
        await using (var listen = new NpgsqlCommand($"LISTEN {StatusAnnouncement.Channel}; LISTEN {PreviewAnnouncement.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Changes made while this node was not listening: reload what is being watched, then trust snapshots again.
        if (!feed.Trusted)
        {
            feed.SetTrusted(true);
            foreach (var projectId in feed.WatchedProjects())
            {
                await lookup.LoadAsync(projectId, stoppingToken);
            }

            foreach (var projectId in previews.WatchedProjects())
            {
                await board.LoadAsync(projectId, stoppingToken);
            }
        }

        Connected = true;
        _firstListen.TrySetResult();
        Log.Listening(logger);
        var processing = ProcessAsync(pending.Reader, stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await connection.WaitAsync(stoppingToken);
            }
        }
        finally
        {
            pending.Writer.TryComplete();
            await processing;
        }
    }

    private async Task ProcessAsync(System.Threading.Channels.ChannelReader<(string Channel, string Payload)> notifications, CancellationToken stoppingToken)
    {
        var previewPayloads = new List<string>();
        while (await notifications.WaitToReadAsync(CancellationToken.None))
        {
            while (notifications.TryRead(out var notification))
            {
                if (notification.Channel == PreviewAnnouncement.Channel)
                {
                    previewPayloads.Add(notification.Payload); // applied together once the queue is empty: one read for many previews
                }
                else if (!await StatusChangedAsync(notification.Payload, stoppingToken))
                {
                    return;
                }
            }

            if (previewPayloads.Count > 0)
            {
                try
                {
                    await board.ApplyAsync(previewPayloads, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.PreviewReadFailed(logger, e);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                previewPayloads.Clear();
            }
        }
    }

    /// <summary>Another node's change: drop the snapshot and, when watched here, reload it. False when the node is stopping.</summary>
    private async Task<bool> StatusChangedAsync(string payload, CancellationToken stoppingToken)
    {
        if (!StatusAnnouncement.TryParse(payload, out var projectId, out var version)
            || !feed.Invalidate(projectId, version) || !feed.HasSubscribers(projectId))
        {
            return true;
        }

        try
        {
            await lookup.LoadAsync(projectId, stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ReloadFailed(logger, e, projectId);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(300, LogLevel.Information, "Listening for status changes from other nodes")]
        public static partial void Listening(ILogger logger);

        [LoggerMessage(301, LogLevel.Warning, "Status listen connection lost; snapshots distrusted; reconnecting in {DelayMs} ms")]
        public static partial void Disconnected(ILogger logger, Exception exception, double delayMs);

        [LoggerMessage(302, LogLevel.Warning, "Reloading the status of project {ProjectId} failed")]
        public static partial void ReloadFailed(ILogger logger, Exception exception, Guid projectId);

        [LoggerMessage(303, LogLevel.Warning, "Reading previews announced by other nodes failed")]
        public static partial void PreviewReadFailed(ILogger logger, Exception exception);
    }
}
