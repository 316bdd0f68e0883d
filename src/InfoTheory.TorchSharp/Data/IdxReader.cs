using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The pixels of an IDX image file (magic <c>0x00000803</c>): <see cref="Count"/> images of
/// <see cref="Rows"/> × <see cref="Columns"/> unsigned bytes, row-major, image after image.
/// </summary>
/// <param name="Count">Number of images.</param>
/// <param name="Rows">Rows per image.</param>
/// <param name="Columns">Columns per image.</param>
/// <param name="Pixels">The raw grey levels, length <c>Count × Rows × Columns</c>.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
#pragma warning disable IDE0051 // Replaces the record's synthesized PrintMembers, which its ToString calls (IDE0051 does not see that use).
    /// <summary>Prints the sizes and the number of pixels (not the pixels themselves).</summary>
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Count = {Count}, Rows = {Rows}, Columns = {Columns}, Pixels = byte[{Pixels.Length}]");
        return true;
    }
#pragma warning restore IDE0051
}

/// <summary>
/// Reads files in the IDX format used by MNIST, Fashion-MNIST and EMNIST (LeCun et al.):
/// a 4-byte magic number <c>0x00 0x00 type ndim</c> (type <c>0x08</c> = unsigned byte), then <c>ndim</c>
/// big-endian 32-bit dimension sizes, then the data. Image files have magic <c>0x00000803</c>
/// (N × rows × cols), label files <c>0x00000801</c> (N).
/// </summary>
/// <remarks>
/// Gzip-compressed files are recognised by their content (the gzip magic <c>1f 8b</c>), not by the file
/// extension, so <c>.gz</c> and plain files can be named either way. Bad input raises
/// <see cref="IdxFormatException"/> (an <see cref="ArgumentException"/>) naming the file and the problem:
/// empty file, wrong magic number, truncated data, trailing bytes, corrupt gzip data, or (in
/// <see cref="ReadDataset(string, string)"/>) different image and label counts.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images (N × rows × cols).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels (N).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an IDX image file (gzip-compressed or plain).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The images.</returns>
    /// <exception cref="IdxFormatException">The file is not a valid IDX image file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static IdxImages ReadImages(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ParseImages(ReadAllBytes(path), path, nameof(path));
    }

    /// <summary>Reads an IDX image file from a stream (gzip-compressed or plain); the stream is read to its end and not closed.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="sourceName">A name for the data used in error messages (e.g. the file name).</param>
    /// <returns>The images.</returns>
    /// <exception cref="IdxFormatException">The data is not a valid IDX image file.</exception>
    public static IdxImages ReadImages(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseImages(ReadAllBytes(stream), sourceName, nameof(stream));
    }

    /// <summary>Reads an IDX label file (gzip-compressed or plain).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The labels, one byte each.</returns>
    /// <exception cref="IdxFormatException">The file is not a valid IDX label file.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static byte[] ReadLabels(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ParseLabels(ReadAllBytes(path), path, nameof(path));
    }

    /// <summary>Reads an IDX label file from a stream (gzip-compressed or plain); the stream is read to its end and not closed.</summary>
    /// <param name="stream">The data.</param>
    /// <param name="sourceName">A name for the data used in error messages (e.g. the file name).</param>
    /// <returns>The labels, one byte each.</returns>
    /// <exception cref="IdxFormatException">The data is not a valid IDX label file.</exception>
    public static byte[] ReadLabels(Stream stream, string sourceName = "<stream>")
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ParseLabels(ReadAllBytes(stream), sourceName, nameof(stream));
    }

    /// <summary>Reads an image file and its label file into an <see cref="ImageDataset"/> (pixels scaled to [0, 1]).</summary>
    /// <param name="imagesPath">The IDX image file.</param>
    /// <param name="labelsPath">The IDX label file.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="IdxFormatException">Either file is invalid, or their counts differ.</exception>
    public static ImageDataset ReadDataset(string imagesPath, string labelsPath)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        return Combine(images, labels, imagesPath, labelsPath);
    }

    /// <summary>Reads an image stream and its label stream into an <see cref="ImageDataset"/> (pixels scaled to [0, 1]).</summary>
    /// <param name="images">The IDX image data.</param>
    /// <param name="labels">The IDX label data.</param>
    /// <param name="imagesName">A name for the image data used in error messages.</param>
    /// <param name="labelsName">A name for the label data used in error messages.</param>
    /// <returns>The data set.</returns>
    /// <exception cref="IdxFormatException">Either stream is invalid, or their counts differ.</exception>
    public static ImageDataset ReadDataset(Stream images, Stream labels, string imagesName = "<images stream>", string labelsName = "<labels stream>")
    {
        var im = ReadImages(images, imagesName);
        var lb = ReadLabels(labels, labelsName);
        return Combine(im, lb, imagesName, labelsName);
    }

    internal static ImageDataset Combine(IdxImages images, byte[] labels, string imagesName, string labelsName)
    {
        if (images.Count != labels.Length)
        {
            throw new IdxFormatException(
                $"Count mismatch: the image file '{imagesName}' holds {images.Count} images but the label file '{labelsName}' holds {labels.Length} labels.",
                labelsName,
                nameof(labels));
        }

        return ImageDataset.FromBytes(images.Pixels, labels, images.Rows, images.Columns);
    }

    private static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file '{path}' does not exist.", path);
        }

        return File.ReadAllBytes(path);
    }

    private static byte[] ReadAllBytes(Stream stream)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }

    private static byte[] Decompress(byte[] raw, string name, string paramName)
    {
        if (raw.Length >= 2 && raw[0] == 0x1f && raw[1] == 0x8b)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(raw, writable: false), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                return ms.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new IdxFormatException($"IDX file '{name}' starts with the gzip magic (1f 8b) but is not valid gzip data (corrupt or truncated): {e.Message}", name, paramName, e);
            }
        }

        return raw;
    }

    private static ReadOnlySpan<byte> Header(byte[] raw, string name, string paramName, int expectedMagic, string kind, out int[] dims)
    {
        if (raw.Length == 0)
        {
            throw new IdxFormatException($"IDX file '{name}' is empty.", name, paramName);
        }

        var data = Decompress(raw, name, paramName);
        if (data.Length == 0)
        {
            throw new IdxFormatException($"IDX file '{name}' is empty after gzip decompression.", name, paramName);
        }

        if (data.Length < 4)
        {
            throw new IdxFormatException($"IDX file '{name}' is truncated: {data.Length} bytes, shorter than the 4-byte magic number.", name, paramName);
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != expectedMagic)
        {
            throw new IdxFormatException(
                $"IDX file '{name}' has magic number 0x{magic:X8}, expected 0x{expectedMagic:X8} ({kind}; 0x{ImagesMagic:X8} = unsigned-byte images, 0x{LabelsMagic:X8} = unsigned-byte labels).",
                name,
                paramName);
        }

        int ndim = expectedMagic & 0xFF;
        int headerLength = 4 + (4 * ndim);
        if (data.Length < headerLength)
        {
            throw new IdxFormatException($"IDX file '{name}' is truncated: {data.Length} bytes, shorter than its {headerLength}-byte header.", name, paramName);
        }

        dims = new int[ndim];
        long expected = 1;
        for (int i = 0; i < ndim; i++)
        {
            int d = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4 + (4 * i)));
            if (d < 0)
            {
                throw new IdxFormatException($"IDX file '{name}' has a negative dimension {d} (dimension {i}).", name, paramName);
            }

            dims[i] = d;
            expected *= d;
        }

        long actual = data.Length - headerLength;
        if (actual < expected)
        {
            throw new IdxFormatException(
                $"IDX file '{name}' is truncated: its header declares {string.Join(" × ", dims)} = {expected} bytes of data but only {actual} follow.",
                name,
                paramName);
        }

        if (actual > expected)
        {
            throw new IdxFormatException(
                $"IDX file '{name}' has {actual - expected} unexpected trailing bytes after the {string.Join(" × ", dims)} = {expected} bytes its header declares.",
                name,
                paramName);
        }

        return data.AsSpan(headerLength);
    }

    private static IdxImages ParseImages(byte[] raw, string name, string paramName)
    {
        var body = Header(raw, name, paramName, ImagesMagic, "an image file", out var dims);
        return new IdxImages(dims[0], dims[1], dims[2], body.ToArray());
    }

    private static byte[] ParseLabels(byte[] raw, string name, string paramName)
    {
        var body = Header(raw, name, paramName, LabelsMagic, "a label file", out _);
        return body.ToArray();
    }
}
