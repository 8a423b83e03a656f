namespace Funnelcraft.Writers.Streaming;

/// <summary>
/// The tokens a step's writer calls have used, counted as each call ends — completed, failed or cancelled — so a
/// cancelled write can say what it cost up to the cancel. Calls of the deck's parts add to it at the same time.
/// </summary>
internal sealed class TokenMeter
{
    private readonly Lock _lock = new();
    private TokenUsage _total;

    public TokenUsage Total
    {
        get
        {
            lock (_lock)
            {
                return _total;
            }
        }
    }

    public void Add(TokenUsage usage)
    {
        lock (_lock)
        {
            _total += usage;
        }
    }
}
