using System.Text;

namespace InfoTheory;

/// <summary>
/// Reads numeric data files into a <see cref="NumericArray"/>: comma-separated text (<c>.csv</c>) and NumPy arrays
/// (<c>.npy</c>). Axis 0 is the observations (one CSV row per observation).
/// </summary>
/// <remarks>
/// <para><b>CSV</b>: numbers separated by commas, one observation per row, '.' as the decimal point (invariant culture).
/// The first non-blank row is a header, and skipped, only when none of its cells is a number; a row mixing numbers with
/// names or empty cells is an error naming the line and column, never a header. Blank lines are ignored. Lines longer
/// than 16,777,216 characters and NUL characters are refused. The result has shape (rows, columns).</para>
/// <para><b>NPY</b>: format versions 1.0, 2.0 and 3.0; C order; any rank ≥ 1; dtypes <c>f2/f4/f8</c>,
/// <c>i1/i2/i4/i8</c>, <c>u1/u2/u4/u8</c> and <c>b1</c>, little- or big-endian, all widened to <see cref="double"/>.
/// The shape's product is checked without overflow.</para>
/// <para>Either format holds at most <see cref="Array.MaxLength"/> values. <see cref="Read"/> reads regular files only:
/// directories, devices, pipes and files that report no size yet yield data are refused.</para>
/// <para>Missing values are refused: NaN and ±∞ (and empty CSV cells) throw, naming where they are. Every problem with
/// the content throws <see cref="ArgumentException"/> whose message names the file, the place (line and column, or
/// header field), the offending value and the fix.</para>
/// </remarks>
public static class NumericFile
{
    /// <summary>Reads a <c>.csv</c> or <c>.npy</c> file, chosen by its extension (case-insensitive).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxBytes">The most memory the values may take as doubles (8 bytes each); a larger array is refused
    /// before it is read whole (an .npy from its header, a CSV as soon as it passes the limit).</param>
    /// <returns>The array.</returns>
    /// <exception cref="ArgumentException">A directory or not a regular file, an unknown extension, or unusable content
    /// (the message says where and why), or more values than <paramref name="maxBytes"/> allows.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static NumericArray Read(string path, long maxBytes = long.MaxValue)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"{path} is a directory; give a .csv or .npy file in it.", nameof(path));
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".csv" or ".npy"))
        {
            throw new ArgumentException(
                $"{path} has the extension '{extension}', which is not a known data format; give a .csv (comma-separated numbers) or a .npy (numpy.save) file.",
                nameof(path));
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path} does not exist; check the path.", path);
        }

        // The size of what the path finally names (a symbolic link reports its own, tiny, size).
        long length = (info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info).Length;
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = new RegularFileStream(file, length, path);
        if (extension == ".csv")
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return CsvFormat.Read(reader, path, path, maxBytes);
        }

        return NpyFormat.Read(stream, path, path, maxBytes);
    }

    /// <summary>Reads comma-separated numbers: one observation per row, an optional header row of names.</summary>
    /// <param name="reader">The text.</param>
    /// <param name="source">A name for the text in error messages (the path); default "CSV input".</param>
    /// <returns>An array of shape (rows, columns).</returns>
    /// <exception cref="ArgumentException">Empty input, only a header, ragged rows, a non-numeric, empty or non-finite
    /// cell, a first row mixing names and numbers, an over-long line or a NUL character.</exception>
    public static NumericArray ReadCsv(TextReader reader, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return CsvFormat.Read(reader, source ?? "CSV input", source);
    }

    /// <summary>Reads a NumPy <c>.npy</c> array (format 1.0, 2.0 or 3.0, C order, numeric dtype).</summary>
    /// <param name="stream">The bytes, read from the current position to the end.</param>
    /// <param name="source">A name for the stream in error messages (the path); default "NPY input".</param>
    /// <returns>The array with the file's shape, widened to <see cref="double"/>.</returns>
    /// <exception cref="ArgumentException">Not a .npy file, truncated, unsupported version/dtype, Fortran order, a
    /// malformed header, a shape of more than <see cref="Array.MaxLength"/> values, or a NaN/∞ value.</exception>
    public static NumericArray ReadNpy(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return NpyFormat.Read(stream, source ?? "NPY input", source);
    }

    internal static string ValueText(double value) =>
        double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "+Infinity" : "-Infinity";

    /// <summary>The refusal of an array over the caller's memory limit.</summary>
    internal static ArgumentException OverBudget(string name, string what, long maxBytes, string parameter) => new(
        $"{name} {what}, more than the memory allowed for it ({(maxBytes / (double)(1L << 20)).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} MiB " +
        "as doubles); read a part of it, or raise the budget (--max-memory in the CLI).", parameter);

    internal static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";

    /// <summary>
    /// A file read as far as the size it reports and no further. A device, a pipe or a /proc entry reports size 0 yet
    /// yields bytes (/dev/zero without end): such a file is refused at its first byte instead of being read forever.
    /// </summary>
    private sealed class RegularFileStream(Stream inner, long length, string path) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.Length == 0)
            {
                return 0;
            }

            if (_position >= length)
            {
                // At the reported end a regular file has nothing more; anything else is not a regular file (or grew).
                Span<byte> probe = stackalloc byte[1];
                if (inner.Read(probe) > 0)
                {
                    throw new ArgumentException(length == 0
                        ? $"{path} reports no size but yields data: it is not a regular file (a device, a pipe or a /proc entry). Save the data into a .csv or .npy file first."
                        : $"{path} grew while it was read (beyond its {length} bytes); read it once it is complete.", "path");
                }

                return 0;
            }

            int got = inner.Read(buffer[..(int)Math.Min(buffer.Length, length - _position)]);
            _position += got;
            return got;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
