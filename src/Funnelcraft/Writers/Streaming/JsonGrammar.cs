namespace Funnelcraft.Writers.Streaming;

/// <summary>The pieces of JSON's grammar the partial reader checks by hand.</summary>
internal static class JsonGrammar
{
    public static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r';

    /// <summary>JSON's number grammar: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?</summary>
    public static bool IsNumber(string s)
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
