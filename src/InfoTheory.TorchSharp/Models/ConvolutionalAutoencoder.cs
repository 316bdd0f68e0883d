using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// A convolutional autoencoder after Amaral &amp; Silva's CAE_1 (encoder maps 16, 32, 64, then an 8-map bottleneck)
/// and CAE_2 (64, 32, 16, then 8), with a configurable channel list. Input and output: N × 1 × 28 × 28 in [0, 1].
/// </summary>
/// <remarks>
/// <para>Encoder: 3 × 3 convolutions (padding 1) <c>enc1 … encK</c> with the given channel counts, each followed by the
/// activation (ReLU); the last two of them have stride 2 (28 → 14 → 7), the others stride 1; then the bottleneck
/// <c>z</c>, a stride-1 3 × 3 convolution to <c>bottleneckChannels</c> maps (8 → 8 × 7 × 7 = 392 features for MNIST) with
/// the activation. Decoder: the mirror image with 3 × 3 transposed convolutions <c>dec1 … decK</c> (stride 2 where the
/// encoder had stride 2, output padding chosen to restore the exact sizes) and the output layer <c>out</c>
/// (transposed convolution to 1 map + sigmoid). Each layer is a named <c>Sequential(conv, act)</c>.</para>
/// <para>Loss: binary cross-entropy by default, −(1/(N·784)) Σ [x log x̂ + (1 − x) log(1 − x̂)], or mean squared error
/// (part <c>"reconstruction"</c>). BCE is the default because with MSE the sigmoid output of this ReLU network tends to
/// collapse on MNIST to the all-black image (MSE = mean x² ≈ 0.106) within a few dozen Adam steps and stay there, as
/// saturated sigmoids pass almost no gradient; with BCE the gradient on the output logits is x̂ − x and training proceeds.</para>
/// </remarks>
public sealed class ConvolutionalAutoencoder : AutoencoderBase
{
    private readonly List<nn.Module<Tensor, Tensor>> _encoder = new();
    private readonly List<nn.Module<Tensor, Tensor>> _decoder = new();

    /// <summary>Creates the convolutional autoencoder.</summary>
    /// <param name="channels">Encoder feature-map counts before the bottleneck (CAE_1: 16, 32, 64; CAE_2: 64, 32, 16).</param>
    /// <param name="bottleneckChannels">Feature maps of the bottleneck <c>z</c> (8).</param>
    /// <param name="imageSize">Side of the square input images (28).</param>
    /// <param name="activation">Activation of every layer but <c>out</c> (ReLU).</param>
    /// <param name="lossKind">Reconstruction loss (BCE by default; see the remarks).</param>
    /// <param name="seed">Initialisation seed.</param>
    public ConvolutionalAutoencoder(
        IReadOnlyList<int> channels,
        int bottleneckChannels = 8,
        int imageSize = 28,
        Activation activation = Activation.ReLU,
        ReconstructionLossKind lossKind = ReconstructionLossKind.BinaryCrossEntropy,
        int seed = 0)
        : base(nameof(ConvolutionalAutoencoder), lossKind)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bottleneckChannels);
        ArgumentOutOfRangeException.ThrowIfLessThan(imageSize, 4);
        if (channels.Count == 0 || channels.Any(c => c <= 0))
        {
            throw new ArgumentException("channels must hold at least one positive feature-map count.", nameof(channels));
        }

        if (activation == Activation.Softmax)
        {
            throw new ArgumentException("Softmax is not supported for convolutional layers.", nameof(activation));
        }

        Channels = channels.ToArray();
        BottleneckChannels = bottleneckChannels;
        ImageSize = imageSize;
        int k = channels.Count;
        var inC = new long[k + 1];
        var outC = new long[k + 1];
        var stride = new int[k + 1];
        var sizeIn = new long[k + 1];
        long size = imageSize;
        for (int i = 0; i <= k; i++)
        {
            inC[i] = i == 0 ? 1 : channels[i - 1];
            outC[i] = i == k ? bottleneckChannels : channels[i];
            stride[i] = i < k && i >= k - 2 ? 2 : 1;
            sizeIn[i] = size;
            size = stride[i] == 2 ? ((size - 1) / 2) + 1 : size;
        }

        BottleneckSize = (int)size;
        using (new SeedScope(seed))
        {
            for (int i = 0; i <= k; i++)
            {
                var conv = nn.Conv2d(inC[i], outC[i], 3, stride: stride[i], padding: 1);
                _encoder.Add(AddLayer(i == k ? "z" : $"enc{i + 1}", nn.Sequential(("conv", conv), ("act", Layers.Make(activation)))));
            }

            for (int i = k; i >= 0; i--)
            {
                long outSize = sizeIn[i];
                long inSize = stride[i] == 2 ? ((outSize - 1) / 2) + 1 : outSize;
                long outputPadding = stride[i] == 2 ? outSize - ((2 * inSize) - 1) : 0;
                var deconv = nn.ConvTranspose2d(outC[i], inC[i], 3, stride: stride[i], padding: 1, output_padding: outputPadding);
                var act = i == 0 ? Activation.Sigmoid : activation;
                _decoder.Add(AddLayer(i == 0 ? "out" : $"dec{k + 1 - i}", nn.Sequential(("conv", deconv), ("act", Layers.Make(act)))));
            }
        }
    }

    /// <summary>The encoder feature-map counts before the bottleneck.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>The bottleneck feature-map count.</summary>
    public int BottleneckChannels { get; }

    /// <summary>The side of the input images.</summary>
    public int ImageSize { get; }

    /// <summary>The side of the bottleneck maps (7 for 28 × 28 input).</summary>
    public int BottleneckSize { get; }

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Image;

    /// <summary>Amaral &amp; Silva's CAE_1: encoder maps 16, 32, 64, bottleneck 8 (ReLU, sigmoid output).</summary>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="lossKind">Reconstruction loss (BCE by default).</param>
    /// <returns>The model.</returns>
    public static ConvolutionalAutoencoder Cae1(int seed = 0, ReconstructionLossKind lossKind = ReconstructionLossKind.BinaryCrossEntropy) =>
        new([16, 32, 64], 8, lossKind: lossKind, seed: seed);

    /// <summary>Amaral &amp; Silva's CAE_2: encoder maps 64, 32, 16, bottleneck 8 (ReLU, sigmoid output).</summary>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="lossKind">Reconstruction loss (BCE by default).</param>
    /// <returns>The model.</returns>
    public static ConvolutionalAutoencoder Cae2(int seed = 0, ReconstructionLossKind lossKind = ReconstructionLossKind.BinaryCrossEntropy) =>
        new([64, 32, 16], 8, lossKind: lossKind, seed: seed);

    /// <inheritdoc />
    public override Tensor Encode(Tensor input) => Chain(_encoder, input);

    /// <inheritdoc />
    public override Tensor Decode(Tensor code) => Chain(_decoder, code);
}
