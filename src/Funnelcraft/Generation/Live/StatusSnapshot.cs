using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Live;

/// <summary>A project's status as last published on this node, with the project's owner (who may read it).</summary>
public sealed record StatusSnapshot(string OwnerId, GenerationStatus Status);
