using System.Security.Cryptography;

namespace InfoTheory.TorchSharp.Tests.Data;

public sealed class MnistDataTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mnist-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(MnistData.EmbeddedImagesResource, "d0b80e787e2977bd1a50467b96c64eac9bcf700416b23bccc381116e3fb83299")]
    [InlineData(MnistData.EmbeddedLabelsResource, "212d677ffa7e5b40ed6b44cbd53aaed5023859a5b174c0d7e80cbdea29686f4d")]
    public void EmbeddedFilesMatchTheReadmeSha256(string resource, string sha256)
    {
        using var s = MnistData.OpenEmbedded(resource);
        Assert.Equal(sha256, Convert.ToHexStringLower(SHA256.HashData(s)));
    }

    [Fact]
    public void EmbeddedDatasetHasTheDocumentedShapeAndClassCounts()
    {
        var d = TestData.Mnist;
        Assert.Equal(10000, d.Count);
        Assert.Equal(28, d.Rows);
        Assert.Equal(28, d.Columns);
        Assert.Equal(10000 * 784, d.Pixels.Length);
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }, d.ClassCounts());
        Assert.All(d.Pixels, p => Assert.InRange(p, 0f, 1f));
        Assert.Equal(1f, d.Pixels.Max());
        Assert.Equal(0f, d.Pixels.Min());
    }

    [Fact]
    public void SliceSplitAndTensors()
    {
        var d = TestData.First(10);
        var (train, test) = d.Split(7);
        Assert.Equal(7, train.Count);
        Assert.Equal(3, test.Count);
        Assert.Equal(d.Labels[7..], test.Labels);
        Assert.Equal(d.Pixels.AsSpan(7 * 784, 784).ToArray(), test.Pixels.AsSpan(0, 784).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Slice(5, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Split(11));

        using var x = d.ToTensor();
        using var img = d.ToImageTensor();
        using var y = d.LabelsTensor();
        Assert.Equal(new long[] { 10, 784 }, x.shape);
        Assert.Equal(new long[] { 10, 1, 28, 28 }, img.shape);
        Assert.Equal(new long[] { 10 }, y.shape);
        Assert.Equal(global::TorchSharp.torch.ScalarType.Int64, y.dtype);
        Assert.Equal((long)d.Labels[3], y[3].item<long>());
        Assert.Equal(d.Pixels[400], x[0, 400].item<float>());
    }

    [Fact]
    public void LoadReadsStandardTrainAndTestNames()
    {
        File.WriteAllBytes(Path.Combine(_dir, "train-images-idx3-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.SampleImagesFile));
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), IdxReaderTests.SampleLabelsFile);
        File.WriteAllBytes(Path.Combine(_dir, "t10k-images-idx3-ubyte"), IdxReaderTests.Idx(0x803, new[] { 1, 2, 4 }, new byte[8]));
        File.WriteAllBytes(Path.Combine(_dir, "t10k-labels-idx1-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.Idx(0x801, new[] { 1 }, new byte[] { 4 })));
        var (train, test) = MnistData.Load(_dir);
        Assert.Equal(3, train.Count);
        Assert.NotNull(test);
        Assert.Equal(1, test!.Count);
        Assert.Equal(4, test.Labels[0]);
    }

    [Fact]
    public void LoadReadsEmnistPrefixAndEmbeddedNames()
    {
        File.WriteAllBytes(Path.Combine(_dir, "emnist-digits-train-images-idx3-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.SampleImagesFile));
        File.WriteAllBytes(Path.Combine(_dir, "emnist-digits-train-labels-idx1-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.SampleLabelsFile));
        var (train, test) = MnistData.Load(_dir);
        Assert.Equal(3, train.Count);
        Assert.Null(test);

        var other = Directory.CreateDirectory(Path.Combine(_dir, "embedded-names")).FullName;
        File.WriteAllBytes(Path.Combine(other, "images-idx3-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.SampleImagesFile));
        File.WriteAllBytes(Path.Combine(other, "labels-idx1-ubyte.gz"), IdxReaderTests.Gzip(IdxReaderTests.SampleLabelsFile));
        Assert.Equal(IdxReaderTests.SampleLabels, MnistData.Load(other).Train.Labels);
    }

    [Fact]
    public void LoadListsWhatItLookedFor()
    {
        var e = Assert.Throws<FileNotFoundException>(() => MnistData.Load(_dir));
        Assert.Contains(_dir, e.Message);
        Assert.Contains("train-images-idx3-ubyte", e.Message);
        Assert.Contains("labels-idx1-ubyte", e.Message);
        Assert.Throws<DirectoryNotFoundException>(() => MnistData.Load(Path.Combine(_dir, "missing")));
    }

    [Fact]
    public void LoadReportsCountMismatch()
    {
        File.WriteAllBytes(Path.Combine(_dir, "train-images-idx3-ubyte"), IdxReaderTests.SampleImagesFile);
        File.WriteAllBytes(Path.Combine(_dir, "train-labels-idx1-ubyte"), IdxReaderTests.Idx(0x801, new[] { 1 }, new byte[] { 4 }));
        var e = Assert.Throws<IdxFormatException>(() => MnistData.Load(_dir));
        Assert.Contains("train-labels-idx1-ubyte", e.Message);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void ImageDatasetRefusesNonFinitePixels(float value)
    {
        var pixels = new float[3 * 2 * 2];
        pixels[9] = value;
        var e = Assert.Throws<ArgumentException>(() => new ImageDataset(pixels, new byte[3], 2, 2));
        Assert.Equal("pixels", e.ParamName);
        Assert.Contains("image 2, pixel 1", e.Message);
    }
}
