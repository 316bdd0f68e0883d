namespace InfoTheory.TorchSharp;

/// <summary>
/// The shallow autoencoder 784 → z → 784 of Lee &amp; Jo, "Information Flows of Diverse Autoencoders",
/// Entropy 23(7), 862 (2021), doi:10.3390/e23070862: one sigmoid hidden layer <c>z</c> and a sigmoid output layer
/// <c>out</c>. <see cref="ZooModel.LayerNames"/> = <c>z, out</c>.
/// </summary>
/// <remarks>
/// Input: N × 784 pixels in [0, 1]. Loss: mean squared error (1/(N·784)) Σ (x − x̂)² by default, or binary
/// cross-entropy with <see cref="ReconstructionLossKind.BinaryCrossEntropy"/>; reported as part <c>"reconstruction"</c>.
/// </remarks>
public sealed class Autoencoder : DenseAutoencoder
{
    /// <summary>Creates the shallow autoencoder.</summary>
    /// <param name="codeSize">Width of the bottleneck z.</param>
    /// <param name="inputSize">Input width (784 for MNIST).</param>
    /// <param name="activation">Activation of z (sigmoid in the paper).</param>
    /// <param name="lossKind">Reconstruction loss (MSE by default).</param>
    /// <param name="seed">Initialisation seed.</param>
    public Autoencoder(
        int codeSize = 50,
        int inputSize = 784,
        Activation activation = Activation.Sigmoid,
        ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError,
        int seed = 0)
        : base(nameof(Autoencoder), inputSize, new[] { codeSize }, activation, activation, lossKind, seed)
    {
    }
}
