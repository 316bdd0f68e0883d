using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using InfoTheory.TorchSharp;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.Benchmarks;

// Issue #16: the approximate S_1.01 (certified interval, tolerance 0.01 bits) beside our exact path and libtorch's eigvalsh.
// dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*ApproximateRenyi*'
// One launch, no warm-up, 3 measured runs (Monitoring): one exact S at N = 10,000 is about a minute.

/// <summary>The inputs of the approximate-method benchmarks.</summary>
public static class ApproximateRenyiFixtures
{
    /// <summary>
    /// "mnist": the first N embedded MNIST digits (784 pixels in [0, 1]), σ = 5 fixed (issue #16's target case).
    /// "layer": N synthetic 50-unit sigmoid activations of a 5-dimensional latent (seed 0; the deep AE's code width),
    /// Silverman h = 5.
    /// </summary>
    public static (Samples Samples, MatrixRenyiOptions Options) Case(string input)
    {
        var parts = input.Split('/');
        string name = parts[0];
        int n = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        if (name == "mnist")
        {
            var digits = MnistData.LoadEmbedded();
            var pixels = new double[n * 784];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = digits.Pixels[i];
            }

            return (new Samples(pixels, 784), new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(5) });
        }

        const int Latent = 5, Units = 50;
        var random = new Random(0);
        var w = new double[Latent * Units];
        var b = new double[Units];
        for (int i = 0; i < w.Length; i++)
        {
            w[i] = RandomDraws.StandardNormal(random);
        }

        for (int u = 0; u < Units; u++)
        {
            b[u] = 0.5 * RandomDraws.StandardNormal(random);
        }

        var values = new double[n * Units];
        var z = new double[Latent];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < Latent; k++)
            {
                z[k] = RandomDraws.StandardNormal(random);
            }

            for (int u = 0; u < Units; u++)
            {
                double a = b[u];
                for (int k = 0; k < Latent; k++)
                {
                    a += z[k] * w[k * Units + u];
                }

                values[i * Units + u] = 1 / (1 + Math.Exp(-a));
            }
        }

        return (new Samples(values, Units), new MatrixRenyiOptions { Bandwidth = Bandwidth.Silverman(5) });
    }
}

/// <summary>S_1.01 by the approximate method, tolerance 0.01 bits (3 measured runs).</summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class ApproximateRenyiBenchmarks
{
    private Samples _samples;
    private MatrixRenyiOptions _options = MatrixRenyiOptions.Default;

    /// <summary>The input and N ("mnist" only up to the embedded 10,000 digits).</summary>
    [Params("mnist/4096", "mnist/10000", "layer/4096", "layer/10000", "layer/16384", "layer/100000")]
    public string Input { get; set; } = "layer/4096";

    [GlobalSetup]
    public void Setup()
    {
        (_samples, _options) = ApproximateRenyiFixtures.Case(Input);
        var approximate = Entropy.MatrixRenyi(_samples, _options with { Method = MatrixRenyiMethod.Approximate });
        var d = (RenyiDiagnostics)approximate.Diagnostics!;
        Console.WriteLine($"// {Input}: {approximate.Value.Bits:F6} bits in [{d.Lower!.Value.Bits:F6}, {d.Upper!.Value.Bits:F6}], " +
            $"width {(d.Upper.Value.Bits - d.Lower.Value.Bits):G3} bits, rank {d.FactorRank}, tolerance missed {d.ToleranceMissed}");
    }

    [Benchmark]
    public double Approximate() => Entropy.MatrixRenyi(_samples, _options with { Method = MatrixRenyiMethod.Approximate }).Value.Bits;
}

/// <summary>
/// The exact S_1.01 on the same inputs, one cold run each (about a minute at N = 10,000 and four at 16,384; 100,000 would
/// need 80 GB for one Gram).
/// </summary>
[MemoryDiagnoser]
[DryJob]
public class ExactRenyiAtScaleBenchmarks
{
    private Samples _samples;
    private MatrixRenyiOptions _options = MatrixRenyiOptions.Default;

    /// <summary>The input and N.</summary>
    [Params("mnist/4096", "mnist/10000", "layer/4096", "layer/10000", "layer/16384")]
    public string Input { get; set; } = "layer/4096";

    [GlobalSetup]
    public void Setup()
    {
        (_samples, _options) = ApproximateRenyiFixtures.Case(Input);
        Console.WriteLine($"// {Input}: exact {Entropy.MatrixRenyi(_samples, _options).Value.Bits:F6} bits");
    }

    [Benchmark]
    public double Exact() => Entropy.MatrixRenyi(_samples, _options).Value.Bits;
}

/// <summary>libtorch's eigvalsh of the same unit-diagonal Gram the exact path decomposes (float64), one cold run each.</summary>
[MemoryDiagnoser]
[DryJob]
public class ApproximateRenyiPeerBenchmarks
{
    private Tensor? _gram;
    private int _n;

    /// <summary>The input and N.</summary>
    [Params("mnist/4096", "mnist/10000", "layer/4096", "layer/10000", "layer/16384")]
    public string Input { get; set; } = "layer/4096";

    [GlobalSetup]
    public void Setup()
    {
        var (samples, options) = ApproximateRenyiFixtures.Case(Input);
        _n = samples.Count;
        var (gram, _) = RenyiEngine.UnitGram(samples, options);
        _gram = torch.tensor(gram, new long[] { _n, _n }, dtype: ScalarType.Float64);
    }

    [GlobalCleanup]
    public void Cleanup() => _gram?.Dispose();

    [Benchmark]
    public double Eigvalsh()
    {
        using var scope = torch.NewDisposeScope();
        return torch.linalg.eigvalsh(_gram!)[_n - 1].item<double>();
    }
}

/// <summary>
/// The unit-diagonal Gaussian Gram alone, the exact path's first step: ours in blocks of rows (as the estimators build
/// it), ours one row at a time (the form before blocking: every earlier observation read from memory once per row),
/// and libtorch's cdist, square and exp on the same float64 samples. 3 measured runs.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class GramAtScaleBenchmarks
{
    private Samples _samples;
    private MatrixRenyiOptions _options = MatrixRenyiOptions.Default;
    private double[] _matrix = [];
    private Tensor? _x;
    private double _sigma;

    /// <summary>The input and N.</summary>
    [Params("mnist/4096", "mnist/10000", "layer/10000")]
    public string Input { get; set; } = "mnist/4096";

    [GlobalSetup]
    public void Setup()
    {
        (_samples, _options) = ApproximateRenyiFixtures.Case(Input);
        int n = _samples.Count;
        _matrix = new double[n * n];
        (_, _sigma) = RenyiEngine.UnitGram(_samples, _options, _matrix);
        _x = torch.tensor(_samples.ToArray(), new long[] { n, _samples.Dimensions }, dtype: ScalarType.Float64);
    }

    [GlobalCleanup]
    public void Cleanup() => _x?.Dispose();

    [Benchmark(Baseline = true)]
    public double Blocked() => RenyiEngine.UnitGram(_samples, _options, _matrix).Matrix[1];

    [Benchmark]
    public double RowByRow()
    {
        int n = _samples.Count;
        var distances = new PairwiseDistances(_samples);
        var matrix = _matrix;
        PairwiseDistances.Rows(n, parallel: true, i => distances.LowerRow(i, matrix.AsSpan(i * n, i)));
        double scale = -1 / (2 * _sigma * _sigma);
        PairwiseDistances.Rows(n, parallel: true, i =>
        {
            var row = matrix.AsSpan(i * n, i);
            System.Numerics.Tensors.TensorPrimitives.Multiply(row, scale, row);
            System.Numerics.Tensors.TensorPrimitives.Exp(row, row);
            matrix[i * n + i] = 1;
        });
        PairwiseDistances.MirrorLower(matrix, n);
        return matrix[1];
    }

    [Benchmark]
    public double LibTorch()
    {
        using var scope = torch.NewDisposeScope();
        var squared = torch.cdist(_x!, _x!).pow_(2);
        return squared.mul_(-1 / (2 * _sigma * _sigma)).exp_()[0, 1].item<double>();
    }
}
