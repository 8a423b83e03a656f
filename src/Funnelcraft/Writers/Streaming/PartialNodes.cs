using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Funnelcraft.Writers.Streaming;

/// <summary>A value of a <see cref="PartialJson"/> tree, written out as far as it goes.</summary>
internal abstract class PartialNode
{
    public abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>JSON written by <paramref name="write"/>.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

internal abstract class PartialContainer : PartialNode;

internal sealed class PartialObject : PartialContainer
{
    private readonly List<KeyValuePair<string, PartialNode>> _properties = [];

    public int Count => _properties.Count;

    public void Add(string key, PartialNode value) => _properties.Add(new(key, value));

    public PartialNode? Get(string key) => _properties.FindLast(p => p.Key == key).Value;

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in _properties)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }
}

internal sealed class PartialArray : PartialContainer
{
    private readonly List<PartialNode> _items = [];

    public void Add(PartialNode item) => _items.Add(item);

    /// <summary>Writes the first <paramref name="max"/> items; an object that has no field yet is left out (it tells nothing).</summary>
    public void WriteItems(Utf8JsonWriter writer, int max)
    {
        for (var i = 0; i < Math.Min(max, _items.Count); i++)
        {
            if (_items[i] is not PartialObject { Count: 0 })
            {
                _items[i].WriteTo(writer);
            }
        }
    }

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        WriteItems(writer, int.MaxValue);
        writer.WriteEndArray();
    }
}

internal sealed class PartialString : PartialNode
{
    private readonly StringBuilder _text = new();
    private bool _closed;

    public void Append(char c) => _text.Append(c);

    public void Close() => _closed = true;

    public override void WriteTo(Utf8JsonWriter writer)
    {
        // A string cut between the two halves of a surrogate pair shows up to the pair.
        var length = !_closed && _text.Length > 0 && char.IsHighSurrogate(_text[^1]) ? _text.Length - 1 : _text.Length;
        writer.WriteStringValue(_text.ToString(0, length));
    }
}

/// <summary>A whole number, <c>true</c>, <c>false</c> or <c>null</c>, as written.</summary>
internal sealed class PartialLiteral(string raw) : PartialNode
{
    public override void WriteTo(Utf8JsonWriter writer) => writer.WriteRawValue(raw, skipInputValidation: true);
}
