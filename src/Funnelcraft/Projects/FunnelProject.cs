namespace Funnelcraft.Projects;

public sealed class FunnelProject
{
    public Guid Id { get; set; }
    public required string OwnerId { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Monotonic status version; every run state change bumps it in the same transaction.</summary>
    public long StatusVersion { get; set; }

    /// <summary>The seed's snake_case status document (JSONB on PostgreSQL, JSON text on SQLite).</summary>
    public string? AutoGenerationStatus { get; set; }

    /// <summary>Regenerate runs ever started for this project; never reset.</summary>
    public int RegenerationCount { get; set; }

    public DateTimeOffset? LastGeneratedAt { get; set; }
}
