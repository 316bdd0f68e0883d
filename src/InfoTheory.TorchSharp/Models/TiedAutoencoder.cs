using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// A deep autoencoder with tied weights (784 → 256 → 128 → 50 → 128 → 256 → 784 by default, sigmoid), as studied by
/// Lee &amp; Jo, Entropy 23(7), 862 (2021), doi:10.3390/e23070862: each decoder layer uses the transpose of the
/// mirrored encoder layer's weight, W_D = W_Eᵀ, with its own bias. Layers: <c>enc1, enc2, z, dec1, dec2, out</c>.
/// </summary>
/// <remarks>
/// The tie is real: decoder layer j holds the very <see cref="Parameter"/> object of encoder layer k − j
/// (<see cref="DecoderWeights"/>[j] is <see cref="EncoderWeights"/>[k − 1 − j]); it is registered only once (in the
/// encoder), so <c>parameters()</c> lists it once and its gradient sums the encoder and decoder contributions.
/// Loss: mean squared error by default (part <c>"reconstruction"</c>). The authors' code (IPRL, <c>MNIST/TAE.py</c>)
/// builds a shallow tied autoencoder, 784 → 50 → 784: <c>new TiedAutoencoder(hiddenSizes: [50])</c> (layers <c>z, out</c>).
/// </remarks>
public sealed class TiedAutoencoder : AutoencoderBase
{
    private readonly List<nn.Module<Tensor, Tensor>> _encoder = new();
    private readonly List<nn.Module<Tensor, Tensor>> _decoder = new();
    private readonly List<Linear> _encoderLinears = new();

    /// <summary>Creates the tied autoencoder.</summary>
    /// <param name="hiddenSizes">Encoder widths, bottleneck last (default 256, 128, 50).</param>
    /// <param name="inputSize">Input width (784 for MNIST).</param>
    /// <param name="activation">Activation of hidden layers and z (sigmoid).</param>
    /// <param name="lossKind">Reconstruction loss (MSE by default).</param>
    /// <param name="seed">Initialisation seed.</param>
    public TiedAutoencoder(
        IReadOnlyList<int>? hiddenSizes = null,
        int inputSize = 784,
        Activation activation = Activation.Sigmoid,
        ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError,
        int seed = 0)
        : base(nameof(TiedAutoencoder), lossKind)
    {
        var hidden = (hiddenSizes ?? DeepAutoencoder.DefaultHiddenSizes).ToArray();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        if (hidden.Length == 0 || hidden.Any(h => h <= 0))
        {
            throw new ArgumentException("hiddenSizes must hold at least one positive width (the last is the bottleneck).", nameof(hiddenSizes));
        }

        int k = hidden.Length;
        using (new SeedScope(seed))
        {
            long prev = inputSize;
            for (int i = 0; i < k; i++)
            {
                var layer = Layers.Dense(prev, hidden[i], activation);
                _encoder.Add(AddLayer(i == k - 1 ? "z" : $"enc{i + 1}", layer));
                _encoderLinears.Add((Linear)layer[0]);
                prev = hidden[i];
            }

            for (int i = k - 1; i >= 0; i--)
            {
                var act = i == 0 ? Activation.Sigmoid : activation;
                var layer = nn.Sequential(("linear", new TiedLinear(_encoderLinears[i])), ("act", Layers.Make(act)));
                _decoder.Add(AddLayer(i == 0 ? "out" : $"dec{k - i}", layer));
            }
        }
    }

    /// <summary>The encoder weights W_E of <c>enc1, …, z</c> (out × in each), as currently registered (after <c>to()</c>, the moved ones).</summary>
    public IReadOnlyList<Parameter> EncoderWeights => _encoderLinears.Select(WeightOf).ToList();

    /// <summary>
    /// The weights the decoder layers <c>dec1, …, out</c> use (transposed): the same objects as
    /// <see cref="EncoderWeights"/>, in reverse order. The decoder looks the encoder's weight up at every forward pass,
    /// so the tie survives <c>to(device)</c>, <c>to(dtype)</c> and <c>load_state_dict</c>.
    /// </summary>
    public IReadOnlyList<Parameter> DecoderWeights => _decoder.Select(d => ((TiedLinear)((global::TorchSharp.Modules.Sequential)d)[0]).Weight).ToList();

    private static Parameter WeightOf(Linear linear) => linear.get_parameter("weight")!;

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Flat;

    /// <inheritdoc />
    public override Tensor Encode(Tensor input) => Chain(_encoder, input);

    /// <inheritdoc />
    public override Tensor Decode(Tensor code) => Chain(_decoder, code);

    /// <summary>
    /// y = x W + b, i.e. a linear layer whose weight is the transpose of the weight W (out_E × in_E) of an encoder
    /// Linear, with its own bias b (in_E, initialised to zero). W is looked up from the encoder layer at each call and
    /// not registered here (the encoder owns it), so parameters() lists it once.
    /// </summary>
    private sealed class TiedLinear : nn.Module<Tensor, Tensor>
    {
        private readonly Linear _source;

        public TiedLinear(Linear source)
            : base(nameof(TiedLinear))
        {
            _source = source;
            register_parameter("bias", new Parameter(torch.zeros(source.in_features)));
        }

        public Parameter Weight => WeightOf(_source);

        public override Tensor forward(Tensor input) => nn.functional.linear(input, Weight.t(), get_parameter("bias")!);
    }
}
