using InfoTheory.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>Settings of <see cref="ConvolutionalAutoencoderCompressor"/>.</summary>
public sealed record ConvolutionalAutoencoderCompressorOptions
{
    /// <summary>The default number of training epochs, 30.</summary>
    public const int DefaultEpochs = 30;

    private readonly int _codeSize = 2;
    private readonly int _channels = 1;
    private readonly int _imageHeight;
    private readonly int _imageWidth;
    private readonly IReadOnlyList<int> _filters = ValueList<int>.Require([8, 16], nameof(Filters));
    private readonly int _hiddenSize = 64;
    private readonly int _epochs = DefaultEpochs;
    private readonly int _batchSize = 128;
    private readonly double _learningRate = 1e-3;

    /// <summary>n′, the width of the code (default 2: the latent dimension of Butakov et al.'s Gaussian-blob images).</summary>
    public int CodeSize { get => _codeSize; init => _codeSize = NeuralData.AtLeast(value, 1, nameof(CodeSize), "use the intrinsic dimension of the images, e.g. 2."); }

    /// <summary>Input channels C (default 1); a row holds C·H·W values, channel-major, then row-major.</summary>
    public int Channels { get => _channels; init => _channels = NeuralData.AtLeast(value, 1, nameof(Channels), "use 1 for grey images, 3 for RGB."); }

    /// <summary>Image height H in pixels; 0 (default) infers a square image from the row width: H = W = √(D / C).</summary>
    public int ImageHeight { get => _imageHeight; init => _imageHeight = NeuralData.AtLeast(value, 0, nameof(ImageHeight), "use 0 for square images or the height in pixels."); }

    /// <summary>Image width W in pixels; 0 (default) infers it as for <see cref="ImageHeight"/>.</summary>
    public int ImageWidth { get => _imageWidth; init => _imageWidth = NeuralData.AtLeast(value, 0, nameof(ImageWidth), "use 0 for square images or the width in pixels."); }

    /// <summary>
    /// Feature maps of the encoder's blocks (default 8, 16), input side first: each block is a 3 × 3 convolution
    /// (padding 1), LeakyReLU(0.2) and a 2 × 2 max-pool, so H and W must be divisible by 2^(number of blocks).
    /// </summary>
    public IReadOnlyList<int> Filters
    {
        get => _filters;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Count == 0 || value.Any(f => f < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(Filters), string.Join(",", value), "give at least one block, each with ≥ 1 feature map, e.g. 8, 16.");
            }

            _filters = ValueList<int>.Require(value, nameof(Filters));
        }
    }

    /// <summary>Width of the dense layer between the flattened maps and the code (default 64).</summary>
    public int HiddenSize { get => _hiddenSize; init => _hiddenSize = NeuralData.AtLeast(value, 1, nameof(HiddenSize), "use e.g. 64."); }

    /// <summary>Passes over the data (default 30).</summary>
    public int Epochs { get => _epochs; init => _epochs = NeuralData.AtLeast(value, 1, nameof(Epochs), $"use e.g. {DefaultEpochs}."); }

    /// <summary>Mini-batch size (default 128).</summary>
    public int BatchSize { get => _batchSize; init => _batchSize = NeuralData.AtLeast(value, 1, nameof(BatchSize), "use e.g. 128."); }

    /// <summary>Adam's learning rate (default 1e-3, as Butakov et al.'s code).</summary>
    public double LearningRate { get => _learningRate; init => _learningRate = NeuralData.Positive(value, nameof(LearningRate), "use e.g. 1e-3."); }

    /// <summary>Seed of the initialisation and the shuffling (default 0).</summary>
    public int Seed { get; init; }
}

/// <summary>
/// A convolutional autoencoder as a compressor of images, the compressor Butakov et al. use for their synthetic images
/// and for MNIST inputs ("Information Bottleneck Analysis of Deep Neural Networks via Lossy Compression", ICLR 2024,
/// arXiv:2305.08013; their code: github.com/VanessB/Information-v3, <c>cnn_autoencoder</c> and
/// <c>MNIST_ConvEncoder</c>): convolution blocks with LeakyReLU and max-pooling, a dense layer, and a linear code of
/// width n′; the decoder mirrors it with stride-2 transposed convolutions. Same interface as the dense
/// <see cref="AutoencoderCompressor"/>.
/// </summary>
/// <remarks>
/// <para>Encoder: for each entry f of <see cref="ConvolutionalAutoencoderCompressorOptions.Filters"/>: conv 3 × 3 (padding 1)
/// to f maps, LeakyReLU(0.2), max-pool 2 × 2; flatten; linear to <c>HiddenSize</c>, LeakyReLU(0.2); linear to n′ (a linear
/// code: the authors' tanh code, used without their batch normalisation, saturated at initialisation in our tests on 2000
/// 16×16 blob images and left every code equal). Decoder: linear n′ → <c>HiddenSize</c> → maps × (H/2ᵇ) × (W/2ᵇ), LeakyReLU after
/// each; per block in reverse a 2 × 2 transposed convolution of stride 2 and LeakyReLU; a 3 × 3 convolution to C maps
/// (linear output). Loss: mean squared error on the data scaled by one global mean and standard deviation (a scalar
/// pair: per-pixel standardisation would inflate the near-constant border pixels). Batch normalisation, input noise
/// and augmentation of the authors' Keras model are left out (deterministic fits; the images here are noise-free).</para>
/// <para>As with any autoencoder, injectivity on the data is not guaranteed: the compressed MI is a lower bound of
/// I(X; Y) by data processing unless the reconstruction is near perfect (<see cref="ConvolutionalAutoencoderCompression.ReconstructionError"/>).</para>
/// </remarks>
public sealed class ConvolutionalAutoencoderCompressor : ICompressor
{
    /// <summary>A convolutional autoencoder compressor with the given settings.</summary>
    public ConvolutionalAutoencoderCompressor(ConvolutionalAutoencoderCompressorOptions? options = null) =>
        Options = options ?? new ConvolutionalAutoencoderCompressorOptions();

    /// <summary>The settings.</summary>
    public ConvolutionalAutoencoderCompressorOptions Options { get; }

    /// <inheritdoc />
    public string Name => $"cae-{Options.CodeSize}";

    /// <inheritdoc />
    IFittedCompressor ICompressor.Fit(Samples samples) => Fit(samples);

    /// <inheritdoc />
    IFittedCompressor ICompressor.Fit(Samples samples, CancellationToken cancellationToken) => Fit(samples, cancellationToken: cancellationToken);

    /// <summary>The image shape (C, H, W) of rows <paramref name="dimensions"/> wide under these settings.</summary>
    /// <exception cref="ArgumentException">The width is not C·H·W, or H or W is not divisible by 2^(blocks).</exception>
    public (int Channels, int Height, int Width) ShapeOf(int dimensions)
    {
        var o = Options;
        int h = o.ImageHeight, w = o.ImageWidth;
        if (h == 0 || w == 0)
        {
            int side = (int)Math.Round(Math.Sqrt(dimensions / (double)o.Channels));
            h = h == 0 ? (w == 0 ? side : dimensions / o.Channels / w) : h;
            w = w == 0 ? dimensions / o.Channels / h : w;
        }

        if (h < 1 || w < 1 || o.Channels * h * w != dimensions)
        {
            throw new ArgumentException(
                $"samples have {dimensions} columns, which is not {o.Channels} channel(s) × H × W with H = {h}, W = {w}; set ImageHeight and ImageWidth (and Channels) to the images' shape.", "samples");
        }

        int factor = 1 << o.Filters.Count;
        if (h % factor != 0 || w % factor != 0)
        {
            throw new ArgumentException(
                $"{h} × {w} images cannot pass {o.Filters.Count} 2 × 2 max-pools; use sides divisible by {factor} or fewer Filters.", "samples");
        }

        return (o.Channels, h, w);
    }

    /// <summary>Trains the autoencoder on <paramref name="samples"/> (dispose the result to free its tensors).</summary>
    /// <param name="samples">N ≥ 2 images, one per row (C·H·W values).</param>
    /// <param name="progress">Receives the stage <c>epochs</c>; null for none.</param>
    /// <param name="cancellationToken">Stops the training before the next mini-batch; the half-trained network is freed.</param>
    /// <exception cref="ArgumentException">Fewer than 2 rows, non-finite values, or rows that are not images of the set shape.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public ConvolutionalAutoencoderCompression Fit(Samples samples, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        NeuralData.ValidateOne(samples, 2, nameof(samples));
        var o = Options;
        var (c, h, w) = ShapeOf(samples.Dimensions);
        int n = samples.Count, d = samples.Dimensions;
        var (mean, sd) = GlobalMoments(samples);
        var data = Scale(samples, mean, sd);
        Codec codec;
        using (new SeedScope(o.Seed))
        {
            codec = new Codec(c, h, w, o.Filters, o.HiddenSize, o.CodeSize);
        }

        double lastLoss = double.NaN;
        var all = Enumerable.Range(0, n).ToArray();
        try
        {
            using var optimizer = torch.optim.Adam(codec.parameters(), o.LearningRate);
            using var scope = torch.NewDisposeScope();
            var x = torch.tensor(data, [n, c, h, w]);
            var random = new Random(unchecked(o.Seed * 7919 + 43));
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

        codec.eval();
        return new ConvolutionalAutoencoderCompression(codec, d, (c, h, w), mean, sd, o.CodeSize, lastLoss);
    }

    /// <summary>One mean and one standard deviation over every value (sd 1 for constant data).</summary>
    internal static (double Mean, double Sd) GlobalMoments(Samples samples)
    {
        double sum = 0, sq = 0;
        long count = (long)samples.Count * samples.Dimensions;
        for (int i = 0; i < samples.Count; i++)
        {
            foreach (double v in samples.Row(i))
            {
                sum += v;
            }
        }

        double mean = sum / count;
        for (int i = 0; i < samples.Count; i++)
        {
            foreach (double v in samples.Row(i))
            {
                sq += (v - mean) * (v - mean);
            }
        }

        double sd = Math.Sqrt(sq / Math.Max(1, count - 1));
        return (mean, sd > 0 ? sd : 1);
    }

    internal static float[] Scale(Samples samples, double mean, double sd)
    {
        int n = samples.Count, d = samples.Dimensions;
        var result = new float[n * d];
        for (int i = 0; i < n; i++)
        {
            var row = samples.Row(i);
            for (int k = 0; k < d; k++)
            {
                result[i * d + k] = (float)((row[k] - mean) / sd);
            }
        }

        return result;
    }

    /// <summary>The convolutional encoder/decoder pair.</summary>
    internal sealed class Codec : nn.Module<Tensor, Tensor>
    {
        private readonly global::TorchSharp.Modules.Sequential _encoder;
        private readonly global::TorchSharp.Modules.Sequential _decoderDense;
        private readonly global::TorchSharp.Modules.Sequential _decoderConv;
        private readonly long[] _mapShape;

        public Codec(int channels, int height, int width, IReadOnlyList<int> filters, int hidden, int codeSize)
            : base(nameof(Codec))
        {
            int blocks = filters.Count;
            int hh = height >> blocks, ww = width >> blocks;
            _mapShape = [filters[^1], hh, ww];
            int flat = filters[^1] * hh * ww;
            var enc = new List<(string, nn.Module<Tensor, Tensor>)>();
            long prev = channels;
            for (int i = 0; i < blocks; i++)
            {
                enc.Add(($"conv{i}", nn.Conv2d(prev, filters[i], 3, padding: 1)));
                enc.Add(($"act{i}", nn.LeakyReLU(0.2)));
                enc.Add(($"pool{i}", nn.MaxPool2d(2)));
                prev = filters[i];
            }

            enc.Add(("flatten", nn.Flatten()));
            enc.Add(("dense", nn.Linear(flat, hidden)));
            enc.Add(("dense_act", nn.LeakyReLU(0.2)));
            enc.Add(("code", nn.Linear(hidden, codeSize)));
            _encoder = nn.Sequential(enc);

            _decoderDense = nn.Sequential(
                ("dense", nn.Linear(codeSize, hidden)), ("dense_act", nn.LeakyReLU(0.2)),
                ("maps", nn.Linear(hidden, flat)), ("maps_act", nn.LeakyReLU(0.2)));
            var dec = new List<(string, nn.Module<Tensor, Tensor>)>();
            for (int i = blocks - 1; i >= 0; i--)
            {
                long next = i > 0 ? filters[i - 1] : filters[0];
                dec.Add(($"up{i}", nn.ConvTranspose2d(filters[i], next, 2, stride: 2)));
                dec.Add(($"act{i}", nn.LeakyReLU(0.2)));
            }

            dec.Add(("out", nn.Conv2d(filters[0], channels, 3, padding: 1)));
            _decoderConv = nn.Sequential(dec);
            RegisterComponents();
        }

        public Tensor Encode(Tensor input) => _encoder.call(input);

        public override Tensor forward(Tensor input)
        {
            var code = _encoder.call(input);
            var maps = _decoderDense.call(code).reshape([-1, _mapShape[0], _mapShape[1], _mapShape[2]]);
            return _decoderConv.call(maps);
        }
    }
}

/// <summary>A trained convolutional autoencoder: encodes any images of the variable it was fitted on. Dispose to free its tensors.</summary>
public sealed class ConvolutionalAutoencoderCompression : IFittedCompressor, IDisposable
{
    private readonly ConvolutionalAutoencoderCompressor.Codec _codec;
    private readonly (int C, int H, int W) _shape;
    private readonly double _mean;
    private readonly double _sd;
    private readonly object _gate = new();

    internal ConvolutionalAutoencoderCompression(ConvolutionalAutoencoderCompressor.Codec codec, int inputDimensions, (int C, int H, int W) shape,
        double mean, double sd, int codeSize, double reconstructionError)
    {
        _codec = codec;
        _shape = shape;
        _mean = mean;
        _sd = sd;
        InputDimensions = inputDimensions;
        OutputDimensions = codeSize;
        ReconstructionError = reconstructionError;
    }

    /// <inheritdoc />
    public int InputDimensions { get; }

    /// <inheritdoc />
    public int OutputDimensions { get; }

    /// <summary>The mean squared reconstruction error of the last epoch on the globally scaled data (1 ≈ no better than the mean image).</summary>
    public double ReconstructionError { get; }

    /// <inheritdoc />
    public Samples Encode(Samples samples)
    {
        if (samples.Dimensions != InputDimensions)
        {
            throw new ArgumentException(
                $"samples have {samples.Dimensions} column(s) but this autoencoder was fitted on {InputDimensions}; encode images of the same variable.", nameof(samples));
        }

        NeuralData.ValidateOne(samples, 1, nameof(samples));
        var data = ConvolutionalAutoencoderCompressor.Scale(samples, _mean, _sd);
        lock (_gate)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var codes = _codec.Encode(torch.tensor(data, [samples.Count, _shape.C, _shape.H, _shape.W])).to_type(ScalarType.Float64);
            return new Samples(codes.data<double>().ToArray(), OutputDimensions);
        }
    }

    /// <summary>Frees the network's tensors.</summary>
    public void Dispose() => _codec.Dispose();
}
