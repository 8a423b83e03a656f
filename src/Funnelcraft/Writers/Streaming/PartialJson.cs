using System.Text;
using System.Text.Json;

namespace Funnelcraft.Writers.Streaming;

/// <summary>
/// Reads a JSON answer as it streams in, a piece at a time, into a tree of what has been written so far — in one pass
/// over the text: each piece costs what its characters cost, however long the answer has grown (re-parsing the
/// whole text on every piece would cost its whole length each time; docs/benchmarks.md has both). The tree can be
/// written out as JSON at any moment, "as far as it goes": strings, arrays and objects still open are closed where
/// they stop, a field appears once its value has begun (fields not yet begun are absent), numbers and
/// <c>true</c>/<c>false</c>/<c>null</c> appear once whole, and an object in an array appears once it has a field. A code fence before the JSON (<c>```json</c>) is skipped.
/// Text that is not JSON stops the reading (<see cref="IsBroken"/>): the tree keeps what came before it, and the
/// answer's real parse says what is wrong. Safe to append on one thread while another writes the tree out.
/// </summary>
public sealed partial class PartialJson
{
    private readonly Lock _lock = new();
    private readonly Stack<PartialContainer> _open = new();
    private readonly StringBuilder _key = new();
    private readonly StringBuilder _scalar = new();
    private State _state = State.Start;
    private string _pendingKey = "";
    private PartialString? _string;
    private bool _inKey;
    private int _unicode;
    private int _unicodeDigits;
    private long _version;
    private PartialNode? _root;

    private enum State
    {
        Start,
        Fence,
        Value,
        ArrayFirst,
        Key,
        Colon,
        String,
        Escape,
        Unicode,
        Scalar,
        After,
        Done,
        Broken,
    }

    /// <summary>Rises whenever the tree changes (not for whitespace), so a reader can tell whether anything is new.</summary>
    public long Version
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    /// <summary>The answer's JSON value has ended.</summary>
    public bool IsComplete
    {
        get
        {
            lock (_lock)
            {
                return _state == State.Done;
            }
        }
    }

    /// <summary>The text stopped being JSON; nothing after that point is read.</summary>
    public bool IsBroken
    {
        get
        {
            lock (_lock)
            {
                return _state == State.Broken;
            }
        }
    }

    /// <summary>Reads the next piece of the answer.</summary>
    public void Append(ReadOnlySpan<char> text)
    {
        lock (_lock)
        {
            foreach (var c in text)
            {
                if (_state is State.Done or State.Broken)
                {
                    return;
                }

                Read(c);
            }
        }
    }

    /// <summary>Forgets everything read (a new answer replaces the old one).</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _open.Clear();
            _key.Clear();
            _scalar.Clear();
            (_state, _pendingKey, _string, _inKey, _root) = (State.Start, "", null, false, null);
            _version++;
        }
    }

    /// <summary>The content so far as JSON, or null while it has none (not even one field of an object).</summary>
    public string? ToJson()
    {
        lock (_lock)
        {
            return _root is null || _root is PartialObject { Count: 0 } ? null : PartialNode.Json(_root.WriteTo);
        }
    }

    /// <summary>Writes the value of the root object's property <paramref name="name"/> as far as it goes, as that property; nothing if it has not begun.</summary>
    public void WriteProperty(Utf8JsonWriter writer, string name)
    {
        lock (_lock)
        {
            if ((_root as PartialObject)?.Get(name) is { } value)
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }
    }

    /// <summary>Writes the first <paramref name="max"/> items of the root object's array <paramref name="name"/> (into an array the caller opened).</summary>
    public void WriteItems(Utf8JsonWriter writer, string name, int max)
    {
        lock (_lock)
        {
            if ((_root as PartialObject)?.Get(name) is PartialArray array)
            {
                array.WriteItems(writer, max);
            }
        }
    }
}
