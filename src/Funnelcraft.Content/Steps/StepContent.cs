namespace Funnelcraft.Steps;

/// <summary>Typed content a writer produces, or the user saves, for a step; validated before it is stored.</summary>
public interface IStepContent
{
    /// <summary>What is wrong with the content, field by field, in words a person can act on; empty when valid.</summary>
    IEnumerable<ContentError> Validate();
}

/// <summary>
/// One thing wrong with a step's content. <paramref name="Field"/> is the path of the field as the JSON names it
/// (<c>features[1].title</c>; empty for the content as a whole); <paramref name="Message"/> reads on its own.
/// </summary>
public sealed record ContentError(string Field, string Message)
{
    public override string ToString() => Message;
}

/// <summary>Small helpers shared by the content records' validation.</summary>
internal static class Check
{
    public static IEnumerable<ContentError> Required(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new(field, $"{field} is missing");
        }
    }

    public static IEnumerable<ContentError> Count<T>(IReadOnlyCollection<T>? items, string field, int min, int max)
    {
        var count = items?.Count ?? 0;
        if (count < min || count > max)
        {
            yield return new(field, min == max
                ? $"{field} must have exactly {min} items (got {count})"
                : $"{field} must have {min}–{max} items (got {count})");
        }
    }

    /// <summary>An error on each empty item of a list of strings, at the item's own path (<c>bulletPoints[2]</c>).</summary>
    public static IEnumerable<ContentError> AllRequired(IEnumerable<string?>? values, string field) =>
        (values ?? []).Select((value, i) => (value, i)).Where(x => string.IsNullOrWhiteSpace(x.value))
            .Select(x => new ContentError($"{field}[{x.i}]", $"{field} has an empty item (item {x.i + 1})"));

    /// <summary>An error on each item of <paramref name="items"/> whose <paramref name="text"/> is empty, at <c>field[i].name</c>.</summary>
    public static IEnumerable<ContentError> EachRequired<T>(IReadOnlyList<T>? items, string field, string name, Func<T, string?> text) =>
        (items ?? []).Select((item, i) => (item, i)).Where(x => string.IsNullOrWhiteSpace(text(x.item)))
            .Select(x => new ContentError($"{field}[{x.i}].{name}", $"{field} item {x.i + 1} needs a {name}"));

    public static IEnumerable<ContentError> OneOf(string? value, IReadOnlyList<string> allowed, string field, string what)
    {
        if (value is null || !allowed.Contains(value))
        {
            yield return new(field, $"{what} has '{value}', expected one of {string.Join(", ", allowed)}");
        }
    }

    public static int Words(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
