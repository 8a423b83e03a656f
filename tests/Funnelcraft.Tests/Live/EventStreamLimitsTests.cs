using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Funnelcraft.Generation;
using Funnelcraft.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Funnelcraft.Tests.Live;

/// <summary>
/// What one user can hold open: at most 20 event streams (the oldest is closed with a final comment), none that has
/// stopped reading (dropped once its connection's buffers are full), and never a stream without its response headers.
/// </summary>
public sealed class EventStreamLimitsTests(PostgresCluster cluster) : IAsyncLifetime
{
    private FunnelcraftApp _app = null!;

    public async ValueTask InitializeAsync() => _app = await FunnelcraftApp.StartAsync(DatabaseKind.Sqlite, cluster, new Dictionary<string, string?>
    {
        ["Live:HeartbeatInterval"] = "00:01:00", // no heartbeat can be what sends anything in these tests
        ["Live:SlowReaderTimeout"] = "00:00:00.300",
    });

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_21st_stream_of_a_user_closes_their_oldest_with_a_final_comment_and_leaves_other_users_alone()
    {
        using var other = await _app.Client().SignUpAsync();
        var othersProject = await other.ProjectWithIntakeAsync();
        using var othersStream = await SseClient.ConnectAsync(other.Http, othersProject);
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var streams = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++)
        {
            streams.Add(await SseClient.ConnectAsync(api.Http, projectId));
        }

        var oldest = new StreamReader(await streams[0].Content.ReadAsStreamAsync());
        Assert.False(string.IsNullOrEmpty(await oldest.ReadLineAsync())); // open, with the current status sent
        streams.Add(await SseClient.ConnectAsync(api.Http, projectId));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var rest = await oldest.ReadToEndAsync(timeout.Token); // the stream ends

        Assert.Contains("retry: 60000\n: closed: more than 20 event streams are open for this account", rest, StringComparison.Ordinal);
        Assert.Equal(20 + 1, _app.Services.GetRequiredService<EventStreams>().Count); // the user's 20 newest and the other user's one
        Assert.All(streams, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        foreach (var stream in streams)
        {
            stream.Dispose();
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public async Task A_stream_with_Last_Event_ID_at_or_above_the_current_version_gets_its_headers_at_once(long ahead)
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var current = (await api.StatusAsync(projectId)).Version;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)); // far less than the heartbeat: only the fix can answer in time

        using var stream = await SseClient.ConnectAsync(api.Http, projectId, (current + ahead).ToString(CultureInfo.InvariantCulture), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_stream_that_stops_reading_is_dropped_once_its_buffers_are_full()
    {
        using var api = await _app.Client().SignUpAsync();
        var projectId = await api.ProjectWithIntakeAsync();
        var status = await api.StatusAsync(projectId);
        string ownerId;
        await using (var db = _app.NewDbContext())
        {
            ownerId = await db.Projects.Where(p => p.Id == projectId).Select(p => p.OwnerId).SingleAsync();
        }

        using var open = new OpenStreams(_app);
        using var stream = await SseClient.ConnectAsync(api.Http, projectId, status.Version.ToString(CultureInfo.InvariantCulture));
        await open.Reached(1);

        // A change far larger than the connection's buffers; the client reads none of it.
        _app.Hub.Publish(ownerId, status with { Version = status.Version + 1, FailedSteps = [new FailedStep(2, new string('x', 400_000))] });

        await open.Reached(0); // dropped by the server, not closed by the client
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var body = await stream.Content.ReadAsStreamAsync(timeout.Token);
            var buffer = new byte[64 * 1024];
            while (await body.ReadAsync(buffer, timeout.Token) > 0)
            {
                // what had reached the client before the drop
            }
        }
        catch (Exception) when (!timeout.IsCancellationRequested)
        {
            // the connection was cut: what a dropped stream looks like to its client
        }

        Assert.False(timeout.IsCancellationRequested, "the stream was not dropped: the read waited for more");
    }

    /// <summary>Follows the app's count of open event streams (the funnelcraft.sse.connections metric) as it changes.</summary>
    private sealed class OpenStreams : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Lock _gate = new();
        private readonly List<(long Value, TaskCompletionSource Reached)> _waits = [];
        private long _open;

        public OpenStreams(FunnelcraftApp app)
        {
            var factory = app.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name == "funnelcraft.sse.connections" && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, delta, _, _) =>
            {
                lock (_gate)
                {
                    _open += delta;
                    foreach (var wait in _waits.Where(w => w.Value == _open))
                    {
                        wait.Reached.TrySetResult();
                    }
                }
            });
            _listener.Start();
        }

        public Task Reached(long value)
        {
            lock (_gate)
            {
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                if (_open == value)
                {
                    reached.SetResult();
                }

                _waits.Add((value, reached));
                return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
