using System.Globalization;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>The kind of optimiser <see cref="Trainer"/> uses.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma &amp; Ba, 2015) with PyTorch's defaults β = (0.9, 0.999), ε = 1e-8.</summary>
    Adam,

    /// <summary>Stochastic gradient descent, optionally with (heavy-ball) momentum, as PyTorch's <c>SGD</c>.</summary>
    Sgd,
}

/// <summary>
/// The optimiser setting of <see cref="Trainer.Train"/>: Adam (the default) or SGD with momentum, as Yu, Wickstrøm,
/// Jenssen &amp; Príncipe (IEEE TNNLS 32(1) 2021) train their CNNs (momentum 0.95, learning rate 0.1). The learning rate
/// stays a parameter of <see cref="Trainer.Train"/>.
/// </summary>
public sealed record TrainingOptimizer
{
    private TrainingOptimizer(OptimizerKind kind, double momentum)
    {
        Kind = kind;
        Momentum = momentum;
    }

    /// <summary>Adam with PyTorch's defaults (the default of <see cref="Trainer.Train"/>).</summary>
    public static TrainingOptimizer Adam { get; } = new(OptimizerKind.Adam, 0);

    /// <summary>Which optimiser.</summary>
    public OptimizerKind Kind { get; }

    /// <summary>SGD's momentum μ in [0, 1) (v ← μ·v + g, θ ← θ − lr·v); 0 for Adam.</summary>
    public double Momentum { get; }

    /// <summary>SGD with momentum μ (0 for plain SGD): v ← μ·v + g, θ ← θ − lr·v, as PyTorch's <c>SGD</c> without dampening.</summary>
    /// <param name="momentum">μ in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">μ outside [0, 1).</exception>
    public static TrainingOptimizer Sgd(double momentum = 0)
    {
        if (!(momentum >= 0 && momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum,
                "SGD's momentum must be in [0, 1) (0 for plain SGD; Yu et al. use 0.95).");
        }

        return new TrainingOptimizer(OptimizerKind.Sgd, momentum);
    }

    /// <summary>"Adam" or "SGD (momentum 0.95)".</summary>
    public override string ToString() => Kind == OptimizerKind.Adam ? "Adam"
        : Momentum == 0 ? "SGD" : $"SGD (momentum {Momentum.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>The torch optimiser over <paramref name="parameters"/>.</summary>
    internal optim.Optimizer Create(IEnumerable<global::TorchSharp.Modules.Parameter> parameters, double learningRate) => Kind switch
    {
        OptimizerKind.Adam => optim.Adam(parameters, learningRate),
        _ => optim.SGD(parameters, learningRate, momentum: Momentum),
    };
}
