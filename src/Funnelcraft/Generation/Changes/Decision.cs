namespace Funnelcraft.Generation.Changes;

/// <summary>What a <see cref="RunChange{T}"/> decided: save what it changed (and how), or leave everything as it was.</summary>
public readonly record struct Decision<T>(DecisionKind Kind, T Value);

public static class Decision
{
    /// <summary>Save the change: the status version moves, the stored status is rewritten, the change is announced and published.</summary>
    public static Decision<T> Save<T>(T value) => new(DecisionKind.Save, value);

    /// <summary>Save a change of the run's lease only: nothing a client sees changed, so the status version stays.</summary>
    public static Decision<T> SaveLease<T>(T value) => new(DecisionKind.SaveLease, value);

    /// <summary>Write nothing.</summary>
    public static Decision<T> Abandon<T>(T value) => new(DecisionKind.Abandon, value);
}
