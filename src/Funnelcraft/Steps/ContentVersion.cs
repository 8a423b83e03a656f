namespace Funnelcraft.Steps;

/// <summary>One written (or restored) version of a step's content. Versions are never deleted.</summary>
public sealed class ContentVersion
{
    public long Id { get; set; }
    public Guid ProjectId { get; set; }
    public int Step { get; set; }
    public int Version { get; set; }
    public Guid? RunId { get; set; }
    public DateTimeOffset GeneratedAt { get; set; }
    /// <summary>The content record as camelCase JSON.</summary>
    public required string Content { get; set; }
    public int? RestoredFrom { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
}
