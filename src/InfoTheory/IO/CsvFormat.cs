using System.Globalization;
using System.Text;

namespace InfoTheory;

/// <summary>
/// Comma-separated numbers, one observation per row, '.' as the decimal point. The first non-blank row is a header
/// only when none of its cells is a number; a row that mixes numbers with anything else is an error, never a guess.
/// </summary>
internal static class CsvFormat
{
    /// <summary>The longest line read, in characters; a longer one is refused (a file without line ends, or not text).</summary>
    public const int MaxLineLength = 1 << 24;

    /// <summary>Reads the rows; see <see cref="NumericFile.ReadCsv"/>.</summary>
    public static NumericArray Read(TextReader reader, string name, string? source, long maxBytes = long.MaxValue)
    {
        var values = new List<double>();
        var lines = new LineReader(reader, name);
        int columns = -1, firstDataLine = 0, headerLine = 0, headerColumns = 0, rows = 0;
        string? line;
        while ((line = lines.Next()) is not null)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (columns < 0 && headerLine == 0 && !Array.Exists(cells, c => TryParseCell(c, out _)))
            {
                // A header holds names only. A row with both numbers and other cells ("1,abc", "1,,3") is a data row
                // with a bad cell, reported below by ParseCell: it is never skipped as a header.
                headerLine = lines.Number;
                headerColumns = cells.Length;
                continue;
            }

            if (columns < 0)
            {
                columns = cells.Length;
                firstDataLine = lines.Number;
                if (headerLine != 0 && headerColumns != columns)
                {
                    throw Bad(name, $"line {headerLine} (the header) has {headerColumns} names but line {lines.Number} has {columns} values; the header needs one name per column.");
                }
            }
            else if (cells.Length != columns)
            {
                throw Bad(name, $"line {lines.Number} has {Values(cells.Length)} but line {firstDataLine} has {columns}; every row must have the same number of columns.");
            }

            for (int k = 0; k < cells.Length; k++)
            {
                values.Add(ParseCell(cells[k], name, lines.Number, k + 1));
            }

            rows++;
            if ((long)values.Count * sizeof(double) > maxBytes)
            {
                throw NumericFile.OverBudget(name, $"has more than {values.Count} values by line {lines.Number}", maxBytes, "reader");
            }

            if ((long)rows * columns > Array.MaxLength)
            {
                throw Bad(name, $"has more than {Array.MaxLength} values, more than one array can hold; split it or save it as .npy.");
            }
        }

        if (rows == 0)
        {
            throw Bad(name, headerLine == 0
                ? "is empty; give one row of comma-separated numbers per observation."
                : $"has only a header (line {headerLine}) and no data rows; give one row of comma-separated numbers per observation.");
        }

        return new NumericArray(values.ToArray(), [rows, columns], source);
    }

    private static double ParseCell(string cell, string name, int line, int column)
    {
        if (TryParseCell(cell, out double value))
        {
            if (!double.IsFinite(value))
            {
                throw Bad(name, $"line {line}, column {column} is {NumericFile.ValueText(value)}; remove or impute it before estimating.");
            }

            return value;
        }

        string trimmed = cell.Trim();
        if (trimmed.Length == 0)
        {
            throw Bad(name, $"line {line}, column {column} is empty (a missing value); remove or impute it before estimating.");
        }

        string hint = trimmed.IndexOfAny([';', '\t']) >= 0 || trimmed.Contains(' ', StringComparison.Ordinal)
            ? "values must be separated by commas"
            : line == 1
                ? "a header row holds only names and a data row only numbers; fix the cell, or the header's numeric names"
                : "every cell must be a plain number with '.' as the decimal point, e.g. -1.5e-3";
        throw Bad(name, $"line {line}, column {column} is '{NumericFile.Shorten(trimmed)}', not a number; {hint}.");
    }

    /// <summary>A number, or a NaN/infinity spelled the way NumPy, pandas or .NET write it.</summary>
    private static bool TryParseCell(string cell, out double value)
    {
        var text = cell.AsSpan().Trim();
        if (text.Length == 0)
        {
            value = 0;
            return false;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        // double.TryParse knows "NaN" and "Infinity"; NumPy writes "nan" and "inf".
        var unsigned = text[0] is '+' or '-' ? text[1..] : text;
        if (unsigned.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = text[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }

    private static string Values(int count) => count == 1 ? "1 value" : $"{count} values";

    private static ArgumentException Bad(string name, string problem) => new($"{name} {problem}", "reader");

    /// <summary>
    /// Lines ending in \n, \r\n or \r, at most <see cref="MaxLineLength"/> characters each and free of NUL characters:
    /// a binary file or a stream without line ends is refused at once instead of being read into one huge string.
    /// </summary>
    private sealed class LineReader(TextReader reader, string name)
    {
        private readonly char[] _buffer = new char[1 << 16];
        private readonly StringBuilder _line = new();
        private int _at;
        private int _length;

        /// <summary>The 1-based number of the line last returned.</summary>
        public int Number { get; private set; }

        public string? Next()
        {
            _line.Clear();
            while (true)
            {
                if (_at == _length)
                {
                    _length = reader.Read(_buffer, 0, _buffer.Length);
                    _at = 0;
                    if (_length == 0)
                    {
                        return _line.Length == 0 ? null : Finish();
                    }
                }

                var span = _buffer.AsSpan(_at, _length - _at);
                int end = span.IndexOfAny('\n', '\r', '\0');
                if (end < 0)
                {
                    Append(span);
                    _at = _length;
                    continue;
                }

                Append(span[..end]);
                _at += end + 1;
                switch (span[end])
                {
                    case '\0':
                        throw Bad(name, $"line {Number + 1} contains a NUL character: it is not a text file. Give a .csv of comma-separated numbers, or a .npy file.");
                    case '\r':
                        // \r\n is one line end; the \n may be the first character of the next buffer.
                        if (_at == _length)
                        {
                            _length = reader.Read(_buffer, 0, _buffer.Length);
                            _at = 0;
                        }

                        if (_at < _length && _buffer[_at] == '\n')
                        {
                            _at++;
                        }

                        break;
                }

                return Finish();
            }
        }

        private string Finish()
        {
            Number++;
            return _line.ToString();
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (_line.Length + text.Length > MaxLineLength)
            {
                throw Bad(name, $"line {Number + 1} is longer than {MaxLineLength} characters, the longest line read; a CSV row holds one observation (is the file missing its line ends, or not text?).");
            }

            _line.Append(text);
        }
    }
}
