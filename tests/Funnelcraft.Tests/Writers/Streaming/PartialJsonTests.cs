using System.Text.Json;
using System.Text.Json.Nodes;
using Funnelcraft.Writers.Streaming;
using static Funnelcraft.Tests.Writers.OfflineIntakes;

namespace Funnelcraft.Tests.Writers.Streaming;

public sealed class PartialJsonTests
{
    [Theory]
    [InlineData("""{"name": "Bri""", """{"name":"Bri"}""")]
    [InlineData("""{"name": "Bright", "tag""", """{"name":"Bright"}""")]
    [InlineData("""{"name": "Bright", "tagline":""", """{"name":"Bright"}""")]
    [InlineData("""{"name": "Bright", "tagline": """, """{"name":"Bright"}""")]
    [InlineData("""{"name": "Bright", "tagline": "" """, """{"name":"Bright","tagline":""}""")]
    [InlineData("""{"price": 99""", null)]
    [InlineData("""{"price": 997, "ok": tr""", """{"price":997}""")]
    [InlineData("""{"price": 997, "ok": true, "none": null,""", """{"price":997,"ok":true,"none":null}""")]
    [InlineData("""{"features": [{"title": "Road""", """{"features":[{"title":"Road"}]}""")]
    [InlineData("""{"features": [{"title": "Roadmap"}, {""", """{"features":[{"title":"Roadmap"}]}""")]
    [InlineData("""{"features": [{"title": "Roadmap"}, {"ti""", """{"features":[{"title":"Roadmap"}]}""")]
    [InlineData("""{"slides": [], "deep": [[1, [2""", """{"slides":[],"deep":[[1,[]]]}""")]
    [InlineData("""{"a": "x\n""", """{"a":"x\n"}""")]
    [InlineData("{\"a\": \"x\\", """{"a":"x"}""")]
    [InlineData("""{"a": "caf\u00""", """{"a":"caf"}""")]
    [InlineData("""{"a": "caf\u00e9 ok"}""", """{"a":"café ok"}""")]
    [InlineData("""{"a": [1, 2,], "b": "c",}""", """{"a":[1,2],"b":"c"}""")]
    [InlineData("```json\n{\"a\": \"b", """{"a":"b"}""")]
    public void The_content_so_far_closes_what_is_open_and_leaves_out_what_has_not_begun(string text, string? expected)
    {
        var reader = new PartialJson();
        reader.Append(text);

        var json = reader.ToJson();

        if (expected is null)
        {
            Assert.Null(json);
        }
        else
        {
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(json!)), json);
        }
    }

    [Fact]
    public void Every_prefix_of_an_answer_gives_valid_JSON_that_grows_into_the_whole_answer()
    {
        var answer = OfflineRun.Serialize(OfflineRun.Write(FullForm).Offer);
        var reader = new PartialJson();
        JsonNode? before = null;

        foreach (var c in answer)
        {
            reader.Append([c]);
            if (reader.ToJson() is { } json)
            {
                var now = JsonNode.Parse(json);
                Assert.True(Growth.Grows(before, now), $"{before?.ToJsonString()}\n→ {json}");
                before = now;
            }
        }

        Assert.True(reader.IsComplete);
        Assert.False(reader.IsBroken);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(answer), before));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Pieces_of_any_size_read_the_same_as_the_whole_text(int pieceLength)
    {
        // Escapes, non-ASCII text and a surrogate pair, cut wherever the pieces happen to end.
        const string answer = """{"title": "Caf\u00e9 \"Bright\" \\ path 🚀", "slides": [{"slideNumber": 1, "title": "Tab\there", "section": "hook"}], "price": -1.5e3, "ok": false}""";
        var whole = new PartialJson();
        whole.Append(answer);
        var pieces = new PartialJson();

        for (var i = 0; i < answer.Length; i += pieceLength)
        {
            pieces.Append(answer.AsSpan(i, Math.Min(pieceLength, answer.Length - i)));
            Assert.NotNull(JsonNode.Parse(pieces.ToJson() ?? "{}")); // valid JSON at every step, even inside an escape or a surrogate pair
        }

        Assert.Equal(whole.ToJson(), pieces.ToJson());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(answer), JsonNode.Parse(pieces.ToJson()!)));
        Assert.Equal("Café \"Bright\" \\ path 🚀", JsonNode.Parse(pieces.ToJson()!)!["title"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"name": "Half", "tagline": Oops, this is not JSON}""")]
    [InlineData("""Here is the offer: {"name": "Half"}""")]
    [InlineData("""{"name" "Half"}""")]
    [InlineData("""{"price": 09}""")]
    [InlineData("""{"name": "a""" + "\u0001" + "b\"}")]
    public void Text_that_is_not_JSON_stops_the_reading_and_keeps_what_came_before(string text)
    {
        var reader = new PartialJson();
        var versions = new List<long>();

        reader.Append(text);
        var kept = reader.ToJson();
        versions.Add(reader.Version);
        reader.Append("\"more\": \"text\"}");

        Assert.True(reader.IsBroken);
        Assert.False(reader.IsComplete);
        Assert.Equal(kept, reader.ToJson());
        Assert.Equal(versions[0], reader.Version);
        if (kept is not null)
        {
            Assert.NotNull(JsonNode.Parse(kept));
        }
    }

    [Fact]
    public void Whitespace_changes_nothing_and_a_reset_starts_a_new_answer()
    {
        var reader = new PartialJson();
        reader.Append("""{"name": "First" """);
        var version = reader.Version;

        reader.Append("  \n\t ");
        Assert.Equal(version, reader.Version);

        reader.Reset();
        Assert.Null(reader.ToJson());
        reader.Append("""{"name": "Second"}""");
        Assert.Equal("""{"name":"Second"}""", reader.ToJson());
        Assert.True(reader.IsComplete);
    }

    [Fact]
    public void The_text_after_the_answer_such_as_a_closing_fence_is_ignored()
    {
        var reader = new PartialJson();

        reader.Append("```json\n{\"name\": \"Fenced\"}\n```\n");

        Assert.True(reader.IsComplete);
        Assert.False(reader.IsBroken);
        Assert.Equal("""{"name":"Fenced"}""", reader.ToJson());
    }

    [Fact]
    public void Items_and_properties_can_be_written_into_another_document()
    {
        var reader = new PartialJson();
        reader.Append("""{"title": "Deck", "slides": [{"slideNumber": 1}, {"slideNumber": 2}, {"slideNumber": 3}, {""");

        var json = Json(writer =>
        {
            writer.WriteStartObject();
            reader.WriteProperty(writer, "title");
            reader.WriteProperty(writer, "missing");
            writer.WriteStartArray("slides");
            reader.WriteItems(writer, "slides", 2);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

        Assert.Equal("""{"title":"Deck","slides":[{"slideNumber":1},{"slideNumber":2}]}""", json);
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
