using System.Text.Json;
using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace Funnelcraft.Steps.Versions;

/// <summary>How one field (or list item) differs between two versions.</summary>
/// <param name="Path">The field's JSON path (<c>features[1].title</c>), on the newer side for list items that both have.</param>
/// <param name="Change"><c>unchanged</c>, <c>changed</c>, <c>added</c> (only the "to" version has it) or <c>removed</c>.</param>
/// <param name="Kind"><c>text</c>, <c>number</c>, <c>value</c> (true, false), <c>object</c> or <c>list</c>.</param>
/// <param name="From">The value in the "from" version (text, number and value fields).</param>
/// <param name="To">The value in the "to" version.</param>
/// <param name="FromWords">A changed text in the "from" version, word by word, removed words marked.</param>
/// <param name="ToWords">A changed text in the "to" version, word by word, added words marked.</param>
/// <param name="FromIndex">For a list item: its position in the "from" list.</param>
/// <param name="ToIndex">For a list item: its position in the "to" list.</param>
/// <param name="Fields">An object's fields, or a list's items (matched item by item).</param>
public sealed record FieldDiff(
    string Path,
    string Change,
    string Kind,
    JsonElement? From,
    JsonElement? To,
    IReadOnlyList<WordDiff>? FromWords,
    IReadOnlyList<WordDiff>? ToWords,
    int? FromIndex,
    int? ToIndex,
    IReadOnlyList<FieldDiff>? Fields);

/// <summary>A run of text that is <c>unchanged</c>, <c>removed</c> (from side) or <c>added</c> (to side).</summary>
public sealed record WordDiff(string Text, string Change);

/// <summary>
/// Field-by-field differences between two versions of a step's content: objects field by field, lists matched item by
/// item (a line diff over the items finds which were added, removed or changed), texts word by word (DiffPlex).
/// </summary>
public static partial class VersionDiff
{
    public const string Unchanged = "unchanged";
    public const string Changed = "changed";
    public const string Added = "added";
    public const string Removed = "removed";

    private static readonly Differ Differ = new();

    /// <summary>The root object's fields.</summary>
    public static IReadOnlyList<FieldDiff> Compare(JsonElement from, JsonElement to) =>
        Node("", from, to, null, null).Fields ?? [];

    /// <summary>How many texts, numbers and items differ.</summary>
    public static int CountChanges(IEnumerable<FieldDiff> fields) =>
        fields.Sum(f => f.Fields is { } children && f.Change is Changed ? CountChanges(children) : f.Change is Unchanged ? 0 : 1);

    private static FieldDiff Node(string path, JsonElement? from, JsonElement? to, int? fromIndex, int? toIndex)
    {
        var sample = (to ?? from)!.Value;
        var change = from is null ? Added : to is null ? Removed : JsonElement.DeepEquals(from.Value, to.Value) ? Unchanged : Changed;
        if (from is { } f && to is { } t && f.ValueKind != t.ValueKind)
        {
            return new(path, Changed, KindOf(t), f, t, null, null, fromIndex, toIndex, null);
        }

        switch (sample.ValueKind)
        {
            case JsonValueKind.Object:
                return new(path, change, "object", null, null, null, null, fromIndex, toIndex, Fields(path, from, to));
            case JsonValueKind.Array:
                return new(path, change, "list", null, null, null, null, fromIndex, toIndex, Items(path, from, to));
            case JsonValueKind.String when change == Changed:
                var (fromWords, toWords) = Words(from!.Value.GetString() ?? "", to!.Value.GetString() ?? "");
                return new(path, change, "text", from, to, fromWords, toWords, fromIndex, toIndex, null);
            default:
                return new(path, change, KindOf(sample), from, to, null, null, fromIndex, toIndex, null);
        }
    }

    private static string KindOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "text",
        JsonValueKind.Number => "number",
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "list",
        _ => "value",
    };

    /// <summary>Fields in the order the newer version has them, then any only the older one has.</summary>
    private static List<FieldDiff> Fields(string path, JsonElement? from, JsonElement? to)
    {
        var names = new List<string>();
        foreach (var side in new[] { to, from })
        {
            if (side is { ValueKind: JsonValueKind.Object } obj)
            {
                names.AddRange(obj.EnumerateObject().Select(p => p.Name).Where(n => !names.Contains(n)));
            }
        }

        return [.. names.Select(name => Node(path.Length == 0 ? name : $"{path}.{name}", Child(from, name), Child(to, name), null, null))];
    }

    private static JsonElement? Child(JsonElement? parent, string name) =>
        parent is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(name, out var value) ? value : null;

    /// <summary>
    /// Items matched by a line diff over their JSON: equal items pair up in order; within a run of differences, the
    /// removed and added items pair up as changed items, and the rest are added or removed.
    /// </summary>
    private static List<FieldDiff> Items(string path, JsonElement? from, JsonElement? to)
    {
        JsonElement[] old = from is { ValueKind: JsonValueKind.Array } a ? [.. a.EnumerateArray()] : [];
        JsonElement[] @new = to is { ValueKind: JsonValueKind.Array } b ? [.. b.EnumerateArray()] : [];
        if (old.Length == 0 || @new.Length == 0)
        {
            return [.. old.Select((item, k) => Node($"{path}[{k}]", item, null, k, null)),
                .. @new.Select((item, k) => Node($"{path}[{k}]", null, item, null, k))];
        }

        var result = new List<FieldDiff>();
        var diff = Differ.CreateDiffs(Lines(old), Lines(@new), ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance);
        int i = 0, j = 0;
        void Matched(int until)
        {
            for (; i < until; i++, j++)
            {
                result.Add(Node($"{path}[{j}]", old[i], @new[j], i, j));
            }
        }

        foreach (var block in diff.DiffBlocks)
        {
            Matched(block.DeleteStartA);
            var paired = Math.Min(block.DeleteCountA, block.InsertCountB);
            for (var k = 0; k < Math.Max(block.DeleteCountA, block.InsertCountB); k++)
            {
                if (k < paired)
                {
                    result.Add(Node($"{path}[{j}]", old[i++], @new[j], i - 1, j++));
                }
                else if (k < block.DeleteCountA)
                {
                    result.Add(Node($"{path}[{i}]", old[i], null, i++, null));
                }
                else
                {
                    result.Add(Node($"{path}[{j}]", null, @new[j], null, j++));
                }
            }
        }

        Matched(old.Length);
        return result;
    }

    // One line per item: its JSON, which has no raw line breaks.
    private static string Lines(JsonElement[] items) => string.Join('\n', items.Select(e => e.GetRawText()));

    /// <summary>Both sides of a changed text, word by word (line by line first, so long texts pair their paragraphs).</summary>
    private static (List<WordDiff> From, List<WordDiff> To) Words(string from, string to)
    {
        var model = SideBySideDiffBuilder.Diff(Differ, from, to, ignoreWhiteSpace: false, ignoreCase: false, LineChunker.Instance, WordsAndMarks.Instance);
        return (Pane(model.OldText, Removed), Pane(model.NewText, Added));
    }

    private static List<WordDiff> Pane(DiffPaneModel pane, string marked)
    {
        var words = new List<WordDiff>();
        void Add(string? text, string change)
        {
            if (string.IsNullOrEmpty(text))
            {
                return;
            }

            if (words.Count > 0 && words[^1].Change == change)
            {
                words[^1] = words[^1] with { Text = words[^1].Text + text };
            }
            else
            {
                words.Add(new(text, change));
            }
        }

        var first = true;
        foreach (var line in pane.Lines.Where(l => l.Type != ChangeType.Imaginary))
        {
            if (!first)
            {
                Add("\n", Unchanged);
            }

            first = false;
            if (line.Type == ChangeType.Modified)
            {
                foreach (var piece in line.SubPieces.Where(p => p.Type != ChangeType.Imaginary))
                {
                    Add(piece.Text, piece.Type == ChangeType.Unchanged ? Unchanged : marked);
                }
            }
            else
            {
                Add(line.Text, line.Type == ChangeType.Unchanged ? Unchanged : marked);
            }
        }

        return words;
    }

    /// <summary>
    /// Cuts a line into words, runs of spaces, and single punctuation marks, so that a mark beside a space is its own
    /// piece ("pain." + " Starting" marks only " Starting", where DiffPlex's word chunker would take ". " as one piece).
    /// </summary>
    private sealed partial class WordsAndMarks : IChunker
    {
        public static WordsAndMarks Instance { get; } = new();

        public IReadOnlyList<string> Chunk(string text) => [.. Piece().Matches(text).Select(m => m.Value)];

        [GeneratedRegex(@"[\p{L}\p{N}_'’-]+|\s+|.", RegexOptions.Singleline)]
        private static partial Regex Piece();
    }
}
