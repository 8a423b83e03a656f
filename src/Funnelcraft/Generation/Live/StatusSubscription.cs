using System.Threading.Channels;
using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Live;

/// <summary>One subscriber of a project's statuses (<see cref="StatusFeed.Subscribe"/>): the newest status waits in <see cref="Reader"/>.</summary>
public sealed class StatusSubscription(ChannelReader<GenerationStatus> reader, Action leave) : IDisposable
{
    public ChannelReader<GenerationStatus> Reader { get; } = reader;

    public void Dispose() => leave();
}
