using InfoTheory.Internal;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// A convolutional autoencoder after Amaral &amp; Silva's CAE_1 (encoder maps 16, 32, 64, then an 8-map bottleneck)
/// and CAE_2 (64, 32, 16, then 8), with a configurable channel list and downsampling (strided convolutions, or stride-1
/// convolutions with 2 × 2 max pooling as in the paper). Input and output: N × 1 × S × S in [0, 1] (S = 28 for MNIST).
/// </summary>
/// <remarks>
/// <para>Encoder with <see cref="CaeDownsampling.StridedConvolution"/> (the default): 3 × 3 convolutions (padding 1)
/// <c>enc1 … encK</c> with the given channel counts, each followed by the
/// activation (ReLU); the last two of them have stride 2 (28 → 14 → 7), the others stride 1; then the bottleneck
/// <c>z</c>, a stride-1 3 × 3 convolution to <c>bottleneckChannels</c> maps (8 → 8 × 7 × 7 = 392 features for MNIST) with
/// the activation. Decoder: the mirror image with 3 × 3 transposed convolutions <c>dec1 … decK</c> (stride 2 where the
/// encoder had stride 2, output padding chosen to restore the exact sizes) and the output layer <c>out</c>
/// (transposed convolution to 1 map + sigmoid). Each layer is a named <c>Sequential(conv, act)</c>.</para>
/// <para>With <see cref="CaeDownsampling.MaxPooling"/> (Amaral &amp; Silva: stride 1, max pooling): every convolution has
/// stride 1 and the FIRST two encoder layers end with a 2 × 2 max pooling (28 → 14 → 7, so the costly wide maps of
/// CAE_2 are computed at 14 × 14 and 7 × 7; the image side must be divisible by 4), each a <c>Sequential(conv, act,
/// pool)</c>; the bottleneck and the encoder layers after them stay at 7 × 7. The decoder mirrors it with stride-1
/// 3 × 3 convolutions, each decoder layer that mirrors a pooled encoder layer starting with a nearest-neighbour 2 ×
/// upsampling (<c>Sequential(up, conv, act)</c>), the last of them being <c>out</c> (1 map + sigmoid).</para>
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
    /// <param name="downsampling">Strided convolutions (default) or stride-1 convolutions with max pooling (see the remarks).</param>
    /// <exception cref="ArgumentException">An empty or non-positive channel list, softmax, or (max pooling) an image side not divisible by 4.</exception>
    public ConvolutionalAutoencoder(
        IReadOnlyList<int> channels,
        int bottleneckChannels = 8,
        int imageSize = 28,
        Activation activation = Activation.ReLU,
        ReconstructionLossKind lossKind = ReconstructionLossKind.BinaryCrossEntropy,
        int seed = 0,
        CaeDownsampling downsampling = CaeDownsampling.StridedConvolution)
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

        Downsampling = EnumGuard.Defined(downsampling, nameof(downsampling));
        if (downsampling == CaeDownsampling.MaxPooling && imageSize % 4 != 0)
        {
            throw new ArgumentException(
                $"imageSize {imageSize} is not divisible by 4: max pooling halves it twice and the decoder's upsampling must restore it exactly. Use a side divisible by 4 (28 for MNIST) or strided convolutions.",
                nameof(imageSize));
        }

        Channels = channels.ToArray();
        BottleneckChannels = bottleneckChannels;
        ImageSize = imageSize;
        int k = channels.Count;
        if (downsampling == CaeDownsampling.MaxPooling)
        {
            BottleneckSize = Math.Min(k, 2) switch { 1 => imageSize / 2, _ => imageSize / 4 };
            using (new SeedScope(seed))
            {
                BuildPooled(channels, bottleneckChannels, activation);
            }

            return;
        }

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

    /// <summary>How the encoder downsamples (strided convolutions or max pooling).</summary>
    public CaeDownsampling Downsampling { get; }

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

    /// <summary>
    /// Amaral &amp; Silva's CAE_1 as the paper builds it: encoder maps 16, 32, 64, an 8-map bottleneck, ReLU, stride-1
    /// 3 × 3 convolutions with 2 × 2 max pooling (see the remarks), sigmoid output, mean squared error by default.
    /// </summary>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="lossKind">Reconstruction loss (the paper's MSE by default; on MNIST, whose digits are mostly black, MSE can
    /// collapse to the all-black image, see the class remarks, and BCE trains).</param>
    /// <returns>The model.</returns>
    public static ConvolutionalAutoencoder AmaralCae1(int seed = 0, ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError) =>
        new([16, 32, 64], 8, lossKind: lossKind, seed: seed, downsampling: CaeDownsampling.MaxPooling);

    /// <summary>
    /// Amaral &amp; Silva's CAE_2 as the paper builds it: encoder maps 64, 32, 16, an 8-map bottleneck, ReLU, stride-1
    /// 3 × 3 convolutions with 2 × 2 max pooling (see the remarks), sigmoid output, mean squared error by default.
    /// </summary>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="lossKind">Reconstruction loss (the paper's MSE by default; on MNIST, whose digits are mostly black, MSE can
    /// collapse to the all-black image, see the class remarks, and BCE trains).</param>
    /// <returns>The model.</returns>
    public static ConvolutionalAutoencoder AmaralCae2(int seed = 0, ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError) =>
        new([64, 32, 16], 8, lossKind: lossKind, seed: seed, downsampling: CaeDownsampling.MaxPooling);

    /// <inheritdoc />
    public override Tensor Encode(Tensor input) => Chain(_encoder, input);

    /// <inheritdoc />
    public override Tensor Decode(Tensor code) => Chain(_decoder, code);

    // Stride-1 convolutions; the first two encoder layers end with 2 × 2 max pooling, their decoder mirrors start with
    // a 2 × nearest-neighbour upsampling. Layer i of the encoder maps inC[i] → outC[i]; its mirror maps outC[i] → inC[i].
    private void BuildPooled(IReadOnlyList<int> channels, int bottleneckChannels, Activation activation)
    {
        int k = channels.Count;
        for (int i = 0; i <= k; i++)
        {
            long inC = i == 0 ? 1 : channels[i - 1];
            long outC = i == k ? bottleneckChannels : channels[i];
            var conv = nn.Conv2d(inC, outC, 3, stride: 1, padding: 1);
            var layer = i < Math.Min(k, 2)
                ? nn.Sequential(("conv", conv), ("act", Layers.Make(activation)), ("pool", nn.MaxPool2d(2)))
                : nn.Sequential(("conv", conv), ("act", Layers.Make(activation)));
            _encoder.Add(AddLayer(i == k ? "z" : $"enc{i + 1}", layer));
        }

        for (int i = k; i >= 0; i--)
        {
            long inC = i == k ? bottleneckChannels : channels[i];
            long outC = i == 0 ? 1 : channels[i - 1];
            var conv = nn.Conv2d(inC, outC, 3, stride: 1, padding: 1);
            var act = Layers.Make(i == 0 ? Activation.Sigmoid : activation);
            var layer = i < Math.Min(k, 2)
                ? nn.Sequential(("up", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)), ("conv", conv), ("act", act))
                : nn.Sequential(("conv", conv), ("act", act));
            _decoder.Add(AddLayer(i == 0 ? "out" : $"dec{k + 1 - i}", layer));
        }
    }
}

/// <summary>How a <see cref="ConvolutionalAutoencoder"/> halves its feature maps.</summary>
public enum CaeDownsampling
{
    /// <summary>Stride-2 convolutions in the last two encoder layers, transposed convolutions in the decoder.</summary>
    StridedConvolution,

    /// <summary>Stride-1 convolutions with 2 × 2 max pooling after the first two encoder layers, upsampling in the decoder (Amaral &amp; Silva).</summary>
    MaxPooling,
}
