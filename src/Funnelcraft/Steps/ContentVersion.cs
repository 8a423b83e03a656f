namespace Funnelcraft.Steps;

/// <summary>One written, edited or restored version of a step's content. Versions are never deleted.</summary>
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
    /// <summary>How this version came to be: <see cref="VersionSource"/>.</summary>
    public string Source { get; set; } = VersionSource.Generated;
    /// <summary>The writer that wrote the content (the run's writer model, e.g. <c>offline:offline-templates</c>); null for the user's edit.</summary>
    public string? Writer { get; set; }
    /// <summary>What the user asked for when regenerating this piece ("shorter, more playful"), if anything.</summary>
    public string? Instruction { get; set; }
    public int? RestoredFrom { get; set; }
    public long InputTokens { get; set; }
    public long OutputTokens { get; set; }
}

/// <summary>A content version's <c>source</c> as stored and shown.</summary>
public static class VersionSource
{
    /// <summary>A run wrote it.</summary>
    public const string Generated = "generated";

    /// <summary>The user saved it from the editor or <c>PUT …/steps/{step}</c>.</summary>
    public const string Edited = "edited";

    /// <summary>A copy of an earlier version (<see cref="ContentVersion.RestoredFrom"/>).</summary>
    public const string Restored = "restored";

    /// <summary>
    /// True when a version is the user's own: their edit, or a restored copy of one (a copy keeps the writer of what it
    /// copies, and an edit has none). A run that regenerates everything keeps such a step unless told to overwrite edits.
    /// </summary>
    public static bool IsUsersEdit(string source, string? writer) =>
        source == Edited || (source == Restored && writer is null);

    /// <summary>Longest writer name stored (as <c>generation_runs.writer_model</c>).</summary>
    public const int MaxWriterLength = 200;

    /// <summary>Longest instruction a user can give (1,000 characters).</summary>
    public const int MaxInstructionLength = 1000;
}
