using BenchmarkDotNet.Attributes;

namespace InfoTheory.Benchmarks;

/// <summary>
/// The classical (non-k-NN) estimators at the sizes of issue #3: Gaussian KDE entropy of N = 10,000 2-D samples (Scott,
/// H = h²Σ̂; peer: scipy.stats.gaussian_kde, benchmarks/peers/classical_scipy.py) and binning MI of N = 100,000 samples
/// (2 + 2 dimensions, 30 bins per column; and the 30-bin layer estimator on 10 units).
/// </summary>
[MemoryDiagnoser]
public class ClassicalBenchmarks
{
    private Samples _kde;
    private Samples _x;
    private Samples _y;
    private Samples _layer;
    private int[] _labels = [];

    [GlobalSetup]
    public void Setup()
    {
        _kde = MultivariateNormal.Bivariate(0.6).Sample(10_000, seed: 1);
        var joint = new MultivariateNormal(new double[4], new[,] { { 1, 0.5, 0.3, 0 }, { 0.5, 1, 0, 0.2 }, { 0.3, 0, 1, 0.4 }, { 0, 0.2, 0.4, 1 } })
            .Sample(100_000, seed: 2);
        var x = new double[200_000];
        var y = new double[200_000];
        for (int i = 0; i < 100_000; i++)
        {
            x[2 * i] = joint[i, 0];
            x[2 * i + 1] = joint[i, 1];
            y[2 * i] = joint[i, 2];
            y[2 * i + 1] = joint[i, 3];
        }

        _x = new Samples(x, 2);
        _y = new Samples(y, 2);
        var layer = new double[100_000 * 10];
        _labels = new int[100_000];
        var random = new Random(3);
        for (int i = 0; i < 100_000; i++)
        {
            _labels[i] = random.Next(10);
            for (int k = 0; k < 10; k++)
            {
                layer[i * 10 + k] = Math.Tanh(0.3 * _labels[i] - 1.5 + RandomDraws.StandardNormal(random));
            }
        }

        _layer = new Samples(layer, 10);
    }

    [Benchmark(Description = "KDE entropy, N=10k, d=2 (resubstitution)")]
    public double KdeResubstitution() => Entropy.Kde(_kde).Value.Nats;

    [Benchmark(Description = "KDE entropy, N=10k, d=2 (leave-one-out)")]
    public double KdeLeaveOneOut() => Entropy.Kde(_kde, new KdeOptions { LeaveOneOut = true }).Value.Nats;

    [Benchmark(Description = "binning MI, N=100k, 2+2 dims, 30 bins")]
    public double BinnedMutualInformation() => MutualInformation.Binned(_x, _y).Value.Nats;

    [Benchmark(Description = "layer binning (S-Z & T), N=100k, 10 units, 30 bins")]
    public double LayerBinning() => new LayerBinning().Estimate(_layer, _labels).Label.Value.Nats;
}
