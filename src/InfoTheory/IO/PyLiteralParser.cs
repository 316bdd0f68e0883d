using System.Globalization;
using System.Text;

namespace InfoTheory;

/// <summary>
/// A parser for the Python literal in a .npy header: dicts, tuples, lists, strings, integers, True/False/None.
/// </summary>
internal sealed class PyLiteralParser(string text)
{
    private int _at;

    public object? ParseValue()
    {
        SkipSpace();
        if (_at >= text.Length)
        {
            throw new FormatException("it ends where a value should be");
        }

        char c = text[_at];
        switch (c)
        {
            case '{':
                return ParseDict();
            case '(':
                return ParseSequence(')');
            case '[':
                return ParseSequence(']');
            case '\'' or '"':
                return ParseString();
            default:
                if (char.IsDigit(c) || c is '-' or '+')
                {
                    return ParseInteger();
                }

                if (char.IsLetter(c))
                {
                    int start = _at;
                    while (_at < text.Length && char.IsLetterOrDigit(text[_at]))
                    {
                        _at++;
                    }

                    return text[start.._at] switch
                    {
                        "True" => true,
                        "False" => false,
                        "None" => null,
                        var word => throw new FormatException($"unexpected word '{word}'"),
                    };
                }

                throw new FormatException($"unexpected character '{c}' at position {_at}");
        }
    }

    public void ExpectEnd()
    {
        SkipSpace();
        if (_at < text.Length)
        {
            throw new FormatException($"unexpected text after the dictionary at position {_at}");
        }
    }

    private Dictionary<string, object?> ParseDict()
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        _at++;
        while (true)
        {
            SkipSpace();
            if (TryConsume('}'))
            {
                return result;
            }

            if (ParseValue() is not string key)
            {
                throw new FormatException("a dictionary key is not a string");
            }

            SkipSpace();
            if (!TryConsume(':'))
            {
                throw new FormatException($"expected ':' after key '{key}'");
            }

            result[key] = ParseValue();
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                if (!TryConsume('}'))
                {
                    throw new FormatException($"expected ',' or '}}' after the value of '{key}'");
                }

                return result;
            }
        }
    }

    private List<object?> ParseSequence(char close)
    {
        var result = new List<object?>();
        _at++;
        while (true)
        {
            SkipSpace();
            if (TryConsume(close))
            {
                return result;
            }

            result.Add(ParseValue());
            SkipSpace();
            if (!TryConsume(','))
            {
                SkipSpace();
                if (!TryConsume(close))
                {
                    throw new FormatException($"expected ',' or '{close}' at position {_at}");
                }

                return result;
            }
        }
    }

    private string ParseString()
    {
        char quote = text[_at++];
        var result = new StringBuilder();
        while (_at < text.Length && text[_at] != quote)
        {
            if (text[_at] == '\\' && _at + 1 < text.Length)
            {
                _at++;
            }

            result.Append(text[_at++]);
        }

        if (_at >= text.Length)
        {
            throw new FormatException("a string is not closed");
        }

        _at++;
        return result.ToString();
    }

    private long ParseInteger()
    {
        int start = _at;
        if (text[_at] is '-' or '+')
        {
            _at++;
        }

        while (_at < text.Length && char.IsDigit(text[_at]))
        {
            _at++;
        }

        if (!long.TryParse(text.AsSpan(start, _at - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            throw new FormatException($"'{text[start.._at]}' is not an integer");
        }

        // Python 2 wrote long integers with an L suffix, e.g. (3L, 4L).
        if (_at < text.Length && text[_at] is 'L' or 'l')
        {
            _at++;
        }

        return value;
    }

    private bool TryConsume(char c)
    {
        if (_at < text.Length && text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void SkipSpace()
    {
        while (_at < text.Length && char.IsWhiteSpace(text[_at]))
        {
            _at++;
        }
    }
}
