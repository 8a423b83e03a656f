namespace Funnelcraft.Generation;

/// <summary>What this node does: serve HTTP, run the generation worker, or both (the default).</summary>
public sealed class RolesOptions
{
    public const string SectionName = "Roles";

    public bool Web { get; set; } = true;
    public bool Worker { get; set; } = true;
}
