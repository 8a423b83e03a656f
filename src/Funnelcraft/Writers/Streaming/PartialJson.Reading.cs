namespace Funnelcraft.Writers.Streaming;

/// <summary>The reader's state machine: one character at a time, JSON's grammar, building the tree as values begin.</summary>
public sealed partial class PartialJson
{
    private void Read(char c)
    {
        switch (_state)
        {
            case State.Start when JsonGrammar.IsSpace(c):
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
            case State.Value or State.ArrayFirst or State.Key or State.Colon or State.After when JsonGrammar.IsSpace(c):
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
        if (raw is not ("true" or "false" or "null") && !JsonGrammar.IsNumber(raw))
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
}
