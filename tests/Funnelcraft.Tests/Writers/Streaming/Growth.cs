using System.Text.Json.Nodes;

namespace Funnelcraft.Tests.Writers.Streaming;

/// <summary>Whether one view of a growing JSON answer holds everything an earlier one did, each part as far as it went or further.</summary>
internal static class Growth
{
    /// <summary>
    /// Objects keep every property (each grown), arrays keep every item (each grown) and may have more, strings go on
    /// from where they were, other values stay as they were. Nothing is "earlier" than null.
    /// </summary>
    public static bool Grows(JsonNode? earlier, JsonNode? later) => (earlier, later) switch
    {
        (null, _) => true,
        (JsonObject a, JsonObject b) => a.All(p => b.ContainsKey(p.Key) && Grows(p.Value, b[p.Key])),
        (JsonArray a, JsonArray b) => a.Count <= b.Count && a.Select((item, i) => Grows(item, b[i])).All(x => x),
        (JsonValue a, JsonValue b) when a.GetValueKind() == System.Text.Json.JsonValueKind.String && b.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            b.GetValue<string>().StartsWith(a.GetValue<string>(), StringComparison.Ordinal),
        _ => JsonNode.DeepEquals(earlier, later),
    };

    /// <summary>
    /// For a deck: the title grows, and every slide (found by its number) grows; slides are in slide order and
    /// each part's slides may arrive before the part before it has finished.
    /// </summary>
    public static bool DeckGrows(JsonNode? earlier, JsonNode? later)
    {
        if (earlier is null)
        {
            return true;
        }

        if (!Grows(earlier["title"], later?["title"]))
        {
            return false;
        }

        var before = Slides(earlier);
        var after = Slides(later).ToDictionary(s => s!["slideNumber"]!.GetValue<int>());
        return before.All(s => after.TryGetValue(s!["slideNumber"]!.GetValue<int>(), out var grown) && Grows(s, grown));
    }

    public static IReadOnlyList<JsonNode?> Slides(JsonNode? deck) => deck?["slides"]?.AsArray() is { } slides ? [.. slides] : [];
}
