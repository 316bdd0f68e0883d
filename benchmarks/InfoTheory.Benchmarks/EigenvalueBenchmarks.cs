using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace InfoTheory.Benchmarks;

/// <summary>Shared input: a seeded Gaussian-kernel Gram matrix of random 10-D points.</summary>
internal static class GramInput
{
    public const int Dimensions = 10;

    /// <summary>K[i,j] = exp(−‖xᵢ − xⱼ‖² / 2σ²), σ by Silverman's rule with h = 5: σ = 5·N^(−1/(4+d)).</summary>
    public static double[] Create(int n, int seed)
    {
        var rng = new Random(seed);
        int d = Dimensions;
        var points = new double[n * d];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = rng.NextDouble();
        }

        double sigma = 5 * Math.Pow(n, -1.0 / (4 + d));
        double scale = -1 / (2 * sigma * sigma);
        var k = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int c = 0; c < d; c++)
                {
                    double t = points[i * d + c] - points[j * d + c];
                    s += t * t;
                }

                double v = Math.Exp(s * scale);
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        }

        return k;
    }
}

/// <summary>
/// Eigenvalues of an N×N Gaussian Gram matrix with <c>SymmetricEigenvalues.ComputeInPlace</c>, timed
/// including the N² copy into a work buffer (the solver destroys its input). MathNet's baseline is in
/// <see cref="MathNetEigenvalueBenchmarks"/> (separate, because it takes ~15 s at N = 2048 and is skipped at 4096).
/// Run: <c>dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*Eigenvalue*' --job short</c>
/// </summary>
[MemoryDiagnoser]
public class EigenvalueBenchmarks
{
    private double[] _gram = [];
    private double[] _work = [];
    private double[] _eigenvalues = [];

    /// <summary>Matrix order.</summary>
    [Params(128, 512, 2048, 4096)]
    public int N { get; set; }

    /// <summary>Builds the Gram matrix once per N.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _gram = GramInput.Create(N, 42);
        _work = new double[N * N];
        _eigenvalues = new double[N];
    }

    /// <summary>Ours: copy into the work buffer, then the in-place solver (several cores for N ≥ 512).</summary>
    [Benchmark]
    public double ComputeInPlace()
    {
        _gram.AsSpan().CopyTo(_work);
        SymmetricEigenvalues.ComputeInPlace(_work, N, _eigenvalues);
        return _eigenvalues[N - 1];
    }

    /// <summary>Ours, single-threaded.</summary>
    [Benchmark]
    public double ComputeInPlaceSerial()
    {
        _gram.AsSpan().CopyTo(_work);
        SymmetricEigenvalues.ComputeInPlace(_work, N, _eigenvalues, parallel: false);
        return _eigenvalues[N - 1];
    }
}

/// <summary>Baseline: MathNet.Numerics' managed <c>Evd(Symmetricity.Symmetric)</c> on the same matrices (it also
/// computes eigenvectors, which it cannot skip). One warm-up and three iterations: ~15 s each at N = 2048.</summary>
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MathNetEigenvalueBenchmarks
{
    private Matrix<double>? _matrix;

    /// <summary>Matrix order (4096 skipped: about two minutes per call).</summary>
    [Params(128, 512, 2048)]
    public int N { get; set; }

    /// <summary>Builds the Gram matrix once per N.</summary>
    [GlobalSetup]
    public void Setup()
    {
        double[] gram = GramInput.Create(N, 42);
        _matrix = Matrix<double>.Build.Dense(N, N, (i, j) => gram[i * N + j]);
    }

    /// <summary>MathNet symmetric EVD.</summary>
    [Benchmark]
    public double MathNetEvd() => _matrix!.Evd(Symmetricity.Symmetric).EigenValues[N - 1].Real;
}

/// <summary>
/// The PID pass at C = 16 channels: 2·C + 2·C(C−1)/2 = 272 spectra of 128×128 Gram matrices, through
/// <see cref="SymmetricEigenvalues.ComputeBatch"/> (one matrix per core, in cache).
/// </summary>
[MemoryDiagnoser]
public class EigenvalueBatchBenchmarks
{
    private const int Order = 128;
    private const int Count = 272;
    private double[] _matrices = [];
    private double[] _eigenvalues = [];
    private double[] _work = [];

    /// <summary>Builds 272 seeded Gram matrices.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _matrices = new double[Count * Order * Order];
        for (int b = 0; b < Count; b++)
        {
            GramInput.Create(Order, 1000 + b).CopyTo(_matrices, b * Order * Order);
        }

        _eigenvalues = new double[Count * Order];
        _work = new double[Order * Order];
    }

    /// <summary>All 272 spectra.</summary>
    [Benchmark]
    public double Batch272x128()
    {
        SymmetricEigenvalues.ComputeBatch(_matrices, Order, Count, _eigenvalues);
        return _eigenvalues[^1];
    }

    /// <summary>One 128×128 spectrum, single-threaded (copy into a work buffer included).</summary>
    [Benchmark]
    public double Single128()
    {
        _matrices.AsSpan(0, Order * Order).CopyTo(_work);
        SymmetricEigenvalues.ComputeInPlace(_work, Order, _eigenvalues, parallel: false);
        return _eigenvalues[Order - 1];
    }
}
