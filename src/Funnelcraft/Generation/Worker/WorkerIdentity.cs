namespace Funnelcraft.Generation.Worker;

/// <summary>This node's name in leases (the owner of a claim is the name and a claim number).</summary>
public sealed record WorkerIdentity(string Name)
{
    public static WorkerIdentity Create() =>
        new($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}");
}
