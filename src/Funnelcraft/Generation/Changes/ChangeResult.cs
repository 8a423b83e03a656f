using Funnelcraft.Generation.Status;

namespace Funnelcraft.Generation.Changes;

/// <summary>
/// What a change came to: the change's value, the status it published (null when it was not saved or changed only a
/// lease), and whether the project exists.
/// </summary>
public readonly record struct ChangeResult<T>(T Value, GenerationStatus? Status, bool ProjectFound);
