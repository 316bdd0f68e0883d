using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// A fully connected autoencoder D → h₁ → … → h_k → … → h₁ → D on flat inputs (N × D): encoder layers
/// <c>enc1 … enc(k−1)</c> and the bottleneck <c>z</c> (width h_k), decoder layers <c>dec1 … dec(k−1)</c> mirroring the
/// encoder, and the output layer <c>out</c> (width D, sigmoid, so reconstructions lie in [0, 1]).
/// Each layer is a named <c>Sequential(linear, act)</c>.
/// </summary>
public abstract class DenseAutoencoder : AutoencoderBase
{
    private readonly List<nn.Module<Tensor, Tensor>> _encoder = new();
    private readonly List<nn.Module<Tensor, Tensor>> _decoder = new();

    /// <summary>Builds the layers.</summary>
    /// <param name="name">The module name.</param>
    /// <param name="inputSize">D, the input width (784 for MNIST).</param>
    /// <param name="hiddenSizes">h₁ … h_k, the encoder widths; the last is the bottleneck width.</param>
    /// <param name="activation">The activation of the hidden encoder and decoder layers.</param>
    /// <param name="bottleneckActivation">The activation of the bottleneck <c>z</c>.</param>
    /// <param name="lossKind">How the reconstruction is scored.</param>
    /// <param name="seed">Seed of the weight initialisation (PyTorch's default uniform initialisation of Linear).</param>
    protected DenseAutoencoder(
        string name,
        int inputSize,
        IReadOnlyList<int> hiddenSizes,
        Activation activation,
        Activation bottleneckActivation,
        ReconstructionLossKind lossKind,
        int seed)
        : base(name, lossKind)
    {
        ArgumentNullException.ThrowIfNull(hiddenSizes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        if (hiddenSizes.Count == 0 || hiddenSizes.Any(h => h <= 0))
        {
            throw new ArgumentException("hiddenSizes must hold at least one positive width (the last is the bottleneck).", nameof(hiddenSizes));
        }

        InputSize = inputSize;
        HiddenSizes = hiddenSizes.ToArray();
        int k = hiddenSizes.Count;
        using (new SeedScope(seed))
        {
            long prev = inputSize;
            for (int i = 0; i < k; i++)
            {
                bool last = i == k - 1;
                _encoder.Add(AddLayer(last ? "z" : $"enc{i + 1}", Layers.Dense(prev, hiddenSizes[i], last ? bottleneckActivation : activation)));
                prev = hiddenSizes[i];
            }

            for (int i = k - 2; i >= 0; i--)
            {
                _decoder.Add(AddLayer($"dec{k - 1 - i}", Layers.Dense(prev, hiddenSizes[i], activation)));
                prev = hiddenSizes[i];
            }

            _decoder.Add(AddLayer("out", Layers.Dense(prev, inputSize, Activation.Sigmoid)));
        }
    }

    /// <summary>D, the input (and output) width.</summary>
    public int InputSize { get; }

    /// <summary>The encoder widths h₁ … h_k (the last is the bottleneck width).</summary>
    public IReadOnlyList<int> HiddenSizes { get; }

    /// <summary>The bottleneck width h_k.</summary>
    public int CodeSize => HiddenSizes[^1];

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Flat;

    /// <inheritdoc />
    public override Tensor Encode(Tensor input) => Chain(_encoder, input);

    /// <inheritdoc />
    public override Tensor Decode(Tensor code) => Chain(_decoder, code);
}
