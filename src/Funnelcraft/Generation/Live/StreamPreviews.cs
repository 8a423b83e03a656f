using System.Net.ServerSentEvents;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Live;

/// <summary>
/// The previews one <c>generation-events</c> stream still has to send: for each step the status last sent shows being
/// written, the hub's newest preview of that attempt when the stream has not sent it yet. Events <c>preview</c>, without
/// an id (so Last-Event-ID stays a status version); previews made in between are never queued, the newest wins.
/// </summary>
internal sealed class StreamPreviews(PreviewHub hub, Guid projectId)
{
    public const string EventType = "preview";

    private readonly Dictionary<int, LivePreview> _sent = [];

    public IEnumerable<SseItem<byte[]>> Due(GenerationStatus status)
    {
        if (status.CurrentSteps.Count == 0)
        {
            _sent.Clear();
            yield break;
        }

        foreach (var preview in hub.Of(projectId))
        {
            if (preview.ShowsIn(status) && preview.Replaces(_sent.GetValueOrDefault(preview.Step)))
            {
                _sent[preview.Step] = preview;
                yield return new SseItem<byte[]>(preview.Json, EventType);
            }
        }
    }
}
