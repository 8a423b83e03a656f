using Funnelcraft.Generation.Runs;

namespace Funnelcraft.Generation.Worker;

/// <summary>A run this node has claimed, as its claim saved it (begun, its ready steps started).</summary>
public sealed record ClaimedRun(RunClaim Claim, GenerationRun Run);
