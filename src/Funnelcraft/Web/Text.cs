namespace Funnelcraft.Web;

public static class Text
{
    /// <summary>The value trimmed; null when it is missing or blank.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
