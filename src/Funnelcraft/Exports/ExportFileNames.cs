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
    public static string Slug(string? text) => Clean(text, static r => Rune.IsLetterOrDigit(r) || IsMark(r));

    /// <summary>
    /// The same name with ASCII letters and digits only: Latin letters lose their accents ("Café Ünal" → "cafe-unal",
    /// "Łódź" → "lodz"), other scripts are dropped ("שלום" → "funnel"). A table, because the app runs without ICU.
    /// </summary>
    public static string Ascii(string? text)
    {
        var folded = new StringBuilder();
        foreach (var c in text ?? "")
        {
            folded.Append(c is >= '\u00C0' and <= '\u017F' ? LatinFolds[c - '\u00C0'] : c.ToString());
        }

        return Clean(folded.ToString(), static r => r.IsAscii && Rune.IsLetterOrDigit(r));
    }

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

    /// <summary>ASCII for U+00C0–U+017F (Latin-1 Supplement letters and Latin Extended-A), in order; empty for × and ÷.</summary>
    private static readonly string[] LatinFolds = "A|A|A|A|A|A|AE|C|E|E|E|E|I|I|I|I|D|N|O|O|O|O|O||O|U|U|U|U|Y|Th|ss|a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|A|a|A|a|A|a|C|c|C|c|C|c|C|c|D|d|D|d|E|e|E|e|E|e|E|e|E|e|G|g|G|g|G|g|G|g|H|h|H|h|I|i|I|i|I|i|I|i|I|i|IJ|ij|J|j|K|k|k|L|l|L|l|L|l|L|l|L|l|N|n|N|n|N|n|n|N|n|O|o|O|o|O|o|OE|oe|R|r|R|r|R|r|S|s|S|s|S|s|S|s|T|t|T|t|T|t|U|u|U|u|U|u|U|u|U|u|U|u|W|w|Y|y|Y|Z|z|Z|z|Z|z|s".Split('|');

    private static bool IsMark(Rune rune) =>
        Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    private static string Clean(string? text, Func<Rune, bool> keep)
    {
        var builder = new StringBuilder();
        var pendingHyphen = false;
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
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
