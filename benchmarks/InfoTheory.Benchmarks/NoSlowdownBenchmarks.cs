using BenchmarkDotNet.Attributes;

namespace InfoTheory.Benchmarks;

/// <summary>
/// The four cases issue #13 must not slow down, in one class so that one filter runs them against two builds of the
/// library (scripts/bench-before-after.sh builds this file against a "before" commit and against the working tree and
/// runs the two alternately): the PID pass at C = 16 (α = 1.01, batch 128, as <see cref="PidBenchmarks"/>), S_1.01 at
/// N = 2,048 and 4,096 (as <see cref="RenyiBenchmarks"/>) and KSG-1 at N = 50,000, d = 2 + 2 (k = 3, max-norm, as
/// <see cref="KnnBenchmarks"/>). Only public API that both sides of the refactoring share; the normal draws are local
/// (Box–Muller, seed 1) so the file compiles whatever the library calls its internals. The minimum is reported beside the
/// mean: on a machine shared with other work, load only ever adds time, so the fastest iterations are the steadiest
/// measure of the code itself.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class NoSlowdownBenchmarks
{
    private Samples _x;
    private Samples _y;
    private FeatureMaps _layer;

    [Params("PID C=16", "S_1.01 N=2048", "S_1.01 N=4096", "KSG-1 N=50000")]
    public string Case { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        switch (Case)
        {
            case "PID C=16":
                const int n = 128, channels = 16;
                _x = new Samples(Draw(n * 784, random, r => r.NextDouble()), 784);
                _layer = new FeatureMaps(Draw(n * channels * 196, random, r => Math.Max(0, Normal(r))), n, channels, 14, 14);
                break;
            case "S_1.01 N=2048":
            case "S_1.01 N=4096":
                _x = new MultivariateNormal(new double[10], RenyiBenchmarks.Identity(10)).Sample(Case.EndsWith("2048", StringComparison.Ordinal) ? 2048 : 4096, seed: 1);
                break;
            default:
                var x = Draw(50_000 * 2, random, Normal);
                var noise = Draw(x.Length, random, Normal);
                _x = new Samples(x, 2);
                _y = new Samples(x.Select((v, i) => v + 0.5 * noise[i]).ToArray(), 2);
                break;
        }
    }

    [Benchmark]
    public double Run() => Case switch
    {
        "PID C=16" => PartialInformation.Proxies(_x, _layer, new PidOptions { Renyi = new() { Alpha = 1.01 } }).Rst.Nats,
        "KSG-1 N=50000" => MutualInformation.Ksg(_x, _y).Value.Nats,
        _ => Entropy.MatrixRenyi(_x, 1.01).Value.Nats,
    };

    private static double[] Draw(int count, Random random, Func<Random, double> next)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = next(random);
        }

        return values;
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
