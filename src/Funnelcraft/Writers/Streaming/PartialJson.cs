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
public sealed class PartialJson
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

    private void Read(char c)
    {
        switch (_state)
        {
            case State.Start when IsSpace(c):
                return;
            case State.Start when c == '`':
                _state = State.Fence;
                return;
            case State.Start:
                _state = State.Value;
                Read(c);
                return;
            case State.Fence:
                _state = c == '\n' ? State.Value : State.Fence;
                return;
            case State.Value or State.ArrayFirst or State.Key or State.Colon or State.After when IsSpace(c):
                return;
            case State.Value:
                Begin(c);
                return;
            case State.ArrayFirst when c == ']':
                Close();
                return;
            case State.ArrayFirst:
                Begin(c);
                return;
            case State.Key when c == '"':
                (_inKey, _state) = (true, State.String);
                _key.Clear();
                return;
            case State.Key when c == '}':
                Close();
                return;
            case State.Colon when c == ':':
                _state = State.Value;
                return;
            case State.String:
                ReadString(c);
                return;
            case State.Escape:
                ReadEscape(c);
                return;
            case State.Unicode:
                ReadUnicode(c);
                return;
            case State.Scalar when char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-':
                _scalar.Append(c);
                return;
            case State.Scalar:
                EndScalar();
                if (_state is not (State.Broken or State.Done))
                {
                    Read(c);
                }

                return;
            case State.After when c == ',':
                _state = _open.Peek() is PartialObject ? State.Key : State.ArrayFirst; // a trailing comma may close it next
                return;
            case State.After when (c == '}' && _open.Peek() is PartialObject) || (c == ']' && _open.Peek() is PartialArray):
                Close();
                return;
            default:
                _state = State.Broken;
                return;
        }
    }

    private void Begin(char c)
    {
        switch (c)
        {
            case '{':
                Open(new PartialObject(), State.Key);
                break;
            case '[':
                Open(new PartialArray(), State.ArrayFirst);
                break;
            case '"':
                var text = new PartialString();
                Attach(text);
                (_string, _inKey, _state) = (text, false, State.String);
                break;
            case '-' or (>= '0' and <= '9') or 't' or 'f' or 'n':
                _scalar.Clear().Append(c);
                _state = State.Scalar;
                break;
            default:
                _state = State.Broken;
                break;
        }
    }

    private void ReadString(char c)
    {
        switch (c)
        {
            case '"' when _inKey:
                (_pendingKey, _state) = (_key.ToString(), State.Colon);
                break;
            case '"':
                _string!.Close();
                (_string, _version) = (null, _version + 1);
                Ended();
                break;
            case '\\':
                _state = State.Escape;
                break;
            case < ' ':
                _state = State.Broken; // JSON strings hold no raw control characters
                break;
            default:
                Add(c);
                break;
        }
    }

    private void ReadEscape(char c)
    {
        if (c == 'u')
        {
            (_unicode, _unicodeDigits, _state) = (0, 0, State.Unicode);
            return;
        }

        char? unescaped = c switch
        {
            '"' or '\\' or '/' => c,
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => null,
        };
        if (unescaped is not { } value)
        {
            _state = State.Broken;
            return;
        }

        _state = State.String;
        Add(value);
    }

    private void ReadUnicode(char c)
    {
        if (!char.IsAsciiHexDigit(c))
        {
            _state = State.Broken;
            return;
        }

        _unicode = (_unicode * 16) + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
        if (++_unicodeDigits == 4)
        {
            _state = State.String;
            Add((char)_unicode);
        }
    }

    private void Add(char c)
    {
        if (_inKey)
        {
            _key.Append(c);
            return;
        }

        _string!.Append(c);
        _version++;
    }

    private void EndScalar()
    {
        var raw = _scalar.ToString();
        if (raw is not ("true" or "false" or "null") && !IsNumber(raw))
        {
            _state = State.Broken;
            return;
        }

        Attach(new PartialLiteral(raw));
        Ended();
    }

    private void Open(PartialContainer container, State next)
    {
        Attach(container);
        _open.Push(container);
        _state = next;
    }

    private void Close()
    {
        _open.Pop();
        _version++;
        Ended();
    }

    /// <summary>A value ended: what comes next is a separator or the end of its container, or the end of the answer.</summary>
    private void Ended() => _state = _open.Count == 0 ? State.Done : State.After;

    private void Attach(PartialNode node)
    {
        _version++;
        if (_open.Count == 0)
        {
            _root = node;
        }
        else if (_open.Peek() is PartialObject obj)
        {
            obj.Add(_pendingKey, node);
        }
        else
        {
            ((PartialArray)_open.Peek()).Add(node);
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    private static bool IsNumber(string s)
    {
        var i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        if (i >= s.Length || !char.IsAsciiDigit(s[i]))
        {
            return false;
        }

        i = s[i] == '0' ? i + 1 : Digits(s, i);
        if (i < s.Length && s[i] == '.')
        {
            var fraction = Digits(s, i + 1);
            if (fraction == i + 1)
            {
                return false;
            }

            i = fraction;
        }

        if (i < s.Length && s[i] is 'e' or 'E')
        {
            var start = i + 1 < s.Length && s[i + 1] is '+' or '-' ? i + 2 : i + 1;
            i = Digits(s, start);
            if (i == start)
            {
                return false;
            }
        }

        return i == s.Length;

        static int Digits(string s, int i)
        {
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            return i;
        }
    }
}
