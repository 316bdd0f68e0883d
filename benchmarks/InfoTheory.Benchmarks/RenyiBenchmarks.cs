using BenchmarkDotNet.Attributes;

namespace InfoTheory.Benchmarks;

/// <summary>
/// Matrix-based Rényi entropy of N samples of a 10-D Gaussian, from the samples (Gram, width and spectrum included).
/// α = 1.01 needs the full spectrum; α = 2 is −log‖A‖²_F, streamed with no N×N matrix.
/// </summary>
[MemoryDiagnoser]
public class RenyiBenchmarks
{
    private Samples _x;

    [Params(512, 2048, 4096)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => _x = new MultivariateNormal(new double[10], Identity(10)).Sample(N, seed: 1);

    [Benchmark(Description = "S_1.01")]
    public double Alpha101() => Entropy.MatrixRenyi(_x, 1.01).Value.Nats;

    [Benchmark(Description = "S_2")]
    public double Alpha2() => Entropy.MatrixRenyi(_x, 2).Value.Nats;

    internal static double[,] Identity(int d)
    {
        var m = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            m[i, i] = 1;
        }

        return m;
    }
}
