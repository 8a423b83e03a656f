namespace Funnelcraft.Generation.Runs;

/// <summary>
/// A worker's claim of a run: <see cref="Owner"/> (the worker's name and a claim number) is the value of the run's lease
/// owner while the claim holds. A new claim — even by the same node — writes a new owner, fencing out the earlier one.
/// </summary>
public sealed record RunClaim(Guid RunId, Guid ProjectId, string Owner);
