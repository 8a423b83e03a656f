using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;

namespace Funnelcraft.Exports;

/// <summary>
/// File names for downloads, made from the project's name: letters and digits of any script, runs of anything else
/// turned into one hyphen, at most <see cref="MaxLength"/> characters. The <c>Content-Disposition</c> header carries
/// an ASCII-only <c>filename</c> (accents dropped) and, when the name has other characters, the exact UTF-8
/// <c>filename*</c> (RFC 6266).
/// </summary>
public static class ExportFileNames
{
    public const int MaxLength = 60;

    private const string Fallback = "funnel";

    /// <summary>"Spring Launch — 2025!" → "spring-launch-2025"; "Café Ünal" → "café-ünal"; only punctuation → "funnel".</summary>
    public static string Slug(string? text) => Clean(text?.Normalize(NormalizationForm.FormKC), static r => Rune.IsLetterOrDigit(r));

    /// <summary>The same name with ASCII letters and digits only: "café-ünal" → "cafe-unal"; "שלום" → "funnel".</summary>
    public static string Ascii(string? text) => Clean(
        text?.Normalize(NormalizationForm.FormD),
        static r => r.IsAscii && Rune.IsLetterOrDigit(r),
        skip: static r => Rune.GetUnicodeCategory(r) == UnicodeCategory.NonSpacingMark);

    /// <summary>
    /// Sets <c>Content-Disposition: attachment</c> for a file named from <paramref name="parts"/> (the project's name
    /// first, then what the file holds), each made a slug, joined by hyphens.
    /// </summary>
    public static void SetAttachment(HttpResponse response, string extension, params IEnumerable<string> parts)
    {
        var name = Name(extension, parts);
        var header = new ContentDispositionHeaderValue("attachment") { FileName = AsciiName(extension, parts) };
        if (!string.Equals(header.FileName.Value, name, StringComparison.Ordinal))
        {
            header.FileNameStar = name;
        }

        response.Headers.ContentDisposition = header.ToString();
    }

    public static string Name(string extension, IEnumerable<string> parts) => $"{string.Join('-', parts.Select(Slug))}.{extension}";

    public static string AsciiName(string extension, IEnumerable<string> parts) => $"{string.Join('-', parts.Select(Ascii))}.{extension}";

    private static string Clean(string? text, Func<Rune, bool> keep, Func<Rune, bool>? skip = null)
    {
        var builder = new StringBuilder();
        var pendingHyphen = false;
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            if (skip?.Invoke(rune) == true)
            {
                continue;
            }

            if (!keep(rune))
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }

            var lower = Rune.ToLowerInvariant(rune);
            if (builder.Length + (pendingHyphen ? 1 : 0) + lower.Utf16SequenceLength > MaxLength)
            {
                break;
            }

            if (pendingHyphen)
            {
                builder.Append('-');
                pendingHyphen = false;
            }

            builder.Append(lower.ToString());
        }

        return builder.Length == 0 ? Fallback : builder.ToString();
    }
}
