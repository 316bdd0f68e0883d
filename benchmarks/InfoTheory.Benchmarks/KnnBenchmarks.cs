using BenchmarkDotNet.Attributes;

namespace InfoTheory.Benchmarks;

/// <summary>
/// KSG estimator 1 (k = 3, max-norm, default jitter) on the two sizes, and the Kozachenko–Leonenko entropy of
/// the joint sample. Data recipe as benchmarks/peers/knn_npeet_equivalent.py: X ~ N(0, I_d), Y = X + 0.5·noise.
/// Peer: NPEET's algorithm on scipy cKDTree and scikit-learn's mutual_info_regression, timed by that script.
/// Run: dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*Knn*' --job short
/// </summary>
[MemoryDiagnoser]
public class KnnBenchmarks
{
    private Samples _x;
    private Samples _y;

    [Params("50000x(2+2)", "10000x(8+8)")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (n, d) = Case == "50000x(2+2)" ? (50_000, 2) : (10_000, 8);
        var random = new Random(1);
        var x = new double[n * d];
        var y = new double[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = RandomDraws.StandardNormal(random);
        }

        for (int i = 0; i < y.Length; i++)
        {
            y[i] = x[i] + 0.5 * RandomDraws.StandardNormal(random);
        }

        _x = new Samples(x, d);
        _y = new Samples(y, d);
    }

    [Benchmark(Description = "KSG-1 k=3 max-norm")]
    public double Ksg1() => MutualInformation.Ksg(_x, _y).Value.Nats;

    [Benchmark(Description = "KSG-2 k=3 max-norm")]
    public double Ksg2() => MutualInformation.Ksg(_x, _y, 3, KsgVariant.Two).Value.Nats;

    [Benchmark(Description = "Kozachenko-Leonenko H(X) k=3")]
    public double KozachenkoLeonenko() => Entropy.KozachenkoLeonenko(_x).Value.Nats;
}
