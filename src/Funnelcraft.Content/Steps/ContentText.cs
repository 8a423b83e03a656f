using System.Collections;

namespace Funnelcraft.Steps;

/// <summary>Marks a content field that holds paragraphs: a longer limit, and line breaks and tabs are allowed.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LongTextAttribute : Attribute;

/// <summary>
/// The limits every text of a step's content keeps, written or edited: at most <see cref="ShortMax"/> characters on one
/// line (names, titles, headlines, list items), <see cref="LongMax"/> for <see cref="LongTextAttribute"/> fields; no NUL
/// or other control characters (tab and line breaks allowed in long text). Fields are walked through the serializer's
/// own contract, so each error carries the field's JSON path.
/// </summary>
public static class ContentText
{
    public const int ShortMax = 500;
    public const int LongMax = 10_000;

    public static IEnumerable<ContentError> Check(object content) => Walk(content, "", isLong: false);

    private static IEnumerable<ContentError> Walk(object? value, string path, bool isLong)
    {
        switch (value)
        {
            case null or decimal or int or long or double or bool:
                yield break;
            case string text:
                if (Problem(text, isLong) is { } problem)
                {
                    yield return new(path, $"{path} {problem}");
                }

                yield break;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    foreach (var error in Walk(item, $"{path}[{i++}]", isLong))
                    {
                        yield return error;
                    }
                }

                yield break;
        }

        foreach (var property in ContentJson.Options.GetTypeInfo(value.GetType()).Properties)
        {
            var longText = property.AttributeProvider?.IsDefined(typeof(LongTextAttribute), inherit: true) == true;
            foreach (var error in Walk(property.Get?.Invoke(value), path.Length == 0 ? property.Name : $"{path}.{property.Name}", longText))
            {
                yield return error;
            }
        }
    }

    /// <summary>What is wrong with one text, or null.</summary>
    public static string? Problem(string text, bool isLong)
    {
        var max = isLong ? LongMax : ShortMax;
        if (text.Length > max)
        {
            return $"is too long ({text.Length:N0} characters; at most {max:N0})";
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && !(isLong && c is '\n' or '\r' or '\t'))
            {
                return isLong ? "contains a control character (only tabs and line breaks are allowed)" : "must be one line without control characters";
            }
        }

        return null;
    }
}
