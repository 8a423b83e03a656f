using System.Text.Json;
using Funnelcraft.Steps.Versions;

namespace Funnelcraft.Tests.Steps;

/// <summary>The version diff as a pure function: texts word by word, lists item by item, objects field by field.</summary>
public sealed class VersionDiffTests
{
    [Fact]
    public void Words_added_at_the_end_of_a_sentence_are_the_only_ones_marked()
    {
        var fields = Diff("""{"tagline": "Move without pain."}""", """{"tagline": "Move without pain. Starting today"}""");

        var tagline = Assert.Single(fields);
        Assert.Equal("changed", tagline.Change);
        Assert.Equal(" Starting today", string.Concat(tagline.ToWords!.Where(w => w.Change == "added").Select(w => w.Text)));
        Assert.Equal("Move without pain.", string.Concat(tagline.ToWords!.Where(w => w.Change == "unchanged").Select(w => w.Text)));
        Assert.All(tagline.FromWords!, w => Assert.Equal("unchanged", w.Change));
    }

    [Fact]
    public void A_changed_word_is_marked_on_both_sides_and_nothing_else()
    {
        var tagline = Assert.Single(Diff("""{"t": "Sit less, move more."}""", """{"t": "Sit less, walk more."}"""));

        Assert.Equal(["move"], tagline.FromWords!.Where(w => w.Change == "removed").Select(w => w.Text));
        Assert.Equal(["walk"], tagline.ToWords!.Where(w => w.Change == "added").Select(w => w.Text));
        Assert.Equal("Sit less, move more.", string.Concat(tagline.FromWords!.Select(w => w.Text)));
        Assert.Equal("Sit less, walk more.", string.Concat(tagline.ToWords!.Select(w => w.Text)));
    }

    [Fact]
    public void Paragraphs_pair_up_line_by_line()
    {
        var text = Assert.Single(Diff("""{"t": "First paragraph.\nSecond one here."}""", """{"t": "First paragraph.\nSecond one there.\nA third."}"""));

        Assert.Equal("First paragraph.\nSecond one here.", string.Concat(text.FromWords!.Select(w => w.Text)));
        Assert.Equal("First paragraph.\nSecond one there.\nA third.", string.Concat(text.ToWords!.Select(w => w.Text)));
        Assert.Equal(["here"], text.FromWords!.Where(w => w.Change == "removed").Select(w => w.Text));
        Assert.Contains(text.ToWords!, w => w.Change == "added" && w.Text.Contains("A third.", StringComparison.Ordinal));
    }

    [Fact]
    public void List_items_are_matched_item_by_item_around_an_insertion()
    {
        const string from = """{"b": ["one", "two", "three"]}""";
        const string to = """{"b": ["one", "new", "two", "three!"]}""";

        var list = Assert.Single(Diff(from, to));

        Assert.Equal("list", list.Kind);
        Assert.Equal(
            [("unchanged", 0, 0), ("added", -1, 1), ("unchanged", 1, 2), ("changed", 2, 3)],
            list.Fields!.Select(i => (i.Change, i.FromIndex ?? -1, i.ToIndex ?? -1)));
        Assert.Equal(["b[0]", "b[1]", "b[2]", "b[3]"], list.Fields!.Select(i => i.Path));
        Assert.Equal(2, VersionDiff.CountChanges(Diff(from, to)));
    }

    [Fact]
    public void Removed_items_and_objects_in_lists_are_compared_field_by_field()
    {
        var list = Assert.Single(Diff(
            """{"f": [{"title": "A", "n": 1}, {"title": "B", "n": 2}, {"title": "C", "n": 3}]}""",
            """{"f": [{"title": "A", "n": 5}, {"title": "C", "n": 3}]}"""));

        Assert.Equal(["changed", "removed", "unchanged"], list.Fields!.Select(i => i.Change));
        var first = list.Fields![0];
        Assert.Equal(["unchanged", "changed"], first.Fields!.Select(f => f.Change));
        Assert.Equal("f[0].n", first.Fields![1].Path);
        Assert.Equal((1m, 5m), (first.Fields![1].From!.Value.GetDecimal(), first.Fields![1].To!.Value.GetDecimal()));
        Assert.Equal("f[1]", list.Fields![1].Path);
        Assert.Null(list.Fields![1].To);
    }

    [Fact]
    public void An_emptied_list_shows_every_item_removed_and_fields_only_one_side_has_are_added_or_removed()
    {
        var fields = Diff("""{"b": ["x", "y"], "old": "gone"}""", """{"b": [], "fresh": 1}""");

        Assert.Equal(["b", "fresh", "old"], fields.Select(f => f.Path));
        Assert.Equal(["removed", "removed"], fields[0].Fields!.Select(i => i.Change));
        Assert.Equal("added", fields[1].Change);
        Assert.Equal("removed", fields[2].Change);
    }

    [Fact]
    public void Equal_versions_have_no_changes()
    {
        const string json = """{"a": "text", "b": [1, 2], "c": {"d": "e"}}""";

        var fields = Diff(json, json);

        Assert.All(fields, f => Assert.Equal("unchanged", f.Change));
        Assert.Equal(0, VersionDiff.CountChanges(fields));
    }

    private static IReadOnlyList<FieldDiff> Diff(string from, string to) =>
        VersionDiff.Compare(JsonDocument.Parse(from).RootElement, JsonDocument.Parse(to).RootElement);
}
