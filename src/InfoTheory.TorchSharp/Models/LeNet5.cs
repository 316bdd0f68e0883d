using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The LeNet-5 classifier (LeCun, Bottou, Bengio &amp; Haffner, Proc. IEEE 86(11), 1998, doi:10.1109/5.726791) in its
/// common modern form, for the CNN information-plane studies: input N × 1 × 28 × 28, output N × 10 logits.
/// </summary>
/// <remarks>
/// Layers (each a named child ending in its activation): <c>conv1</c> = conv C₁@5×5 (padding 2) + activation + 2×2
/// max-pool (N × C₁ × 14 × 14); <c>conv2</c> = conv C₂@5×5 + activation + 2×2 max-pool (N × C₂ × 5 × 5); <c>fc1</c> =
/// flatten + linear 25·C₂ → 120 + activation; <c>fc2</c> = linear 120 → 84 + activation; <c>out</c> = linear 84 → 10
/// (logits, no softmax). The defaults C₁ = 6, C₂ = 16 and ReLU are the common modern form; Yu, Wickstrøm, Jenssen &amp;
/// Príncipe (IEEE TNNLS 32(1) 2021) sweep the filter counts (C₁ ∈ {2, 4, 6, 8, …} with C₂ = 12, and C₂ with C₁ = 6) and
/// compare sigmoid with ReLU, which the constructor's <c>conv1Filters</c>, <c>conv2Filters</c> and <c>activation</c> give.
/// Loss: cross-entropy of the softmax of the logits against the labels, mean over the batch (part
/// <c>"cross_entropy"</c>); it needs labels.
/// </remarks>
public sealed class LeNet5 : ZooModel
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = new();

    /// <summary>Creates LeNet-5.</summary>
    /// <param name="classes">Number of classes (10).</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <param name="conv1Filters">Filters (feature maps) of <c>conv1</c>, C₁ ≥ 1 (default 6).</param>
    /// <param name="conv2Filters">Filters of <c>conv2</c>, C₂ ≥ 1 (default 16).</param>
    /// <param name="activation">The non-linearity after every hidden layer: <see cref="Activation.ReLU"/> (default),
    /// <see cref="Activation.Sigmoid"/>, <see cref="Activation.Tanh"/> or <see cref="Activation.None"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1, or <see cref="Activation.Softmax"/> (not an element-wise non-linearity).</exception>
    public LeNet5(int classes = 10, int seed = 0, int conv1Filters = 6, int conv2Filters = 16, Activation activation = Activation.ReLU)
        : base(nameof(LeNet5))
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(conv1Filters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(conv2Filters);
        if (activation is Activation.Softmax || !Enum.IsDefined(activation))
        {
            throw new ArgumentOutOfRangeException(nameof(activation), activation,
                "LeNet-5's hidden layers take an element-wise activation: ReLU, Sigmoid, Tanh or None.");
        }

        Conv1Filters = conv1Filters;
        Conv2Filters = conv2Filters;
        Activation = activation;
        using (new SeedScope(seed))
        {
            _layers.Add(AddLayer("conv1", nn.Sequential(("conv", nn.Conv2d(1, conv1Filters, 5, padding: 2)), ("act", Layers.Make(activation)), ("pool", nn.MaxPool2d(2)))));
            _layers.Add(AddLayer("conv2", nn.Sequential(("conv", nn.Conv2d(conv1Filters, conv2Filters, 5)), ("act", Layers.Make(activation)), ("pool", nn.MaxPool2d(2)))));
            _layers.Add(AddLayer("fc1", nn.Sequential(("flatten", nn.Flatten()), ("linear", nn.Linear(25L * conv2Filters, 120)), ("act", Layers.Make(activation)))));
            _layers.Add(AddLayer("fc2", Layers.Dense(120, 84, activation)));
            _layers.Add(AddLayer("out", nn.Sequential(("linear", nn.Linear(84, classes)))));
        }
    }

    /// <summary>Filters (feature maps) of <c>conv1</c>, C₁.</summary>
    public int Conv1Filters { get; }

    /// <summary>Filters of <c>conv2</c>, C₂.</summary>
    public int Conv2Filters { get; }

    /// <summary>The non-linearity after every hidden layer.</summary>
    public Activation Activation { get; }

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
