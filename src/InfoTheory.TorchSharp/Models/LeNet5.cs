using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The LeNet-5 classifier (LeCun, Bottou, Bengio &amp; Haffner, Proc. IEEE 86(11), 1998, doi:10.1109/5.726791) in its
/// common modern form, for the CNN information-plane studies: input N × 1 × 28 × 28, output N × 10 logits.
/// </summary>
/// <remarks>
/// Layers (each a named child ending in its activation): <c>conv1</c> = conv 6@5×5 (padding 2) + ReLU + 2×2 max-pool
/// (N × 6 × 14 × 14); <c>conv2</c> = conv 16@5×5 + ReLU + 2×2 max-pool (N × 16 × 5 × 5); <c>fc1</c> = flatten + linear
/// 400 → 120 + ReLU; <c>fc2</c> = linear 120 → 84 + ReLU; <c>out</c> = linear 84 → 10 (logits, no softmax).
/// Loss: cross-entropy of the softmax of the logits against the labels, mean over the batch (part
/// <c>"cross_entropy"</c>); it needs labels.
/// </remarks>
public sealed class LeNet5 : ZooModel
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = new();

    /// <summary>Creates LeNet-5.</summary>
    /// <param name="classes">Number of classes (10).</param>
    /// <param name="seed">Initialisation seed.</param>
    public LeNet5(int classes = 10, int seed = 0)
        : base(nameof(LeNet5))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        using (new SeedScope(seed))
        {
            _layers.Add(AddLayer("conv1", nn.Sequential(("conv", nn.Conv2d(1, 6, 5, padding: 2)), ("act", nn.ReLU()), ("pool", nn.MaxPool2d(2)))));
            _layers.Add(AddLayer("conv2", nn.Sequential(("conv", nn.Conv2d(6, 16, 5)), ("act", nn.ReLU()), ("pool", nn.MaxPool2d(2)))));
            _layers.Add(AddLayer("fc1", nn.Sequential(("flatten", nn.Flatten()), ("linear", nn.Linear(400, 120)), ("act", nn.ReLU()))));
            _layers.Add(AddLayer("fc2", Layers.Dense(120, 84, Activation.ReLU)));
            _layers.Add(AddLayer("out", nn.Sequential(("linear", nn.Linear(84, classes)))));
        }
    }

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Image;

    /// <inheritdoc />
    public override bool NeedsLabels => true;

    /// <summary>The class logits.</summary>
    /// <param name="input">N × 1 × 28 × 28.</param>
    /// <returns>N × classes.</returns>
    public override Tensor forward(Tensor input) => Chain(_layers, input);

    /// <summary>Cross-entropy of the logits against <paramref name="labels"/> (required), mean over the batch.</summary>
    /// <param name="input">N × 1 × 28 × 28.</param>
    /// <param name="labels">N int64 labels.</param>
    /// <returns>The loss with part <c>"cross_entropy"</c>.</returns>
    public override LossOutput Loss(Tensor input, Tensor? labels = null)
    {
        var y = RequireLabels(labels, input);
        var logits = forward(input);
        var ce = nn.functional.cross_entropy(logits, y);
        return new LossOutput(ce, logits, new Dictionary<string, Tensor> { ["cross_entropy"] = ce });
    }
}
