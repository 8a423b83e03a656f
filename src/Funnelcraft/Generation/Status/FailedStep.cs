namespace Funnelcraft.Generation.Status;

/// <summary>A failed step of the status, with its readable error.</summary>
public sealed record FailedStep(int Step, string Error);
