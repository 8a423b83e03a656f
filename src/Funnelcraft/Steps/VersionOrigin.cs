namespace Funnelcraft.Steps;

/// <summary>Where a new content version comes from: what <see cref="ContentVersion"/> records beside the content.</summary>
public sealed record VersionOrigin(string Source, string? Writer, string? Instruction, int? RestoredFrom)
{
    /// <summary>The user's edit: no writer, no instruction.</summary>
    public static VersionOrigin Edited { get; } = new(VersionSource.Edited, null, null, null);

    /// <summary>Written by a run's writer, with the user's instruction when the step was regenerated with one.</summary>
    public static VersionOrigin Generated(string writer, string? instruction = null) => new(VersionSource.Generated, writer, instruction, null);

    /// <summary>A copy of <paramref name="source"/>: who wrote it and why travel with the copy.</summary>
    public static VersionOrigin RestoreOf(ContentVersion source) => new(VersionSource.Restored, source.Writer, source.Instruction, source.Version);
}
