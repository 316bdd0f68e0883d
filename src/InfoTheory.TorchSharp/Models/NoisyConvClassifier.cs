using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The stochastic convolutional MNIST classifier of Butakov et al., "Information Bottleneck Analysis of Deep Neural
/// Networks via Lossy Compression", ICLR 2024 (arXiv:2305.08013; their code github.com/VanessB/Information-v3,
/// <c>MNIST_Classifier</c>): every layer's input gets dropout and additive Gaussian noise of standard deviation σ, and
/// the noise stays on at inference, so that I(X; L) is finite (the stochastic-network method of Goldfeld et al., ICML
/// 2019). Input N × 1 × 28 × 28, output N × 10 log-probabilities.
/// </summary>
/// <remarks>
/// Layers (named children, each: dropout 0.1 (training only) → + N(0, σ²) noise (always) → map → activation):
/// <c>layer1</c> = conv 8@3×3 (no padding), 2×2 max-pool, LeakyReLU (N × 8 × 13 × 13); <c>layer2</c> = conv 16@3×3,
/// max-pool, LeakyReLU (N × 16 × 5 × 5); <c>layer3</c> = conv 32@3×3, max-pool, LeakyReLU (N × 32 × 1 × 1); <c>layer4</c> =
/// flatten, linear 32 → 32, LeakyReLU; <c>layer5</c> = linear 32 → 10, log-softmax (no dropout before the dense layers,
/// as the authors'). LeakyReLU slope 0.01 (torch's default, as the authors'). Loss: negative log-likelihood of the
/// labels (part <c>"nll"</c>). The noise draws come from torch's global generator: seed it before a measured pass.
/// </remarks>
public sealed class NoisyConvClassifier : ZooModel
{
    private readonly List<nn.Module<Tensor, Tensor>> _layers = new();

    /// <summary>Creates the classifier.</summary>
    /// <param name="sigma">σ, the standard deviation of the noise added to every layer's input (the authors use 1e-3; 0 for none).</param>
    /// <param name="dropout">Dropout probability before the convolutions during training (0.1).</param>
    /// <param name="classes">Number of classes (10).</param>
    /// <param name="seed">Initialisation seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">σ is negative or not finite, dropout is outside [0, 1), or classes &lt; 2.</exception>
    public NoisyConvClassifier(double sigma = 1e-3, double dropout = 0.1, int classes = 10, int seed = 0)
        : base(nameof(NoisyConvClassifier))
    {
        if (!(sigma >= 0) || double.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "sigma is the noise standard deviation: use a finite value ≥ 0, e.g. 1e-3.");
        }

        if (!(dropout >= 0 && dropout < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout is a probability in [0, 1), e.g. 0.1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Sigma = sigma;
        using (new SeedScope(seed))
        {
            _layers.Add(AddLayer("layer1", Conv(1, 8, dropout, sigma)));
            _layers.Add(AddLayer("layer2", Conv(8, 16, dropout, sigma)));
            _layers.Add(AddLayer("layer3", Conv(16, 32, dropout, sigma)));
            _layers.Add(AddLayer("layer4", nn.Sequential(("flatten", nn.Flatten()), ("noise", new GaussianNoise(sigma)),
                ("linear", nn.Linear(32, 32)), ("act", nn.LeakyReLU()))));
            _layers.Add(AddLayer("layer5", nn.Sequential(("noise", new GaussianNoise(sigma)), ("linear", nn.Linear(32, classes)),
                ("act", nn.LogSoftmax(1)))));
        }
    }

    /// <summary>σ, the standard deviation of the noise added to every layer's input.</summary>
    public double Sigma { get; }

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Image;

    /// <inheritdoc />
    public override bool NeedsLabels => true;

    /// <summary>The class log-probabilities.</summary>
    /// <param name="input">N × 1 × 28 × 28.</param>
    /// <returns>N × classes.</returns>
    public override Tensor forward(Tensor input) => Chain(_layers, input);

    /// <summary>Negative log-likelihood of <paramref name="labels"/> (required), mean over the batch.</summary>
    /// <param name="input">N × 1 × 28 × 28.</param>
    /// <param name="labels">N int64 labels.</param>
    /// <returns>The loss with part <c>"nll"</c>.</returns>
    public override LossOutput Loss(Tensor input, Tensor? labels = null)
    {
        var y = RequireLabels(labels, input);
        var logp = forward(input);
        var nll = nn.functional.nll_loss(logp, y);
        return new LossOutput(nll, logp, new Dictionary<string, Tensor> { ["nll"] = nll });
    }

    private static global::TorchSharp.Modules.Sequential Conv(long inChannels, long outChannels, double dropout, double sigma) =>
        nn.Sequential(("dropout", nn.Dropout(dropout)), ("noise", new GaussianNoise(sigma)), ("conv", nn.Conv2d(inChannels, outChannels, 3)),
            ("pool", nn.MaxPool2d(2)), ("act", nn.LeakyReLU()));

    /// <summary>Adds N(0, σ²) noise in training and in evaluation alike (the stochastic layer of Goldfeld et al.).</summary>
    private sealed class GaussianNoise(double sigma) : nn.Module<Tensor, Tensor>(nameof(GaussianNoise))
    {
        public override Tensor forward(Tensor input) => sigma > 0 ? input + torch.randn_like(input) * sigma : input.alias();
    }
}
