using System.Buffers.Binary;
using System.Text;

namespace InfoTheory.Tests.IO;

/// <summary>Writes .npy files byte by byte, the way numpy.save lays them out, so the reader is tested against the format itself.</summary>
internal static class NpyBuilder
{
    /// <summary>A complete .npy file: magic, version, header length, header dict padded to a 64-byte multiple, data.</summary>
    public static byte[] Build(string descr, int[] shape, ReadOnlySpan<byte> data, bool fortranOrder = false, int major = 1, string? header = null)
    {
        string shapeText = shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";
        header ??= $"{{'descr': '{descr}', 'fortran_order': {(fortranOrder ? "True" : "False")}, 'shape': {shapeText}, }}";
        int lengthBytes = major == 1 ? 2 : 4;
        int prefix = 6 + 2 + lengthBytes;
        int total = prefix + header.Length + 1;
        int padded = (total + 63) / 64 * 64;
        header = header + new string(' ', padded - total) + "\n";
        var bytes = new List<byte>(padded + data.Length);
        bytes.AddRange([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        var length = new byte[lengthBytes];
        if (major == 1)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)header.Length);
        }

        bytes.AddRange(length);
        bytes.AddRange(Encoding.Latin1.GetBytes(header));
        bytes.AddRange(data.ToArray());
        return [.. bytes];
    }

    /// <summary>'&lt;f8' data.</summary>
    public static byte[] Float64(IEnumerable<double> values) =>
        values.SelectMany(v => { var b = new byte[8]; BinaryPrimitives.WriteDoubleLittleEndian(b, v); return b; }).ToArray();

    /// <summary>'&lt;f4' data.</summary>
    public static byte[] Float32(IEnumerable<float> values) =>
        values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteSingleLittleEndian(b, v); return b; }).ToArray();

    /// <summary>'&lt;i4' data.</summary>
    public static byte[] Int32(IEnumerable<int> values) =>
        values.SelectMany(v => { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); return b; }).ToArray();

    /// <summary>'&lt;i8' data.</summary>
    public static byte[] Int64(IEnumerable<long> values) =>
        values.SelectMany(v => { var b = new byte[8]; BinaryPrimitives.WriteInt64LittleEndian(b, v); return b; }).ToArray();

    /// <summary>A '&lt;f8' file of the given shape.</summary>
    public static byte[] Doubles(double[] values, params int[] shape) => Build("<f8", shape, Float64(values));
}
