using FsCheck.Xunit;

namespace InfoTheory.Ilgpu.Tests;

/// <summary>Laws on random inputs, on ILGPU's simulator: spectra keep the trace and ‖A‖²_F; estimates equal the CPU path's.</summary>
[Collection("ilgpu")]
public sealed class IlgpuPropertyTests(IlgpuBackends backends)
{
    private static readonly double[] Alphas = [0.5, 1, 1.01, 2, 3];

    [Property(MaxTest = 25)]
    public bool JacobiSpectrumKeepsTraceAndFrobeniusNorm(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(1, 24);
        var m = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                m[i * n + j] = m[j * n + i] = random.NextDouble() * 4 - 2;
            }
        }

        var values = backends.Simulator.EigenvaluesByJacobi(m, n);
        double trace = Enumerable.Range(0, n).Sum(i => m[i * n + i]);
        double frobenius = m.Sum(v => v * v);
        bool sorted = values.Zip(values.Skip(1)).All(p => p.First <= p.Second);
        return sorted
            && Math.Abs(values.Sum() - trace) <= 1e-12 * Math.Max(1, frobenius)
            && Math.Abs(values.Sum(v => v * v) - frobenius) <= 1e-12 * Math.Max(1, frobenius);
    }

    [Property(MaxTest = 15)]
    public bool EstimatesEqualTheCpuPath(int seed)
    {
        var random = new Random(seed);
        int n = random.Next(3, 30);
        var x = BackendContract.Random(n, random.Next(1, 5), seed);
        var y = BackendContract.Random(n, random.Next(1, 4), seed + 1);
        double alpha = Alphas[random.Next(Alphas.Length)];
        var cpu = new MatrixRenyiOptions
        {
            Alpha = alpha,
            Bandwidth = random.Next(2) == 0 ? Bandwidth.Fixed(0.2 + 2 * random.NextDouble()) : Bandwidth.Median(),
        };
        var device = cpu with { Backend = backends.Simulator };
        // For α < 1, eigenvalues that are round-off noise (≈ N·ε) enter as λ^α: allow for them as the CPU tests do.
        double tolerance = alpha >= 1 ? 1e-9 : 1e-9 + 4 * n * Math.Pow(n * 1e-16, alpha) / (1 - alpha);
        double h = Math.Abs(new MatrixRenyiEntropy(cpu).Estimate(x).Value.Nats - new MatrixRenyiEntropy(device).Estimate(x).Value.Nats);
        double mi = Math.Abs(new MatrixRenyiMutualInformation(cpu).Estimate(x, y).Value.Nats - new MatrixRenyiMutualInformation(device).Estimate(x, y).Value.Nats);
        return h <= tolerance && mi <= 3 * tolerance;
    }
}
