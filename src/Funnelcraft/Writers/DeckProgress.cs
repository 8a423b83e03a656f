namespace Funnelcraft.Writers;

/// <summary>
/// Progress inside the deck step: "outline", then "slides 0/60", "slides 10/60"… as parts finish. Parts finish
/// concurrently, so reports are made one at a time, each counted under the lock it is sent in: the slides and the
/// percent (the step's writer calls done out of all of them) only ever rise.
/// </summary>
internal sealed class DeckProgress(Func<string, int, Task> report, int totalSlides, int parts) : IDisposable
{
    private readonly SemaphoreSlim _one = new(1, 1);
    private int _callsDone;
    private int _slides;

    public Task OutlineAsync(CancellationToken cancellationToken) => SendAsync(() => ("outline", 0), cancellationToken);

    public Task OutlineDoneAsync(CancellationToken cancellationToken) => SendAsync(() => Count(0), cancellationToken);

    /// <summary>A part of <paramref name="slides"/> slides is written.</summary>
    public Task PartDoneAsync(int slides, CancellationToken cancellationToken) => SendAsync(() => Count(slides), cancellationToken);

    public void Dispose() => _one.Dispose();

    private (string Detail, int Percent) Count(int slides)
    {
        _callsDone++;
        _slides += slides;
        return ($"slides {_slides}/{totalSlides}", Math.Min(100, _callsDone * 100 / (parts + 1)));
    }

    private async Task SendAsync(Func<(string Detail, int Percent)> next, CancellationToken cancellationToken)
    {
        await _one.WaitAsync(cancellationToken);
        try
        {
            var (detail, percent) = next();
            await report(detail, percent);
        }
        finally
        {
            _one.Release();
        }
    }
}
