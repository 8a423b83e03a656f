using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Funnelcraft.Web;

/// <summary>
/// Text a person could have typed: no NUL or other control characters (tab and line breaks only where
/// <see cref="Multiline"/>), no broken UTF-16 (a lone surrogate cannot be stored as UTF-8), and not made only of
/// invisible characters (zero-width spaces, joiners, byte-order marks), which would show as an empty name.
/// An empty, blank or missing value passes: <c>[Required]</c> decides whether one is needed.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute : ValidationAttribute
{
    /// <summary>Tab, line feed and carriage return are allowed (long text: a description, a transcript).</summary>
    public bool Multiline { get; init; }

    public override bool IsValid(object? value) => value is not string text || Problem(text, Multiline) is null;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text || Problem(text, Multiline) is not { } problem)
        {
            return ValidationResult.Success;
        }

        var name = validationContext.DisplayName ?? validationContext.MemberName ?? "The value";
        return new ValidationResult($"{name} {problem}", validationContext.MemberName is { } member ? [member] : null);
    }

    /// <summary>What is wrong with <paramref name="text"/> (a phrase that follows the field's name), or null.</summary>
    public static string? Problem(string text, bool multiline)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var visible = false;
        var invisible = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                visible = true;
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "contains a broken character (a lone UTF-16 surrogate).";
            }

            if (char.IsControl(c))
            {
                if (multiline && c is '\t' or '\n' or '\r')
                {
                    continue;
                }

                return c == '\0' ? "contains a NUL character." : $"contains a control character (U+{(int)c:X4}).";
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                invisible = true;
            }
            else if (!char.IsWhiteSpace(c))
            {
                visible = true;
            }
        }

        // Only spaces is an empty value (trimmed away); invisible characters alone would be stored as a blank name.
        return visible || !invisible ? null : "has no visible characters.";
    }
}
