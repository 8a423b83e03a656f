using System.Text;
using System.Xml;

namespace Funnelcraft.Exports;

/// <summary>Small text rules the file formats share.</summary>
public static class ExportText
{
    /// <summary>
    /// True when the text's first strong character is right-to-left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their
    /// presentation forms): the paragraph's base direction, as the Unicode bidirectional algorithm picks it.
    /// </summary>
    public static bool IsRightToLeft(string? text)
    {
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            var value = rune.Value;
            if (value is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF))
            {
                return true;
            }

            if (Rune.IsLetter(rune))
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>The text's lines: <c>\r\n</c>, <c>\r</c> and <c>\n</c> all end a line.</summary>
    public static string[] Lines(string? text) => (text ?? "").ReplaceLineEndings("\n").Split('\n');

    /// <summary>The text without the characters XML cannot hold (control characters other than tab and line ends, lone surrogates).</summary>
    public static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                builder?.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                builder ??= new StringBuilder(text, 0, i, text.Length);
            }
        }

        return builder?.ToString() ?? text;
    }
}
