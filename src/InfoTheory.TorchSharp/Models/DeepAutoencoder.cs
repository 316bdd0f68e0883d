namespace InfoTheory.TorchSharp;

/// <summary>
/// The deep autoencoder 784 → 256 → 128 → 50 → 128 → 256 → 784 of Lee &amp; Jo, "Information Flows of Diverse
/// Autoencoders", Entropy 23(7), 862 (2021), doi:10.3390/e23070862, with sigmoid activations in every layer.
/// Layers: <c>enc1</c> (256), <c>enc2</c> (128), <c>z</c> (50), <c>dec1</c> (128), <c>dec2</c> (256), <c>out</c> (784).
/// </summary>
/// <remarks>
/// Input: N × 784 pixels in [0, 1]. Loss: mean squared error (1/(N·784)) Σ (x − x̂)² by default, or binary
/// cross-entropy with <see cref="ReconstructionLossKind.BinaryCrossEntropy"/>; reported as part <c>"reconstruction"</c>.
/// The widths are configurable (the last entry of <c>hiddenSizes</c> is the bottleneck).
/// </remarks>
public sealed class DeepAutoencoder : DenseAutoencoder
{
    /// <summary>The widths of Lee &amp; Jo's deep autoencoder: 256, 128, 50.</summary>
    public static IReadOnlyList<int> DefaultHiddenSizes { get; } = new[] { 256, 128, 50 };

    /// <summary>Creates the deep autoencoder.</summary>
    /// <param name="hiddenSizes">Encoder widths, bottleneck last (default 256, 128, 50).</param>
    /// <param name="inputSize">Input width (784 for MNIST).</param>
    /// <param name="activation">Activation of the hidden layers and z (sigmoid in the paper).</param>
    /// <param name="lossKind">Reconstruction loss (MSE by default).</param>
    /// <param name="seed">Initialisation seed.</param>
    public DeepAutoencoder(
        IReadOnlyList<int>? hiddenSizes = null,
        int inputSize = 784,
        Activation activation = Activation.Sigmoid,
        ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError,
        int seed = 0)
        : base(nameof(DeepAutoencoder), inputSize, hiddenSizes ?? DefaultHiddenSizes, activation, activation, lossKind, seed)
    {
    }
}
