using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Models;

/// <summary>The max-pooling variant of <see cref="ConvolutionalAutoencoder"/> (Amaral &amp; Silva's CAE_1 and CAE_2).</summary>
[Collection(TorchCollection.Name)]
public sealed class AmaralCaeTests
{
    private static readonly string[] Names = ["enc1", "enc2", "enc3", "z", "dec1", "dec2", "dec3", "out"];

    [Theory]
    [InlineData(1, new long[] { 16, 32, 64 })]
    [InlineData(2, new long[] { 64, 32, 16 })]
    public void LayersHaveThePapersMapsAndPoolTwice(int which, long[] maps)
    {
        using var scope = NewDisposeScope();
        using var model = which == 1 ? ConvolutionalAutoencoder.AmaralCae1(seed: 3) : ConvolutionalAutoencoder.AmaralCae2(seed: 3);
        Assert.Equal(CaeDownsampling.MaxPooling, model.Downsampling);
        Assert.Equal(ReconstructionLossKind.MeanSquaredError, model.ReconstructionLossKind);
        Assert.Equal(Names, model.LayerNames);
        Assert.Equal(7, model.BottleneckSize);
        var x = rand(new long[] { 3, 1, 28, 28 });
        using var capture = new LayerCapture(model, Names);
        using (no_grad())
        {
            model.call(x);
        }

        long[][] expected =
        [
            [3, maps[0], 14, 14], [3, maps[1], 7, 7], [3, maps[2], 7, 7], [3, 8, 7, 7],
            [3, maps[2], 7, 7], [3, maps[1], 7, 7], [3, maps[0], 14, 14], [3, 1, 28, 28],
        ];
        Assert.Equal(expected, capture.Outputs().Select(o => o.Shape.ToArray()));
        // Every convolution has stride 1 and a 3 × 3 kernel; two max poolings and two upsamplings.
        var convs = model.modules().OfType<global::TorchSharp.Modules.Conv2d>().ToList();
        Assert.Equal(8, convs.Count);
        Assert.All(convs, c => Assert.Equal([1L, 1L], c.stride));
        Assert.Equal(2, model.modules().OfType<global::TorchSharp.Modules.MaxPool2d>().Count());
        Assert.Equal(2, model.modules().OfType<global::TorchSharp.Modules.Upsample>().Count());
        Assert.Empty(model.modules().OfType<global::TorchSharp.Modules.ConvTranspose2d>());
        // Sigmoid output: every reconstructed pixel in (0, 1).
        var y = capture.Output("out").Values;
        Assert.All(y, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void StridedDefaultIsUnchanged()
    {
        using var model = ConvolutionalAutoencoder.Cae1(seed: 1);
        Assert.Equal(CaeDownsampling.StridedConvolution, model.Downsampling);
        Assert.Empty(model.modules().OfType<global::TorchSharp.Modules.MaxPool2d>());
        Assert.Equal(4, model.modules().OfType<global::TorchSharp.Modules.ConvTranspose2d>().Count());
    }

    [Fact]
    public void MaxPoolingNeedsASideDivisibleByFour()
    {
        var e = Assert.Throws<ArgumentException>(() => new ConvolutionalAutoencoder([4, 8], imageSize: 30, downsampling: CaeDownsampling.MaxPooling));
        Assert.Equal("imageSize", e.ParamName);
        Assert.Contains("30", e.Message, StringComparison.Ordinal);
        using var ok = new ConvolutionalAutoencoder([4, 8], imageSize: 32, downsampling: CaeDownsampling.MaxPooling);
        Assert.Equal(8, ok.BottleneckSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionalAutoencoder([4], downsampling: (CaeDownsampling)7));
    }

    [Fact]
    public void OneEncoderLayerPoolsOnce()
    {
        using var scope = NewDisposeScope();
        using var model = new ConvolutionalAutoencoder([4], 2, downsampling: CaeDownsampling.MaxPooling, seed: 2);
        Assert.Equal(14, model.BottleneckSize);
        using (no_grad())
        {
            var code = model.Encode(rand(new long[] { 2, 1, 28, 28 }));
            Assert.Equal([2L, 2, 14, 14], code.shape);
            Assert.Equal([2L, 1, 28, 28], model.Decode(code).shape);
        }
    }
}
