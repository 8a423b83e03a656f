using System.Text;
using System.Text.RegularExpressions;

namespace Funnelcraft.Exports.Markdown;

/// <summary>
/// Text written into Markdown so that it stays text: every character CommonMark could read as markup is escaped
/// (emphasis, code, links, raw HTML, entities, tables, strikethrough; headings, quotes, lists and rules at a line's
/// start), leading spaces are kept as entities (no accidental code block), and line breaks stay line breaks.
/// </summary>
public static partial class MarkdownText
{
    private const string AlwaysEscaped = "\\`*_[]<>&|~";
    private const string EscapedAtLineStart = "#>-+=";

    /// <summary>One line for a heading or a list label: the text's lines joined by spaces.</summary>
    public static string Inline(string? text) => Line(string.Join(' ', ExportText.Lines(text).Select(l => l.Trim()).Where(l => l.Length > 0)));

    /// <summary>
    /// Paragraphs: blank lines separate them, other line breaks become hard breaks; continuation lines are indented by
    /// <paramref name="indent"/> spaces (inside a list item).
    /// </summary>
    public static string Block(string? text, int indent = 0)
    {
        var pad = new string(' ', indent);
        var paragraphs = ParagraphBreak().Split((text ?? "").ReplaceLineEndings("\n").Trim('\n'))
            .Select(p => string.Join("\\\n" + pad, p.Split('\n').Select(Line)));
        return string.Join("\n\n" + pad, paragraphs);
    }

    private static string Line(string line)
    {
        var builder = new StringBuilder(line.Length + 8);
        var i = 0;
        for (; i < line.Length && line[i] is ' ' or '\t'; i++)
        {
            builder.Append(line[i] == ' ' ? "&#32;" : "&#9;");
        }

        var start = i;
        var ordered = OrderedListMarker().Match(line, start);
        for (; i < line.Length; i++)
        {
            var c = line[i];
            if (AlwaysEscaped.Contains(c, StringComparison.Ordinal)
                || (i == start && EscapedAtLineStart.Contains(c, StringComparison.Ordinal))
                || (ordered.Success && i == ordered.Index + ordered.Length - 1))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"\n[ \t]*\n\s*")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\G\d{1,9}[.)]")]
    private static partial Regex OrderedListMarker();
}
