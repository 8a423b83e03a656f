namespace Funnelcraft.Steps;

/// <summary>Typed content a writer produces for a step; validated before it is stored.</summary>
public interface IStepContent
{
    /// <summary>What is wrong with the content, in words a person can act on; empty when valid.</summary>
    IEnumerable<string> Validate();
}

/// <summary>Small helpers shared by the content records' validation.</summary>
internal static class Check
{
    public static IEnumerable<string> Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return $"{field} is missing";
        }
    }

    public static IEnumerable<string> Count<T>(IReadOnlyCollection<T>? items, string field, int min, int max)
    {
        var count = items?.Count ?? 0;
        if (count < min || count > max)
        {
            yield return min == max
                ? $"{field} must have exactly {min} items (got {count})"
                : $"{field} must have {min}–{max} items (got {count})";
        }
    }

    public static IEnumerable<string> AllRequired(IEnumerable<string?>? values, string field) =>
        (values ?? []).Any(string.IsNullOrWhiteSpace) ? [$"{field} has an empty item"] : [];

    public static int Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
