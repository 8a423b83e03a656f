namespace Funnelcraft.Generation.Changes;

public enum DecisionKind
{
    Save,
    SaveLease,
    Abandon,
}
