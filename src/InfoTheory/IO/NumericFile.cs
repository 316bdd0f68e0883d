using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace InfoTheory;

/// <summary>
/// Reads numeric data files into a <see cref="NumericArray"/>: comma-separated text (<c>.csv</c>) and NumPy arrays
/// (<c>.npy</c>). Axis 0 is the observations (one CSV row per observation).
/// </summary>
/// <remarks>
/// <para><b>CSV</b>: numbers separated by commas, one observation per row, '.' as the decimal point (invariant culture).
/// A first row whose cells are not all numbers is a header and is skipped; blank lines are ignored. The result has
/// shape (rows, columns).</para>
/// <para><b>NPY</b>: format versions 1.0, 2.0 and 3.0; C order; any rank ≥ 1; dtypes <c>f2/f4/f8</c>,
/// <c>i1/i2/i4/i8</c>, <c>u1/u2/u4/u8</c> and <c>b1</c>, little- or big-endian, all widened to <see cref="double"/>.</para>
/// <para>Missing values are refused: NaN and ±∞ (and empty CSV cells) throw, naming where they are. Every problem with
/// the content throws <see cref="ArgumentException"/> whose message names the file, the place (line and column, or
/// header field), the offending value and the fix.</para>
/// </remarks>
public static class NumericFile
{
    private const int ChunkBytes = 1 << 20;
    private static readonly byte[] NpyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a <c>.csv</c> or <c>.npy</c> file, chosen by its extension (case-insensitive).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException">Unknown extension, or unusable content (the message says where and why).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NumericArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csv" or ".npy"))
        {
            throw new ArgumentException(
                $"{path} has the extension '{extension}', which is not a known data format; give a .csv (comma-separated numbers) or a .npy (numpy.save) file.",
                nameof(path));
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist; check the path.", path);
        }

        if (extension == ".csv")
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return ReadCsv(reader, path);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return ReadNpy(stream, path);
    }

    /// <summary>Reads comma-separated numbers: one observation per row, an optional header row.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the text in error messages (the path); default "CSV input".</param>
    /// <returns>An array of shape (rows, columns).</returns>
    /// <exception cref="ArgumentException">Empty input, only a header, ragged rows, a non-numeric or non-finite cell.</exception>
    public static NumericArray ReadCsv(TextReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        string name = source ?? "CSV input";
        var values = new List<double>();
        int columns = -1, firstDataLine = 0, headerLine = 0, headerColumns = 0, rows = 0, lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            // ReadLine splits on \n, \r\n and \r, so Windows and old Mac line ends both work.
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] cells = line.Split(',');
            if (columns < 0 && headerLine == 0 && !Array.TrueForAll(cells, c => TryParseCell(c, out _)))
            {
                headerLine = lineNumber;
                headerColumns = cells.Length;
                continue;
            }

            if (columns < 0)
            {
                columns = cells.Length;
                firstDataLine = lineNumber;
                if (headerLine != 0 && headerColumns != columns)
                {
                    throw new ArgumentException(
                        $"{name} line {headerLine} (the header) has {headerColumns} names but line {lineNumber} has {columns} values; the header needs one name per column.",
                        nameof(reader));
                }
            }
            else if (cells.Length != columns)
            {
                throw new ArgumentException(
                    $"{name} line {lineNumber} has {Values(cells.Length)} but line {firstDataLine} has {columns}; every row must have the same number of columns.",
                    nameof(reader));
            }

            for (int k = 0; k < cells.Length; k++)
            {
                values.Add(ParseCell(cells[k], name, lineNumber, k + 1));
            }

            rows++;
            if ((long)rows * columns > Array.MaxLength)
            {
                throw new ArgumentException($"{name} has more than {Array.MaxLength} values; split it or save it as .npy.", nameof(reader));
            }
        }

        if (rows == 0)
        {
            throw new ArgumentException(
                headerLine == 0
                    ? $"{name} is empty; give one row of comma-separated numbers per observation."
                    : $"{name} has only a header (line {headerLine}) and no data rows; give one row of comma-separated numbers per observation.",
                nameof(reader));
        }

        return new NumericArray(values.ToArray(), [rows, columns], source);
    }

    /// <summary>Reads a NumPy <c>.npy</c> array (format 1.0, 2.0 or 3.0, C order, numeric dtype).</summary>
    /// <param name="stream">The bytes, read from the current position to the end.</param>
    /// <param name="source">A name for the stream in error messages (the path); default "NPY input".</param>
    /// <returns>The array with the file's shape, widened to <see cref="double"/>.</returns>
    /// <exception cref="ArgumentException">Not a .npy file, truncated, unsupported version/dtype, Fortran order, a
    /// malformed header, or a NaN/∞ value.</exception>
    public static NumericArray ReadNpy(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string name = source ?? "NPY input";
        var preamble = new byte[8];
        int got = stream.ReadAtLeast(preamble, preamble.Length, throwOnEndOfStream: false);
        if (got == 0)
        {
            throw Bad(name, "is empty; save the array with numpy.save.");
        }

        if (!preamble.AsSpan(0, Math.Min(got, 6)).SequenceEqual(NpyMagic.AsSpan(0, Math.Min(got, 6))))
        {
            throw Bad(name, "is not a NumPy .npy file (it does not start with \\x93NUMPY); save the array with numpy.save, or give a .csv file.");
        }

        if (got < preamble.Length)
        {
            throw Bad(name, $"is truncated: it ends after {got} bytes, inside the .npy preamble.");
        }

        int major = preamble[6], minor = preamble[7];
        int lengthBytes = major switch
        {
            1 => 2,
            2 or 3 => 4,
            _ => throw Bad(name, $"uses .npy format version {major}.{minor}; versions 1.0, 2.0 and 3.0 are supported. Re-save it with numpy.save."),
        };
        var lengthField = new byte[lengthBytes];
        if (stream.ReadAtLeast(lengthField, lengthBytes, throwOnEndOfStream: false) < lengthBytes)
        {
            throw Bad(name, "is truncated: it ends inside the .npy header length.");
        }

        long headerLength = lengthBytes == 2 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthField) : BinaryPrimitives.ReadUInt32LittleEndian(lengthField);
        if (headerLength > 1 << 20)
        {
            throw Bad(name, $"declares a {headerLength}-byte header, which no numpy.save writes; the file is corrupt.");
        }

        var headerBytes = new byte[headerLength];
        int headerGot = stream.ReadAtLeast(headerBytes, headerBytes.Length, throwOnEndOfStream: false);
        if (headerGot < headerBytes.Length)
        {
            throw Bad(name, $"is truncated: the header should have {headerLength} bytes but the file ends after {headerGot}.");
        }

        // Versions 1.0 and 2.0 store the header in latin-1, 3.0 in UTF-8.
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var (dtype, shape) = ParseHeader(header, name);
        long count = 1;
        foreach (int size in shape)
        {
            count *= size;
        }

        if (count > Array.MaxLength)
        {
            throw Bad(name, $"has shape {NumericArray.FormatShape(shape)}: {count} values, more than one array can hold.");
        }

        var values = new double[count];
        long expectedBytes = count * dtype.Size;
        var chunk = new byte[(int)Math.Min(ChunkBytes / dtype.Size * dtype.Size, Math.Max(expectedBytes, dtype.Size))];
        long done = 0;
        while (done < count)
        {
            int want = (int)Math.Min(chunk.Length / dtype.Size, count - done);
            int bytes = stream.ReadAtLeast(chunk.AsSpan(0, want * dtype.Size), want * dtype.Size, throwOnEndOfStream: false);
            if (bytes < want * dtype.Size)
            {
                long have = done * dtype.Size + bytes;
                throw Bad(name, $"is truncated: shape {NumericArray.FormatShape(shape)} of '{dtype.Descr}' needs {expectedBytes} data bytes but the file has {have}.");
            }

            Convert(chunk.AsSpan(0, bytes), values.AsSpan((int)done, want), dtype);
            done += want;
        }

        if (stream.ReadByte() != -1)
        {
            throw Bad(name, $"has bytes after the {expectedBytes} data bytes that shape {NumericArray.FormatShape(shape)} of '{dtype.Descr}' needs; the header does not describe the file (is it several arrays, e.g. an .npz?).");
        }

        int bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw Bad(name, $"element {IndexText(bad, shape)} is {ValueText(values[bad])}; remove or impute it before estimating.");
        }

        return new NumericArray(values, shape, source);
    }

    private static double ParseCell(string cell, string name, int line, int column)
    {
        if (TryParseCell(cell, out double value))
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException(
                    $"{name} line {line}, column {column} is {ValueText(value)}; remove or impute it before estimating.", "reader");
            }

            return value;
        }

        string trimmed = cell.Trim();
        if (trimmed.Length == 0)
        {
            throw new ArgumentException(
                $"{name} line {line}, column {column} is empty (a missing value); remove or impute it before estimating.", "reader");
        }

        string hint = trimmed.IndexOfAny([';', '\t']) >= 0 || trimmed.Trim().Contains(' ', StringComparison.Ordinal)
            ? "values must be separated by commas"
            : "every cell must be a plain number with '.' as the decimal point, e.g. -1.5e-3";
        throw new ArgumentException($"{name} line {line}, column {column} is '{Shorten(trimmed)}', not a number; {hint}.", "reader");
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

    private static (NpyType Dtype, int[] Shape) ParseHeader(string header, string name)
    {
        object? parsed;
        try
        {
            var parser = new PyLiteralParser(header);
            parsed = parser.ParseValue();
            parser.ExpectEnd();
        }
        catch (FormatException e)
        {
            throw Bad(name, $"has a malformed header ({e.Message}): {Shorten(header.Trim())}");
        }

        if (parsed is not Dictionary<string, object?> dict)
        {
            throw Bad(name, $"has a header that is not a dictionary: {Shorten(header.Trim())}");
        }

        if (!dict.TryGetValue("descr", out object? descr) || !dict.TryGetValue("fortran_order", out object? fortran) || !dict.TryGetValue("shape", out object? shapeValue))
        {
            throw Bad(name, $"has a header without the fields 'descr', 'fortran_order' and 'shape': {Shorten(header.Trim())}");
        }

        if (descr is not string descrText)
        {
            throw Bad(name, "has a structured dtype (header field 'descr' is a list of fields); save a plain numeric array, e.g. numpy.save(path, a.astype('f8')).");
        }

        var dtype = NpyType.Parse(descrText)
            ?? throw Bad(name, $"has dtype '{descrText}' (header field 'descr'), which is not supported; supported: f2, f4, f8, i1–i8, u1–u8, b1. Convert it, e.g. numpy.save(path, a.astype('<f8')).");
        if (fortran is not bool fortranOrder)
        {
            throw Bad(name, $"has header field 'fortran_order' = {Shorten(Convert(fortran))}, which is not True or False.");
        }

        if (shapeValue is not List<object?> axes || !axes.TrueForAll(a => a is long))
        {
            throw Bad(name, $"has header field 'shape' = {Shorten(Convert(shapeValue))}, which is not a tuple of integers.");
        }

        if (axes.Count == 0)
        {
            throw Bad(name, "holds a single scalar (header field 'shape' is ()); save an array with at least one axis (axis 0 = observations).");
        }

        if (fortranOrder && axes.Count > 1)
        {
            throw Bad(name, "is stored in Fortran order (header field 'fortran_order' is True); save it in C order, e.g. numpy.save(path, numpy.ascontiguousarray(a)).");
        }

        var shape = new int[axes.Count];
        for (int i = 0; i < shape.Length; i++)
        {
            long size = (long)axes[i]!;
            if (size < 1 || size > int.MaxValue)
            {
                throw Bad(name, $"has header field 'shape' = ({string.Join(", ", axes)}); axis {i} has size {size}, and every axis needs between 1 and {int.MaxValue} elements.");
            }

            shape[i] = (int)size;
        }

        return (dtype, shape);

        static string Convert(object? value) => value switch
        {
            null => "None",
            List<object?> list => "(" + string.Join(", ", list.Select(Convert)) + ")",
            _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
        };
    }

    private static void Convert(ReadOnlySpan<byte> source, Span<double> destination, NpyType dtype)
    {
        int size = dtype.Size;
        bool big = dtype.BigEndian;
        for (int i = 0; i < destination.Length; i++)
        {
            var b = source.Slice(i * size, size);
            destination[i] = (dtype.Kind, size) switch
            {
                ('f', 8) => big ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
                ('f', 4) => big ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
                ('f', 2) => (double)(big ? BinaryPrimitives.ReadHalfBigEndian(b) : BinaryPrimitives.ReadHalfLittleEndian(b)),
                ('i', 1) => (sbyte)b[0],
                ('i', 2) => big ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
                ('i', 4) => big ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
                ('i', 8) => big ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
                ('u', 1) or ('b', 1) => b[0],
                ('u', 2) => big ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
                ('u', 4) => big ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
                ('u', 8) => big ? BinaryPrimitives.ReadUInt64BigEndian(b) : BinaryPrimitives.ReadUInt64LittleEndian(b),
                _ => throw new InvalidOperationException($"Internal error: no converter for '{dtype.Descr}'."),
            };
        }
    }

    private static string IndexText(long flat, int[] shape)
    {
        var index = new long[shape.Length];
        for (int axis = shape.Length - 1; axis >= 0; axis--)
        {
            index[axis] = flat % shape[axis];
            flat /= shape[axis];
        }

        return $"[{string.Join(", ", index)}] (observation {index[0]})";
    }

    private static string ValueText(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Infinity" : "-Infinity";

    private static string Values(int count) => count == 1 ? "1 value" : $"{count} values";

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    private static ArgumentException Bad(string name, string problem) => new($"{name} {problem}", "stream");

    /// <summary>A supported NumPy dtype: kind ('f', 'i', 'u', 'b'), item size and byte order.</summary>
    private sealed record NpyType(string Descr, char Kind, int Size, bool BigEndian)
    {
        public static NpyType? Parse(string descr)
        {
            if (descr.Length < 3)
            {
                return null;
            }

            char order = descr[0], kind = descr[1];
            if (order is not ('<' or '>' or '|' or '=') || !int.TryParse(descr.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out int size))
            {
                return null;
            }

            bool supported = kind switch
            {
                'f' => size is 2 or 4 or 8,
                'i' or 'u' => size is 1 or 2 or 4 or 8,
                'b' => size == 1,
                _ => false,
            };
            // '=' is the writer's native order; '|' means byte order does not apply (one-byte types).
            bool big = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
            return supported ? new NpyType(descr, kind, size, big) : null;
        }
    }

    /// <summary>
    /// A parser for the Python literal in a .npy header: dicts, tuples, lists, strings, integers, True/False/None.
    /// </summary>
    private sealed class PyLiteralParser(string text)
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
}
