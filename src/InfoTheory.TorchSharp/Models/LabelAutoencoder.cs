using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The label autoencoder of Lee &amp; Jo, "Information Flows of Diverse Autoencoders", Entropy 23(7), 862 (2021),
/// doi:10.3390/e23070862: a deep autoencoder 784 → 256 → 128 → 10 → 128 → 256 → 784 (sigmoid hidden layers) whose
/// bottleneck <c>z</c> is a 10-unit softmax that is also trained to predict the class label.
/// Layers: <c>enc1, enc2, z, dec1, dec2, out</c>.
/// </summary>
/// <remarks>
/// The paper describes a code of one unit per class (10 for MNIST); the authors' code (IPRL, <c>MNIST/LAE.py</c>) builds a
/// 50-unit softmax code and applies the cross-entropy to all 50 units with labels 0–9, so 40 units are only ever pushed
/// down. Pass <c>codeSize: 50</c> for that build; the code must have at least <c>classes</c> units.
/// </remarks>
/// <remarks>
/// Loss (needs labels): reconstruction + λ · CE, with CE = −(1/N) Σ_n log z_n[y_n] the cross-entropy of the softmax
/// code z against the labels y, λ = 0.01 by default. Call <see cref="Loss(Tensor, Tensor?)"/> with the int64 labels
/// (it throws <see cref="ArgumentNullException"/> without them), or combine <see cref="AutoencoderBase.ReconstructionLoss"/>
/// and <see cref="LabelLoss"/> yourself. Parts: <c>"reconstruction"</c>, <c>"label"</c> (the unweighted CE).
/// </remarks>
public sealed class LabelAutoencoder : DenseAutoencoder
{
    /// <summary>Creates the label autoencoder.</summary>
    /// <param name="lambda">Weight λ of the label cross-entropy (≥ 0).</param>
    /// <param name="classes">Number of classes (labels lie in 0 … classes − 1); the bottleneck width unless <paramref name="codeSize"/> is given.</param>
    /// <param name="hiddenSizes">Encoder widths before the bottleneck (default 256, 128).</param>
    /// <param name="inputSize">Input width (784 for MNIST).</param>
    /// <param name="lossKind">Reconstruction loss (MSE by default).</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="codeSize">Width of the softmax code z (≥ <paramref name="classes"/>); null for <paramref name="classes"/>.
    /// The cross-entropy runs over all its units, the labels naming the first <paramref name="classes"/>.</param>
    public LabelAutoencoder(
        double lambda = 0.01,
        int classes = 10,
        IReadOnlyList<int>? hiddenSizes = null,
        int inputSize = 784,
        ReconstructionLossKind lossKind = ReconstructionLossKind.MeanSquaredError,
        int seed = 0,
        int? codeSize = null)
        : base(nameof(LabelAutoencoder), inputSize, (hiddenSizes ?? [256, 128]).Append(CheckedCodeSize(classes, codeSize)).ToArray(), Activation.Sigmoid, Activation.Softmax, lossKind, seed)
    {
        Classes = classes;
        if (!(lambda >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be ≥ 0.");
        }

        Lambda = lambda;
    }

    /// <summary>The weight λ of the label cross-entropy.</summary>
    public double Lambda { get; }

    /// <summary>The number of classes (labels lie in 0 … <see cref="Classes"/> − 1); at most <see cref="DenseAutoencoder.CodeSize"/>.</summary>
    public int Classes { get; }

    /// <inheritdoc />
    public override bool NeedsLabels => true;

    /// <summary>The cross-entropy −(1/N) Σ_n log z_n[y_n] of softmax codes against labels (z clamped at 1e−12).</summary>
    /// <param name="code">N × classes softmax outputs (the <c>z</c> layer).</param>
    /// <param name="labels">N int64 labels.</param>
    /// <returns>A scalar.</returns>
    public static Tensor LabelLoss(Tensor code, Tensor labels) =>
        nn.functional.nll_loss(code.clamp_min(1e-12).log(), labels);

    private static int CheckedCodeSize(int classes, int? codeSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        if (codeSize is { } size && size < classes)
        {
            throw new ArgumentOutOfRangeException(nameof(codeSize), size,
                $"codeSize = {size} is smaller than classes = {classes}; the softmax code needs a unit per class (IPRL uses 50 for 10 classes).");
        }

        return codeSize ?? classes;
    }

    /// <summary>Loss = reconstruction + λ · CE(z, labels); <paramref name="labels"/> is required.</summary>
    /// <param name="input">N × 784 batch.</param>
    /// <param name="labels">N int64 labels (required).</param>
    /// <returns>The loss with parts <c>"reconstruction"</c> and <c>"label"</c>.</returns>
    public override LossOutput Loss(Tensor input, Tensor? labels = null)
    {
        var y = RequireLabels(labels, input);
        var code = Encode(input);
        var reconstruction = Decode(code);
        var rec = ReconstructionLoss(input, reconstruction);
        var ce = LabelLoss(code, y);
        var total = rec + (Lambda * ce);
        return new LossOutput(total, reconstruction, new Dictionary<string, Tensor> { ["reconstruction"] = rec, ["label"] = ce });
    }
}
