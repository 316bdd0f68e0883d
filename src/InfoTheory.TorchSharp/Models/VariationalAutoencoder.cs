using InfoTheory.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>What the code layer <c>z</c> of a <see cref="VariationalAutoencoder"/> returns in eval mode (where the information plane is measured).</summary>
public enum VariationalCode
{
    /// <summary>The mean μ of q(z|x): a deterministic code (the usual inference-time choice).</summary>
    Mean,

    /// <summary>
    /// A reparameterised sample z = μ + σ·ε, as in training. Lee &amp; Jo's code (IPRL, <c>MNIST/VAE.py</c>) measures the
    /// information plane on sampled codes: it keeps the ε of each training iteration and evaluates z = μ + ε·σ on the probe
    /// batch, and its decoder layers and reconstruction are computed from that sample.
    /// </summary>
    Sample,
}

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling, "Auto-Encoding Variational Bayes", ICLR 2014, arXiv:1312.6114),
/// 784 → 400 → (μ, log σ²) ∈ ℝ²⁰ → z → 400 → 784 by default, ReLU hidden layers and a sigmoid output; studied among
/// the autoencoders of Lee &amp; Jo, Entropy 23(7), 862 (2021), doi:10.3390/e23070862.
/// </summary>
/// <remarks>
/// <para>Layers: <c>enc1 …</c> (hidden), <c>z</c>, <c>dec1 …</c>, <c>out</c>. The unmeasured child <c>stats</c> (a linear
/// layer) maps the last hidden layer to the concatenation [μ, log σ²]; the layer <c>z</c> takes that concatenation and
/// returns the reparameterised sample z = μ + σ·ε, ε ~ N(0, I), drawn from the model's own generator seeded with
/// <c>seed</c>, in training mode; in eval mode it returns μ by default, or a sample with <see cref="VariationalCode.Sample"/>
/// (Lee &amp; Jo's choice for their information planes). A hook on <c>z</c> therefore sees the sample (training) or, in
/// eval mode, whatever <see cref="EvaluationCode"/> says. Eval-mode samples come from a second generator (seeded from
/// <c>seed</c> too), so how often a model is measured does not change the noise its training sees; the monitors restart
/// it at each measurement with the iteration as key (<see cref="IStochasticEvaluation"/>), so the draws of a measurement
/// do not depend on how many eval passes ran before it.</para>
/// <para>Loss = BCE + KL, with BCE = (1/N) Σ_n Σ_pixels −[x log x̂ + (1 − x) log(1 − x̂)] (sum over pixels, mean over the
/// batch) and KL = (1/N) Σ_n −½ Σ_j (1 + log σ²_nj − μ²_nj − σ²_nj) (see <see cref="KlDivergence"/>); parts
/// <c>"reconstruction"</c> and <c>"kl"</c>. <see cref="AutoencoderBase.ReconstructionLoss"/> is that summed BCE.</para>
/// </remarks>
public sealed class VariationalAutoencoder : AutoencoderBase, IStochasticEvaluation
{
    private readonly List<nn.Module<Tensor, Tensor>> _encoder = new();
    private readonly List<nn.Module<Tensor, Tensor>> _decoder = new();
    private readonly nn.Module<Tensor, Tensor> _stats;
    private readonly Reparameterize _z;

    /// <summary>Creates the VAE.</summary>
    /// <param name="latentSize">Dimension of z (default 20).</param>
    /// <param name="hiddenSizes">Hidden encoder widths (default 400); the decoder mirrors them.</param>
    /// <param name="inputSize">Input width (784 for MNIST).</param>
    /// <param name="activation">Activation of the hidden layers (ReLU).</param>
    /// <param name="seed">Seed of the initialisation and of the sampling generators.</param>
    /// <param name="evaluationCode">What <c>z</c> returns in eval mode: μ (default) or a sample.</param>
    public VariationalAutoencoder(
        int latentSize = 20,
        IReadOnlyList<int>? hiddenSizes = null,
        int inputSize = 784,
        Activation activation = Activation.ReLU,
        int seed = 0,
        VariationalCode evaluationCode = VariationalCode.Mean)
        : base(nameof(VariationalAutoencoder), ReconstructionLossKind.BinaryCrossEntropy)
    {
        EvaluationCode = EnumGuard.Defined(evaluationCode);
        var hidden = (hiddenSizes ?? [400]).ToArray();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(latentSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputSize);
        if (hidden.Any(h => h <= 0))
        {
            throw new ArgumentException("Hidden widths must be positive.", nameof(hiddenSizes));
        }

        LatentSize = latentSize;
        using (new SeedScope(seed))
        {
            long prev = inputSize;
            for (int i = 0; i < hidden.Length; i++)
            {
                _encoder.Add(AddLayer($"enc{i + 1}", Layers.Dense(prev, hidden[i], activation)));
                prev = hidden[i];
            }

            _stats = nn.Linear(prev, 2L * latentSize);
            register_module("stats", _stats);
            _z = AddLayer("z", new Reparameterize(latentSize, seed, evaluationCode == VariationalCode.Sample));
            prev = latentSize;
            for (int i = hidden.Length - 1; i >= 0; i--)
            {
                _decoder.Add(AddLayer($"dec{hidden.Length - i}", Layers.Dense(prev, hidden[i], activation)));
                prev = hidden[i];
            }

            _decoder.Add(AddLayer("out", Layers.Dense(prev, inputSize, Activation.Sigmoid)));
        }
    }

    /// <summary>The dimension of z.</summary>
    public int LatentSize { get; }

    /// <summary>What the code layer <c>z</c> returns in eval mode: μ or a sample.</summary>
    public VariationalCode EvaluationCode { get; }

    /// <inheritdoc />
    public override InputLayout InputLayout => InputLayout.Flat;

    /// <summary>Restarts the eval-mode sampling of <c>z</c> at the stream of (seed, <paramref name="key"/>); with
    /// <see cref="VariationalCode.Mean"/> there is nothing to draw and the call changes nothing.</summary>
    /// <param name="key">The measurement's key (the monitors pass the iteration).</param>
    public void SetEvaluationKey(long key) => _z.SetEvaluationKey(key);

    /// <summary>
    /// KL(N(μ, σ²) ‖ N(0, I)) per sample: −½ Σ_j (1 + log σ²_j − μ_j² − σ²_j), summed over the latent dimensions.
    /// </summary>
    /// <param name="mu">μ, N × d (or d).</param>
    /// <param name="logVar">log σ², same shape.</param>
    /// <returns>The KL of each sample (shape N; a scalar for 1-D input).</returns>
    public static Tensor KlDivergence(Tensor mu, Tensor logVar)
    {
        ArgumentNullException.ThrowIfNull(mu);
        ArgumentNullException.ThrowIfNull(logVar);
        var terms = 1 + logVar - mu.pow(2) - logVar.exp();
        return -0.5 * terms.sum(new long[] { -1 });
    }

    /// <summary>The encoder's distribution parameters for a batch.</summary>
    /// <param name="input">N × 784 batch.</param>
    /// <returns>μ and log σ² (N × d each).</returns>
    public (Tensor Mu, Tensor LogVar) EncodeDistribution(Tensor input)
    {
        var stats = _stats.call(Chain(_encoder, input));
        var parts = stats.chunk(2, 1);
        return (parts[0], parts[1]);
    }

    /// <summary>The code z: a reparameterised sample in training mode; in eval mode μ, or a sample with <see cref="VariationalCode.Sample"/>.</summary>
    /// <param name="input">N × 784 batch.</param>
    /// <returns>N × d.</returns>
    public override Tensor Encode(Tensor input) => _z.call(_stats.call(Chain(_encoder, input)));

    /// <inheritdoc />
    public override Tensor Decode(Tensor code) => Chain(_decoder, code);

    /// <summary>The summed binary cross-entropy (sum over pixels, mean over the batch).</summary>
    /// <param name="input">x.</param>
    /// <param name="reconstruction">x̂.</param>
    /// <returns>A scalar.</returns>
    public override Tensor ReconstructionLoss(Tensor input, Tensor reconstruction) =>
        nn.functional.binary_cross_entropy(reconstruction.clamp(1e-7, 1 - 1e-7), input, reduction: nn.Reduction.Sum) / input.shape[0];

    /// <summary>Loss = BCE (sum over pixels, mean over batch) + mean KL; parts <c>"reconstruction"</c> and <c>"kl"</c>.</summary>
    /// <param name="input">N × 784 batch.</param>
    /// <param name="labels">Ignored.</param>
    /// <returns>The loss.</returns>
    public override LossOutput Loss(Tensor input, Tensor? labels = null)
    {
        var stats = _stats.call(Chain(_encoder, input));
        var z = _z.call(stats);
        var reconstruction = Decode(z);
        var parts = stats.chunk(2, 1);
        var rec = ReconstructionLoss(input, reconstruction);
        var kl = KlDivergence(parts[0], parts[1]).mean();
        return new LossOutput(rec + kl, reconstruction, new Dictionary<string, Tensor> { ["reconstruction"] = rec, ["kl"] = kl });
    }

    /// <summary>
    /// Maps [μ, log σ²] (N × 2d) to z = μ + exp(½ log σ²)·ε in training mode, and in eval mode to μ or (when sampling at
    /// evaluation) to a sample as well. ε comes from generators seeded from the model seed (one for training, one for
    /// eval-mode samples), created on the device of the first input (and re-created, re-seeded, if the model moves to
    /// another device).
    /// </summary>
    private sealed class Reparameterize : nn.Module<Tensor, Tensor>
    {
        // The eval-mode stream: a fixed offset from the training seed, so the two streams differ.
        private const ulong EvaluationStream = 0x9E3779B97F4A7C15UL;

        private readonly int _size;
        private readonly int _seed;
        private readonly bool _sampleInEval;
        private Generator? _training;
        private Generator? _evaluation;
        private ulong _evaluationSeed;

        public Reparameterize(int size, int seed, bool sampleInEval)
            : base(nameof(Reparameterize))
        {
            _size = size;
            _seed = seed;
            _sampleInEval = sampleInEval;
            _evaluationSeed = unchecked((ulong)seed) ^ EvaluationStream;
        }

        public void SetEvaluationKey(long key)
        {
            // SplitMix64's finaliser of (seed, key): nearby keys give unrelated streams.
            ulong z = unchecked((((ulong)_seed << 32) ^ (ulong)key) + EvaluationStream);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            _evaluationSeed = z ^ (z >> 31);
            _evaluation?.Dispose();
            _evaluation = null;
        }

        public override Tensor forward(Tensor input)
        {
            var mu = input.narrow(1, 0, _size);
            if (!training && !_sampleInEval)
            {
                return mu;
            }

            var logVar = input.narrow(1, _size, _size);
            var generator = training
                ? GeneratorFor(ref _training, mu.device, unchecked((ulong)_seed))
                : GeneratorFor(ref _evaluation, mu.device, _evaluationSeed);
            var eps = torch.randn(mu.shape, dtype: mu.dtype, device: mu.device, generator: generator);
            return mu + ((0.5 * logVar).exp() * eps);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _training?.Dispose();
                _training = null;
                _evaluation?.Dispose();
                _evaluation = null;
            }

            base.Dispose(disposing);
        }

        private static Generator GeneratorFor(ref Generator? generator, Device device, ulong seed)
        {
            if (generator is null || generator.device.type != device.type || generator.device.index != device.index)
            {
                generator?.Dispose();
                generator = device.type == DeviceType.CPU ? new Generator(seed) : new Generator(seed, device);
            }

            return generator;
        }
    }
}
