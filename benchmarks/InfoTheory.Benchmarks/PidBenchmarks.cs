using BenchmarkDotNet.Attributes;

namespace InfoTheory.Benchmarks;

/// <summary>
/// One PID pass as in Yu et al. (TNNLS 2021): batch N = 128, input of 784 values, a layer of C maps of 14×14, α = 1.01,
/// all C(C−1)/2 pairs (C = 16: 120 pairs, 272 spectra). Same data recipe as benchmarks/peers/pid_numpy.py.
/// </summary>
[MemoryDiagnoser]
public class PidBenchmarks
{
    private Samples _x;
    private FeatureMaps _layer;

    [Params(16, 64)]
    public int Channels { get; set; }

    [Params(1.01, 2.0)]
    public double Alpha { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        const int n = 128;
        var random = new Random(1);
        var x = new double[n * 784];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.NextDouble();
        }

        var layer = new double[n * Channels * 196];
        for (int i = 0; i < layer.Length; i++)
        {
            layer[i] = Math.Max(0, RandomDraws.StandardNormal(random));
        }

        _x = new Samples(x, 784);
        _layer = new FeatureMaps(layer, n, Channels, 14, 14);
    }

    [Benchmark(Description = "PID pass")]
    public double Pass() => PartialInformation.Proxies(_x, _layer, new PidOptions { Renyi = new() { Alpha = Alpha } }).Rst.Nats;
}
