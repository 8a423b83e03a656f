namespace Funnelcraft.Writers;

/// <summary>
/// Progress inside the deck step: "outline", then "slides 0/60", "slides 10/60"… as parts finish, the percent being
/// the step's writer calls done out of all of them. Parts finish concurrently, so reports are made one at a time,
/// and each sends the newest count: a part that finishes while another's report is being written is included in
/// the next report instead of queuing one of its own. So the reports only ever rise, and when parts finish together
/// they cost one or two status writes, not six.
/// </summary>
internal sealed class DeckProgress(Func<string, int, Task> report, int totalSlides, int parts) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly Lock _counts = new();
    private int _callsDone;
    private int _slides;
    private int _version;
    private int _sentVersion;

    public Task OutlineAsync(CancellationToken cancellationToken) => PostAsync(0, 0, cancellationToken);

    public Task OutlineDoneAsync(CancellationToken cancellationToken) => PostAsync(1, 0, cancellationToken);

    /// <summary>A part of <paramref name="slides"/> slides is written.</summary>
    public Task PartDoneAsync(int slides, CancellationToken cancellationToken) => PostAsync(1, slides, cancellationToken);

    public void Dispose() => _one.Dispose();

    /// <summary>Counts what was done, then, once it is this caller's turn, reports the newest count unless it was already reported.</summary>
    private async Task PostAsync(int calls, int slides, CancellationToken cancellationToken)
    {
        lock (_counts)
        {
            (_callsDone, _slides, _version) = (_callsDone + calls, _slides + slides, _version + 1);
        }

        await _one.WaitAsync(cancellationToken);
        try
        {
            int version, callsDone, slidesDone;
            lock (_counts)
            {
                (version, callsDone, slidesDone) = (_version, _callsDone, _slides);
            }

            if (version == _sentVersion)
            {
                return;
            }

            await (callsDone == 0
                ? report("outline", 0)
                : report($"slides {slidesDone}/{totalSlides}", Math.Min(100, callsDone * 100 / (parts + 1))));
            _sentVersion = version;
        }
        finally
        {
            _one.Release();
        }
    }
}
