using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>The element-wise (or, for <see cref="Softmax"/>, per-row) non-linearity that ends a zoo layer.</summary>
public enum Activation
{
    /// <summary>No non-linearity (identity).</summary>
    None,

    /// <summary>Logistic sigmoid 1 / (1 + e^−x), outputs in (0, 1).</summary>
    Sigmoid,

    /// <summary>Hyperbolic tangent, outputs in (−1, 1).</summary>
    Tanh,

    /// <summary>Rectified linear unit max(0, x).</summary>
    ReLU,

    /// <summary>Softmax over the feature dimension (dimension 1), rows sum to 1.</summary>
    Softmax,
}

/// <summary>How an autoencoder compares its reconstruction x̂ with the input x.</summary>
public enum ReconstructionLossKind
{
    /// <summary>Mean squared error, mean over all pixels and the batch: (1/(N·D)) Σ (x − x̂)².</summary>
    MeanSquaredError,

    /// <summary>Binary cross-entropy, mean over all pixels and the batch: −(1/(N·D)) Σ [x log x̂ + (1 − x) log(1 − x̂)]; needs x̂ in (0, 1).</summary>
    BinaryCrossEntropy,
}

/// <summary>The tensor layout a zoo model expects as input.</summary>
public enum InputLayout
{
    /// <summary>N × D rows of flattened pixels (dense models; D = 784 for MNIST). See <see cref="ImageDataset.ToTensor"/>.</summary>
    Flat,

    /// <summary>N × 1 × rows × cols images (convolutional models). See <see cref="ImageDataset.ToImageTensor"/>.</summary>
    Image,
}

/// <summary>Builders shared by the zoo models.</summary>
internal static class Layers
{
    public static nn.Module<Tensor, Tensor> Make(Activation activation) => activation switch
    {
        Activation.None => nn.Identity(),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Tanh => nn.Tanh(),
        Activation.ReLU => nn.ReLU(),
        Activation.Softmax => nn.Softmax(1),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>A named dense layer: Sequential(linear, act); a forward hook on it yields the post-activation output.</summary>
    public static global::TorchSharp.Modules.Sequential Dense(long inFeatures, long outFeatures, Activation activation) =>
        nn.Sequential(("linear", nn.Linear(inFeatures, outFeatures)), ("act", Make(activation)));

    public static Tensor Reconstruction(ReconstructionLossKind kind, Tensor input, Tensor reconstruction) => kind switch
    {
        ReconstructionLossKind.MeanSquaredError => nn.functional.mse_loss(reconstruction, input),
        ReconstructionLossKind.BinaryCrossEntropy => nn.functional.binary_cross_entropy(reconstruction.clamp(1e-7, 1 - 1e-7), input),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss."),
    };
}

/// <summary>
/// Seeds torch's global generator for the duration of a model's construction (so its random initialisation
/// depends only on the seed) and restores the previous generator state afterwards. Constructions are serialised by a
/// process-wide lock, so models built on different threads do not disturb each other's seeding.
/// </summary>
internal sealed class SeedScope : IDisposable
{
    /// <summary>The lock around every use of torch's global generator in this package.</summary>
    public static readonly object Gate = new();

    private readonly Tensor _state;

    public SeedScope(int seed)
    {
        Monitor.Enter(Gate);
        try
        {
            _state = torch.random.get_rng_state();
            torch.random.manual_seed(seed);
        }
        catch
        {
            Monitor.Exit(Gate);
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            torch.random.set_rng_state(_state);
            _state.Dispose();
        }
        finally
        {
            Monitor.Exit(Gate);
        }
    }
}
