using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace InfoTheory;

/// <summary>
/// The NumPy <c>.npy</c> format (versions 1.0, 2.0, 3.0): the magic <c>\x93NUMPY</c>, the version, the header length,
/// a Python-literal header <c>{'descr': …, 'fortran_order': …, 'shape': …}</c>, then the data in C order.
/// </summary>
internal static class NpyFormat
{
    private const int ChunkBytes = 1 << 20;
    private static readonly byte[] NpyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads one array; see <see cref="NumericFile.ReadNpy"/>.</summary>
    public static NumericArray Read(Stream stream, string name, string? source, long maxBytes = long.MaxValue)
    {
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
        long count = NumericArray.ElementCount(shape)
            ?? throw Bad(name, $"has shape {NumericArray.FormatShape(shape)}: more than {Array.MaxLength} values, more than one array can hold; save fewer observations per file.");
        if (count * sizeof(double) > maxBytes)
        {
            throw NumericFile.OverBudget(name, $"has shape {NumericArray.FormatShape(shape)}: {count} values", maxBytes, "stream");
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
            throw Bad(name, $"element {IndexText(bad, shape)} is {NumericFile.ValueText(values[bad])}; remove or impute it before estimating.");
        }

        return new NumericArray(values, shape, source);
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
            throw Bad(name, $"has a malformed header ({e.Message}): {NumericFile.Shorten(header.Trim())}");
        }

        if (parsed is not Dictionary<string, object?> dict)
        {
            throw Bad(name, $"has a header that is not a dictionary: {NumericFile.Shorten(header.Trim())}");
        }

        if (!dict.TryGetValue("descr", out object? descr) || !dict.TryGetValue("fortran_order", out object? fortran) || !dict.TryGetValue("shape", out object? shapeValue))
        {
            throw Bad(name, $"has a header without the fields 'descr', 'fortran_order' and 'shape': {NumericFile.Shorten(header.Trim())}");
        }

        if (descr is not string descrText)
        {
            throw Bad(name, "has a structured dtype (header field 'descr' is a list of fields); save a plain numeric array, e.g. numpy.save(path, a.astype('f8')).");
        }

        var dtype = NpyType.Parse(descrText)
            ?? throw Bad(name, $"has dtype '{descrText}' (header field 'descr'), which is not supported; supported: f2, f4, f8, i1–i8, u1–u8, b1. Convert it, e.g. numpy.save(path, a.astype('<f8')).");
        if (fortran is not bool fortranOrder)
        {
            throw Bad(name, $"has header field 'fortran_order' = {NumericFile.Shorten(Convert(fortran))}, which is not True or False.");
        }

        if (shapeValue is not List<object?> axes || !axes.TrueForAll(a => a is long))
        {
            throw Bad(name, $"has header field 'shape' = {NumericFile.Shorten(Convert(shapeValue))}, which is not a tuple of integers.");
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
}
