using System.Diagnostics;
using System.Text.Json.Nodes;
using Funnelcraft.Writers;

namespace Funnelcraft.Tests.Writers.Streaming;

/// <summary>Records the previews a step writer sends (in the order they arrive), when they arrived, and signals the n-th.</summary>
internal sealed class PreviewLog
{
    private readonly List<(StepPreview Preview, TimeSpan At)> _previews = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource _enough = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _signalAt;
    private int _inside;
    private int _mostAtOnce;

    public PreviewLog(int signalAt = int.MaxValue) => _signalAt = signalAt;

    public StepReports Reports => StepReports.None with { Preview = ReportAsync };

    /// <summary>Completes once the <c>signalAt</c>-th preview has arrived.</summary>
    public Task Enough => _enough.Task;

    public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

    public IReadOnlyList<StepPreview> Previews
    {
        get
        {
            lock (_previews)
            {
                return [.. _previews.Select(p => p.Preview)];
            }
        }
    }

    public IReadOnlyList<JsonNode> Contents => [.. Previews.Select(p => JsonNode.Parse(p.Json)!)];

    /// <summary>The shortest time between two previews.</summary>
    public TimeSpan ShortestGap
    {
        get
        {
            lock (_previews)
            {
                return _previews.Count < 2 ? TimeSpan.MaxValue : _previews.Zip(_previews.Skip(1), (a, b) => b.At - a.At).Min();
            }
        }
    }

    private async Task ReportAsync(StepPreview preview)
    {
        int count;
        lock (_previews)
        {
            _mostAtOnce = Math.Max(_mostAtOnce, ++_inside);
            _previews.Add((preview, _clock.Elapsed));
            count = _previews.Count;
        }

        await Task.Yield();
        lock (_previews)
        {
            _inside--;
        }

        if (count >= _signalAt)
        {
            _enough.TrySetResult();
        }
    }
}
