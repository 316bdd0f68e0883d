using InfoTheory.TorchSharp.Tests.Models;
using TorchSharp;

namespace InfoTheory.TorchSharp.Tests.Compression;

/// <summary>
/// The convolutional autoencoder compressor (Butakov et al., ICLR 2024) on Gaussian-blob images whose MI is known, its
/// shape checks, and Butakov et al.'s stochastic classifier.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ConvolutionalCompressorTests
{
    [Fact]
    public void Codes_OfBlobImages_KeepTheirMutualInformation()
    {
        // 16×16 blobs carry 2 latents each and I(X; Y) = 1 nat exactly; a 2-unit code that keeps the latents keeps the
        // MI (data processing bounds it by 1 from above, KSG's bias is ≈ ±0.05 at N = 2000 on 2 + 2 dimensions).
        var task = new ImageTask(ImageShape.GaussianBlob, 16, 1.0);
        var train = task.Sample(2000, 11);
        var compressor = new ConvolutionalAutoencoderCompressor(new ConvolutionalAutoencoderCompressorOptions { CodeSize = 2, Epochs = 10, BatchSize = 32, Seed = 1 });
        using var fitted = compressor.Fit(train.X);
        Assert.True(fitted.ReconstructionError < 0.25, $"reconstruction MSE {fitted.ReconstructionError} on scaled images");
        var test = task.Sample(2000, 12);
        var cx = fitted.Encode(test.X);
        var cy = fitted.Encode(test.Y);
        Assert.Equal((2000, 2), (cx.Count, cx.Dimensions));
        double mi = new KsgMutualInformation().Estimate(cx, cy).Value.Nats;
        Assert.True(mi is > 0.75 and < 1.15, $"KSG on the codes {mi} nats (MSE {fitted.ReconstructionError})");
        // A fixed encoder: the same rows give the same codes alone and in a batch (to float precision).
        var two = fitted.Encode(test.X.Select([0, 1]));
        Assert.Equal(cx[1, 1], two[1, 1], 1e-5);
        Assert.Equal("cae-2", ((ICompressor)compressor).Name);
    }

    [Fact]
    public void Shapes_AreInferredOrRejected()
    {
        var compressor = new ConvolutionalAutoencoderCompressor();
        Assert.Equal((1, 16, 16), compressor.ShapeOf(256));
        Assert.Equal((1, 28, 28), compressor.ShapeOf(784));
        Assert.Throws<ArgumentException>(() => compressor.ShapeOf(250));            // not a square image
        Assert.Throws<ArgumentException>(() => compressor.ShapeOf(18 * 18));        // 18 is not divisible by 4
        var wide = new ConvolutionalAutoencoderCompressor(new ConvolutionalAutoencoderCompressorOptions { Channels = 3, ImageHeight = 8, ImageWidth = 16 });
        Assert.Equal((3, 8, 16), wide.ShapeOf(3 * 8 * 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionalAutoencoderCompressorOptions { Filters = [] });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvolutionalAutoencoderCompressorOptions { CodeSize = 0 });
    }

    [Fact]
    public void NoisyClassifier_HasTheAuthorsShapes_AndStaysStochasticInEvaluation()
    {
        using var model = new NoisyConvClassifier(sigma: 0.1, seed: 2);
        Assert.Equal(["layer1", "layer2", "layer3", "layer4", "layer5"], model.LayerNames);
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.rand([4, 1, 28, 28]);
        var shapes = new List<long[]>();
        var h = x;
        foreach (var name in model.LayerNames)
        {
            h = model.Layer(name).call(h);
            shapes.Add(h.shape);
        }

        Assert.Equal([4L, 8, 13, 13], shapes[0]);
        Assert.Equal([4L, 16, 5, 5], shapes[1]);
        Assert.Equal([4L, 32, 1, 1], shapes[2]);
        Assert.Equal([4L, 32], shapes[3]);
        Assert.Equal([4L, 10], shapes[4]);
        // log-probabilities: each row's exp sums to 1.
        Assert.Equal(1.0, h[0].exp().sum().ToDouble(), 5);
        // The noise stays on at inference: two passes differ (σ = 0.1), and with σ = 0 they agree.
        Assert.NotEqual(model.forward(x)[0, 0].ToDouble(), model.forward(x)[0, 0].ToDouble());
        using var quiet = new NoisyConvClassifier(sigma: 0, seed: 2);
        quiet.eval();
        Assert.Equal(quiet.forward(x)[0, 0].ToDouble(), quiet.forward(x)[0, 0].ToDouble());
        Assert.Throws<ArgumentOutOfRangeException>(() => new NoisyConvClassifier(sigma: -1));
    }
}
