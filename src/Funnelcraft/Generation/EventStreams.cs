using Microsoft.Extensions.Options;

namespace Funnelcraft.Generation;

/// <summary>
/// The open <c>generation-events</c> streams of this node, per user, with two guards against a client that holds
/// streams and memory without using them:
/// <list type="bullet">
/// <item>at most <see cref="LiveOptions.MaxStreamsPerUser"/> open streams per user: opening one more closes that user's
/// oldest, which first gets a final comment saying why (and a long <c>retry</c>, so its EventSource does not come
/// straight back);</item>
/// <item>a stream whose write has waited <see cref="LiveOptions.SlowReaderTimeout"/> to go out — the client reads so
/// slowly that the connection's buffers are full, a whole buffer behind — is dropped at once, freeing those buffers;
/// the client reconnects and gets the current status.</item>
/// </list>
/// </summary>
public sealed class EventStreams : IDisposable
{
    private readonly Dictionary<string, LinkedList<Stream>> _byUser = [];
    private readonly HashSet<Stream> _closing = []; // closed for being the oldest, not ended yet: still watched for a stalled write
    private readonly Lock _gate = new();
    private readonly LiveOptions _options;
    private readonly TimeProvider _time;
    private readonly ITimer _watchdog;

    public EventStreams(IOptions<LiveOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        var period = _options.SlowReaderTimeout / 2;
        _watchdog = time.CreateTimer(_ => DropStalled(), null, period, period);
    }

    /// <summary>Streams open on this node.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _byUser.Values.Sum(s => s.Count);
            }
        }
    }

    /// <summary>Registers a stream of <paramref name="userId"/>; the user's oldest is closed when there are too many. Dispose it when the stream ends.</summary>
    public Stream Open(string userId, HttpContext http)
    {
        var stream = new Stream(this, userId, http);
        Stream? oldest = null;
        lock (_gate)
        {
            if (!_byUser.TryGetValue(userId, out var streams))
            {
                _byUser[userId] = streams = new LinkedList<Stream>();
            }

            stream.Node = streams.AddLast(stream);
            if (streams.Count > _options.MaxStreamsPerUser)
            {
                oldest = streams.First!.Value;
                Remove(oldest);
                _closing.Add(oldest);
            }
        }

        oldest?.Close($"closed: more than {_options.MaxStreamsPerUser} event streams are open for this account; this one was the oldest");
        return stream;
    }

    public void Dispose() => _watchdog.Dispose();

    private void Remove(Stream stream)
    {
        if (stream.Node?.List is { } list)
        {
            list.Remove(stream.Node);
            if (list.Count == 0)
            {
                _byUser.Remove(stream.UserId);
            }
        }

        stream.Node = null;
    }

    private void DropStalled()
    {
        var now = _time.GetTimestamp();
        List<Stream> stalled;
        lock (_gate)
        {
            stalled = [.. _byUser.Values.SelectMany(s => s).Concat(_closing).Where(s => s.WritingFor(now, _time) >= _options.SlowReaderTimeout)];
        }

        foreach (var stream in stalled)
        {
            stream.Drop();
        }
    }

    /// <summary>One open stream: the endpoint marks each write, and watches <see cref="Closing"/>.</summary>
    public sealed class Stream : IDisposable
    {
        private readonly EventStreams _owner;
        private readonly HttpContext _http;
        private readonly CancellationTokenSource _closing = new();
        private long _writingSince;

        internal Stream(EventStreams owner, string userId, HttpContext http)
        {
            _owner = owner;
            _http = http;
            UserId = userId;
        }

        public string UserId { get; }

        /// <summary>Cancelled when the stream must end (too many of the user's streams are open): send <see cref="CloseReason"/>, then stop.</summary>
        public CancellationToken Closing => _closing.Token;

        public string? CloseReason { get; private set; }

        internal LinkedListNode<Stream>? Node { get; set; }

        /// <summary>A write to the client starts; <see cref="EndWrite"/> when it has gone out.</summary>
        public void BeginWrite() => Volatile.Write(ref _writingSince, _owner._time.GetTimestamp());

        public void EndWrite() => Volatile.Write(ref _writingSince, 0);

        public void Dispose()
        {
            lock (_owner._gate)
            {
                _owner.Remove(this);
                _owner._closing.Remove(this);
            }

            _closing.Dispose();
        }

        internal TimeSpan WritingFor(long now, TimeProvider time) =>
            Volatile.Read(ref _writingSince) is var since and not 0 ? time.GetElapsedTime(since, now) : TimeSpan.Zero;

        internal void Close(string reason)
        {
            CloseReason = reason;
            try
            {
                _closing.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the stream ended meanwhile
            }
        }

        /// <summary>Aborts the connection: the pending write fails and the stream ends, its buffers freed.</summary>
        internal void Drop() => _http.Abort();
    }
}
