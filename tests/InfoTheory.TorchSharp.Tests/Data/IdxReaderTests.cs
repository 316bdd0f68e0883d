using System.Buffers.Binary;
using System.IO.Compression;

namespace InfoTheory.TorchSharp.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("idx-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static byte[] Idx(int magic, int[] dims, byte[] data)
    {
        var bytes = new byte[4 + (4 * dims.Length) + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dims.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + (4 * i)), dims[i]);
        }

        data.CopyTo(bytes, 4 + (4 * dims.Length));
        return bytes;
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal, leaveOpen: true))
        {
            gz.Write(data);
        }

        return ms.ToArray();
    }

    // 3 images of 2 × 4 pixels and their labels.
    internal static readonly byte[] SamplePixels = Enumerable.Range(0, 24).Select(i => (byte)(i * 11)).ToArray();
    internal static readonly byte[] SampleLabels = { 7, 0, 9 };

    internal static byte[] SampleImagesFile => Idx(IdxReader.ImagesMagic, new[] { 3, 2, 4 }, SamplePixels);

    internal static byte[] SampleLabelsFile => Idx(IdxReader.LabelsMagic, new[] { 3 }, SampleLabels);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void GzipAndPlainSampleReadBackIdentically()
    {
        // Names deliberately do not match the content: detection is by the gzip magic.
        var plainImages = Write("images-plain.gz", SampleImagesFile);
        var gzImages = Write("images-gz.idx", Gzip(SampleImagesFile));
        var plainLabels = Write("labels-plain", SampleLabelsFile);
        var gzLabels = Write("labels-gz", Gzip(SampleLabelsFile));

        var a = IdxReader.ReadImages(plainImages);
        var b = IdxReader.ReadImages(gzImages);
        Assert.Equal((3, 2, 4), (a.Count, a.Rows, a.Columns));
        Assert.Equal((3, 2, 4), (b.Count, b.Rows, b.Columns));
        Assert.Equal(SamplePixels, a.Pixels);
        Assert.Equal(SamplePixels, b.Pixels);
        Assert.Equal(SampleLabels, IdxReader.ReadLabels(plainLabels));
        Assert.Equal(SampleLabels, IdxReader.ReadLabels(gzLabels));

        var d1 = IdxReader.ReadDataset(plainImages, plainLabels);
        var d2 = IdxReader.ReadDataset(gzImages, gzLabels);
        Assert.Equal(d1.Pixels, d2.Pixels);
        Assert.Equal(d1.Labels, d2.Labels);
        Assert.Equal(SamplePixels[5] / 255f, d1.Pixels[5]);
        Assert.Equal((3, 2, 4), (d1.Count, d1.Rows, d1.Columns));
    }

    [Fact]
    public void ReadsFromStreams()
    {
        using var images = new MemoryStream(Gzip(SampleImagesFile));
        using var labels = new MemoryStream(SampleLabelsFile);
        var d = IdxReader.ReadDataset(images, labels);
        Assert.Equal(3, d.Count);
        Assert.Equal(SampleLabels, d.Labels);
        Assert.Equal(SamplePixels.Select(p => p / 255f), d.Pixels);
    }

    [Fact]
    public void EmptyFileIsRejectedByName()
    {
        var path = Write("empty-images", Array.Empty<byte>());
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("empty", e.Message);
        Assert.Equal(path, e.FileName);
        Assert.IsAssignableFrom<ArgumentException>(e);
    }

    [Fact]
    public void WrongMagicIsRejected()
    {
        var path = Write("labels-as-images", SampleLabelsFile);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("magic", e.Message);
        Assert.Contains("0x00000801", e.Message);

        var e2 = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(Write("images-as-labels.gz", Gzip(SampleImagesFile))));
        Assert.Contains("magic", e2.Message);
    }

    [Theory]
    [InlineData(2)] // inside the magic
    [InlineData(9)] // inside the header
    [InlineData(20)] // inside the data
    public void TruncatedDataIsRejected(int keep)
    {
        var path = Write($"truncated-{keep}", SampleImagesFile[..keep]);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void TruncatedGzipIsRejected()
    {
        var gz = Gzip(SampleImagesFile);
        var path = Write("truncated.gz", gz[..(gz.Length / 2)]);
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void TrailingBytesAreRejected()
    {
        var path = Write("trailing", SampleLabelsFile.Append((byte)1).ToArray());
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(path));
        Assert.Contains("trailing", e.Message);
    }

    [Fact]
    public void CountMismatchNamesBothFiles()
    {
        var images = Write("images", SampleImagesFile);
        var labels = Write("labels", Idx(IdxReader.LabelsMagic, new[] { 2 }, new byte[] { 1, 2 }));
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadDataset(images, labels));
        Assert.Contains("mismatch", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(images, e.Message);
        Assert.Contains(labels, e.Message);
        Assert.Contains("3 images", e.Message);
        Assert.Contains("2 labels", e.Message);
    }

    [Fact]
    public void MissingFileIsFileNotFound()
    {
        var path = Path.Combine(_dir, "nope");
        var e = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void StreamErrorsUseTheSourceName()
    {
        using var s = new MemoryStream(new byte[] { 0, 0, 8, 3, 0 });
        var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(s, "my-images"));
        Assert.Contains("my-images", e.Message);
        Assert.Equal("stream", e.ParamName);
    }
}
