namespace Funnelcraft.Pages.FunnelBuilder.Editors;

/// <summary>A version's writer as a person reads it: "the offline writer", "gpt-4o-mini".</summary>
public static class WriterName
{
    public static string Of(string? writer) => writer switch
    {
        null or "" => "an earlier writer",
        _ when writer.StartsWith("offline:", StringComparison.Ordinal) => "the offline writer",
        _ when writer.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 => writer[(colon + 1)..],
        _ => writer,
    };
}
