using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;

namespace InfoTheory.Benchmarks;

/// <summary>
/// The symmetric eigendecomposition with vectors (Householder + implicit QL, for PCA) against MathNet.Numerics' managed
/// EVD as the peer, and a full PCA fit of N = 5000 rows of 32×32 images (d = 1024).
/// </summary>
[MemoryDiagnoser]
public class CompressionBenchmarks
{
    private double[] _matrix = [];
    private Matrix<double> _mathNet = Matrix<double>.Build.Dense(1, 1);
    private Samples _images;

    /// <summary>The order of the covariance matrix.</summary>
    [Params(256, 1024)]
    public int N { get; set; }

    /// <summary>A seeded SPD covariance-like matrix (Aᵀ A / n of a random n×n A) and a seeded image sample.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var a = new double[N * N];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = random.NextDouble() - 0.5;
        }

        _matrix = new double[N * N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = 0;
                for (int k = 0; k < N; k++)
                {
                    s += a[k * N + i] * a[k * N + j];
                }

                _matrix[i * N + j] = _matrix[j * N + i] = s / N;
            }
        }

        _mathNet = Matrix<double>.Build.Dense(N, N, (i, j) => _matrix[i * N + j]);
        int side = N == 1024 ? 32 : 16;
        _images = new ImageTask(ImageShape.GaussianBlob, side).Sample(5000, 1).X;
    }

    /// <summary>Ours: all eigenvalues and eigenvectors.</summary>
    [Benchmark(Baseline = true)]
    public double[] Ours() => SymmetricEigendecomposition.Compute(_matrix, N).Vectors;

    /// <summary>Peer: MathNet.Numerics 5.0.0 managed symmetric EVD (vectors included).</summary>
    [Benchmark]
    public Matrix<double> MathNetEvd() => _mathNet.Evd(Symmetricity.Symmetric).EigenVectors;

    /// <summary>PCA fit (covariance + eigendecomposition) of 5000 images of side √N, keeping 8 components.</summary>
    [Benchmark]
    public int PcaFit() => new PcaCompressor(8).Fit(_images).OutputDimensions;
}
