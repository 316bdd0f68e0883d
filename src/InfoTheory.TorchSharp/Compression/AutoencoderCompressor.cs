using InfoTheory.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>Settings of <see cref="AutoencoderCompressor"/>.</summary>
public sealed record AutoencoderCompressorOptions
{
    /// <summary>The default number of training epochs, 30.</summary>
    public const int DefaultEpochs = 30;

    private readonly int _codeSize = 4;
    private readonly IReadOnlyList<int> _hiddenSizes = ValueList<int>.Require([128, 64], nameof(HiddenSizes));
    private readonly int _epochs = DefaultEpochs;
    private readonly int _batchSize = 128;
    private readonly double _learningRate = 1e-3;

    /// <summary>n′, the width of the code (default 4).</summary>
    public int CodeSize { get => _codeSize; init => _codeSize = NeuralData.AtLeast(value, 1, nameof(CodeSize), "use e.g. the latent dimension you expect."); }

    /// <summary>Widths of the encoder's hidden layers, input side first (default 128, 64); the decoder mirrors them.</summary>
    public IReadOnlyList<int> HiddenSizes
    {
        get => _hiddenSizes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(h => h < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(HiddenSizes), string.Join(",", value), "every hidden width must be ≥ 1.");
            }

            _hiddenSizes = ValueList<int>.Require(value, nameof(HiddenSizes));
        }
    }

    /// <summary>Passes over the data (default 30).</summary>
    public int Epochs { get => _epochs; init => _epochs = NeuralData.AtLeast(value, 1, nameof(Epochs), $"use e.g. {DefaultEpochs}."); }

    /// <summary>Mini-batch size (default 128).</summary>
    public int BatchSize { get => _batchSize; init => _batchSize = NeuralData.AtLeast(value, 1, nameof(BatchSize), "use e.g. 128."); }

    /// <summary>Adam's learning rate (default 1e-3).</summary>
    public double LearningRate { get => _learningRate; init => _learningRate = NeuralData.Positive(value, nameof(LearningRate), "use e.g. 1e-3."); }

    /// <summary>Seed of the initialisation and the shuffling (default 0).</summary>
    public int Seed { get; init; }
}

/// <summary>
/// A dense autoencoder as a compressor (Butakov et al., ICLR 2024, arXiv:2305.08013, compress images with an
/// autoencoder before a k-NN estimator): D → hidden … → n′ (linear code) → … hidden → D, ReLU between layers, trained
/// with Adam on the mean squared reconstruction error of the column-standardised data.
/// </summary>
/// <remarks>
/// The code is linear (no squashing) so that a k-NN estimator sees an unbounded, smooth representation. Fitting is
/// deterministic for a seed, machine and torch thread count. An autoencoder is not guaranteed injective on the data, so
/// compressed MI is a lower bound of I(X; Y) by data processing unless the reconstruction is near perfect; no analytic
/// loss bound is given (Butakov et al. bound the loss for PCA only).
/// </remarks>
public sealed class AutoencoderCompressor : ICompressor
{
    /// <summary>An autoencoder compressor with the given settings.</summary>
    public AutoencoderCompressor(AutoencoderCompressorOptions? options = null) => Options = options ?? new AutoencoderCompressorOptions();

    /// <summary>The settings.</summary>
    public AutoencoderCompressorOptions Options { get; }

    /// <inheritdoc />
    public string Name => $"ae-{Options.CodeSize}";

    /// <inheritdoc />
    IFittedCompressor ICompressor.Fit(Samples samples) => Fit(samples);

    /// <inheritdoc />
    IFittedCompressor ICompressor.Fit(Samples samples, CancellationToken cancellationToken) => Fit(samples, cancellationToken: cancellationToken);

    /// <summary>Trains the autoencoder on <paramref name="samples"/> (dispose the result to free its tensors).</summary>
    /// <param name="samples">N ≥ 2 observations of the variable.</param>
    /// <param name="progress">Receives the stage <c>epochs</c> (<see cref="AutoencoderCompressorOptions.Epochs"/> in all; see
    /// <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the training before the next mini-batch; the half-trained network is freed.</param>
    /// <exception cref="ArgumentException">Fewer than 2 rows or non-finite values.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public AutoencoderCompression Fit(Samples samples, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        NeuralData.ValidateOne(samples, 2, nameof(samples));
        var o = Options;
        int n = samples.Count, d = samples.Dimensions;
        var all = Enumerable.Range(0, n).ToArray();
        var (mean, sd) = Moments(samples);
        var data = Standardise(samples, mean, sd);
        Codec codec;
        using (new SeedScope(o.Seed))
        {
            codec = new Codec(d, o.HiddenSizes, o.CodeSize);
        }

        double lastLoss = double.NaN;
        try
        {
            using var optimizer = torch.optim.Adam(codec.parameters(), o.LearningRate);
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(data, [n, d]);
            var random = new Random(unchecked(o.Seed * 7919 + 41));
            var epochs = new StepProgress(progress, "epochs", o.Epochs);
            for (int epoch = 0; epoch < o.Epochs; epoch++)
            {
                random.Shuffle(all);
                double sum = 0;
                int batches = 0;
                for (int start = 0; start < n; start += o.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var stepScope = torch.NewDisposeScope();
                    var idx = torch.tensor(all[start..Math.Min(n, start + o.BatchSize)].Select(i => (long)i).ToArray());
                    var xb = x.index_select(0, idx);
                    var loss = nn.functional.mse_loss(codec.call(xb), xb);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    sum += loss.item<float>();
                    batches++;
                }

                lastLoss = sum / batches;
                epochs.Report(epoch + 1);
            }
        }
        catch
        {
            codec.Dispose(); // not handed out: free the network's tensors here
            throw;
        }

        return new AutoencoderCompression(codec, mean, sd, o.CodeSize, lastLoss);
    }

    internal static (double[] Mean, double[] Sd) Moments(Samples samples)
    {
        int n = samples.Count, d = samples.Dimensions;
        var mean = new double[d];
        var sd = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                mean[k] += samples[i, k] / n;
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                double t = samples[i, k] - mean[k];
                sd[k] += t * t / Math.Max(1, n - 1);
            }
        }

        for (int k = 0; k < d; k++)
        {
            sd[k] = sd[k] > 0 ? Math.Sqrt(sd[k]) : 1;
        }

        return (mean, sd);
    }

    internal static float[] Standardise(Samples samples, double[] mean, double[] sd)
    {
        int n = samples.Count, d = samples.Dimensions;
        var result = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                result[i * d + k] = (float)((samples[i, k] - mean[k]) / sd[k]);
            }
        }

        return result;
    }

    /// <summary>The encoder/decoder pair.</summary>
    internal sealed class Codec : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Sequential _encoder;
        private readonly global::TorchSharp.Modules.Sequential _decoder;

        public Codec(int inputSize, IReadOnlyList<int> hidden, int codeSize)
            : base(nameof(Codec))
        {
            _encoder = Stack(inputSize, hidden, codeSize);
            _decoder = Stack(codeSize, hidden.Reverse().ToArray(), inputSize);
            RegisterComponents();
        }

        public Tensor Encode(Tensor input) => _encoder.call(input);

        public override Tensor forward(Tensor input) => _decoder.call(_encoder.call(input));

        private static global::TorchSharp.Modules.Sequential Stack(int inputSize, IReadOnlyList<int> hidden, int outputSize)
        {
            var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
            long prev = inputSize;
            for (int i = 0; i < hidden.Count; i++)
            {
                layers.Add(($"linear{i}", nn.Linear(prev, hidden[i])));
                layers.Add(($"relu{i}", nn.ReLU()));
                prev = hidden[i];
            }

            layers.Add(("out", nn.Linear(prev, outputSize)));
            return nn.Sequential(layers);
        }
    }
}

/// <summary>A trained autoencoder: encodes any samples of the variable it was fitted on. Dispose to free its tensors.</summary>
public sealed class AutoencoderCompression : IFittedCompressor, IDisposable
{
    private readonly AutoencoderCompressor.Codec _codec;
    private readonly double[] _mean;
    private readonly double[] _sd;
    private readonly object _gate = new();

    internal AutoencoderCompression(AutoencoderCompressor.Codec codec, double[] mean, double[] sd, int codeSize, double reconstructionError)
    {
        _codec = codec;
        _mean = mean;
        _sd = sd;
        OutputDimensions = codeSize;
        ReconstructionError = reconstructionError;
    }

    /// <inheritdoc />
    public int InputDimensions => _mean.Length;

    /// <inheritdoc />
    public int OutputDimensions { get; }

    /// <summary>The mean squared reconstruction error of the last epoch, on the standardised data (1 = no better than the mean).</summary>
    public double ReconstructionError { get; }

    /// <inheritdoc />
    public Samples Encode(Samples samples)
    {
        if (samples.Dimensions != InputDimensions)
        {
            throw new ArgumentException(
                $"samples have {samples.Dimensions} column(s) but this autoencoder was fitted on {InputDimensions}; encode data of the same variable.", nameof(samples));
        }

        NeuralData.ValidateOne(samples, 1, nameof(samples));
        var data = AutoencoderCompressor.Standardise(samples, _mean, _sd);
        lock (_gate)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var codes = _codec.Encode(torch.tensor(data, [samples.Count, InputDimensions])).to_type(ScalarType.Float64);
            return new Samples(codes.data<double>().ToArray(), OutputDimensions);
        }
    }

    /// <summary>Frees the network's tensors.</summary>
    public void Dispose() => _codec.Dispose();
}
