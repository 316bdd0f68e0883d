using BenchmarkDotNet.Attributes;
using InfoTheory.Ilgpu;

namespace InfoTheory.Benchmarks;

/// <summary>
/// The backends side by side: "cpu" (the managed path, every core) and, where one exists, "gpu" (ILGPU on CUDA, else
/// OpenCL). The gpu rows are absent on machines without a GPU. Inputs: N seeded uniform points in 10-D, σ by
/// Silverman's rule with h = 5. Results and the GPU model go to docs/benchmarks-gpu.md.
/// Run: <c>dotnet run -c Release --project benchmarks/InfoTheory.Benchmarks -- --filter '*Gpu*' --job short</c>
/// (on a machine without the .NET SDK add <c>--inProcess</c>).
/// </summary>
public abstract class BackendBenchmarkBase
{
    private IlgpuBackend? _gpu;

    /// <summary>cpu always; gpu where ILGPU finds CUDA or a usable OpenCL device.</summary>
    public static IEnumerable<string> Backends => IlgpuBackend.IsAvailable(IlgpuDevice.Auto) ? ["cpu", "gpu"] : ["cpu"];

    /// <summary>The backend of this row.</summary>
    [ParamsSource(nameof(Backends))]
    public string Backend { get; set; } = "cpu";

    /// <summary>The backend object for <see cref="Backend"/> (created in <see cref="SetUpBackend"/>).</summary>
    protected ComputeBackend Compute { get; private set; } = ComputeBackend.Cpu;

    /// <summary>Creates the GPU backend and compiles its kernels outside the timed region.</summary>
    protected void SetUpBackend()
    {
        if (Backend == "gpu")
        {
            _gpu = IlgpuBackend.Create(IlgpuDevice.Auto);
            Compute = _gpu;
            // One tiny call of each kind compiles the kernels (ILGPU compiles on first use).
            var warm = Points(32, 3, 1);
            var options = new MatrixRenyiOptions { Backend = _gpu };
            _ = new MatrixRenyiEntropy(options).Estimate(warm);
            _ = new MatrixRenyiEntropy(options with { Alpha = 2 }).Estimate(warm);
            _ = new MatrixRenyiEntropy(options).Estimate(Points(40, 3, 1));
            _gpu.NearestNeighbors(warm, 2, new double[32 * 2], new int[32 * 2], KnnNorm.Euclidean);
        }
        else
        {
            Compute = ComputeBackend.Cpu;
        }
    }

    /// <summary>Disposes the GPU backend.</summary>
    [GlobalCleanup]
    public void CleanUp() => _gpu?.Dispose();

    /// <summary>n seeded uniform points in d dimensions.</summary>
    protected static Samples Points(int n, int d, int seed)
    {
        var random = new Random(seed);
        var values = new double[n * d];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.NextDouble();
        }

        return new Samples(values, d);
    }
}

/// <summary>Gram matrices and matrix-Rényi entropies (α = 1.01 and 2) and MI on each backend.</summary>
public class GpuRenyiBenchmarks : BackendBenchmarkBase
{
    private Samples _x;
    private Samples _y;
    private double[] _gram = [];
    private double _sigma;

    /// <summary>Number of observations.</summary>
    [Params(1024, 4096, 8192)]
    public int N { get; set; }

    /// <summary>Seeded inputs and the backend.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SetUpBackend();
        _x = Points(N, 10, 1);
        _y = Points(N, 10, 2);
        _gram = new double[(long)N * N];
        _sigma = Bandwidth.Silverman(5).WidthFor(_x);
    }

    /// <summary>The unit-diagonal Gaussian Gram K̃ (N×N, copied to the host).</summary>
    [Benchmark]
    public double Gram()
    {
        Compute.UnitGram(_x, GaussianKernel.Instance, _sigma, _gram);
        return _gram[1];
    }

    /// <summary>Gram + S_α with α = 1.01 (all N eigenvalues).</summary>
    [Benchmark]
    public double EntropyAlpha101() => new MatrixRenyiEntropy(new MatrixRenyiOptions { Backend = Compute }).Estimate(_x).Value.Nats;

    /// <summary>S₂ = −ln‖A‖²_F (the CPU streams it with no N×N matrix; the GPU builds the Gram).</summary>
    [Benchmark]
    public double EntropyAlpha2() => new MatrixRenyiEntropy(new MatrixRenyiOptions { Alpha = 2, Backend = Compute }).Estimate(_x).Value.Nats;

    /// <summary>I_α(X; Y) with α = 1.01: three N×N spectra.</summary>
    [Benchmark]
    public double MutualInformation() => new MatrixRenyiMutualInformation(new MatrixRenyiOptions { Backend = Compute }).Estimate(_x, _y).Value.Nats;
}

/// <summary>A whole partial-information pass (all C(C−1)/2 pairs, 2 spectra each, plus 2C + 1) for a batch of 128.</summary>
public class GpuPidBenchmarks : BackendBenchmarkBase
{
    private const int Batch = 128;
    private Samples _x;
    private FeatureMaps _layer;

    /// <summary>Feature maps in the layer (C = 64 gives 2,016 pairs).</summary>
    [Params(16, 64)]
    public int C { get; set; }

    /// <summary>Seeded inputs as in PidBenchmarks' shapes (784-value input, 14×14 maps) and the backend.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SetUpBackend();
        _x = Points(Batch, 784, 3);
        _layer = new FeatureMaps(Points(Batch, C * 196, 4).ToArray(), Batch, C, 14, 14);
    }

    /// <summary>One pass at α = 1.01.</summary>
    [Benchmark]
    public double PidPass() => new PartialInformationProxies(new PidOptions { Renyi = new MatrixRenyiOptions { Backend = Compute } }).Estimate(_x, _layer).Rst.Nats;
}

/// <summary>Brute-force k-NN distances (k = 4, 3-D), the kernel behind the k-NN estimators.</summary>
public class GpuKnnBenchmarks : BackendBenchmarkBase
{
    private Samples _x;
    private double[] _out = [];
    private int[] _ids = [];

    /// <summary>Number of observations.</summary>
    [Params(4096, 16384)]
    public int N { get; set; }

    /// <summary>Seeded inputs and the backend.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SetUpBackend();
        _x = Points(N, 3, 5);
        _out = new double[N * 4];
        _ids = new int[N * 4];
    }

    /// <summary>The 4 smallest squared distances of every observation.</summary>
    [Benchmark]
    public double NearestDistances()
    {
        Compute.NearestNeighbors(_x, 4, _out, _ids, KnnNorm.Euclidean);
        return _out[0];
    }
}

/// <summary>
/// KSG estimator 1 (k = 3, max-norm) on each backend: cpu = the k-d tree path (O(N log N)), gpu = brute-force joint
/// neighbors and marginal counts on the device (O(N²·d), in parallel).
/// </summary>
public class GpuKsgBenchmarks : BackendBenchmarkBase
{
    private Samples _x;
    private Samples _y;

    /// <summary>Number of observations (2-D X, 2-D Y).</summary>
    [Params(10_000, 50_000)]
    public int N { get; set; }

    /// <summary>Seeded correlated inputs and the backend.</summary>
    [GlobalSetup]
    public void Setup()
    {
        SetUpBackend();
        _x = Points(N, 2, 6);
        var noise = Points(N, 2, 7).ToArray();
        var x = _x.ToArray();
        _y = new Samples(x.Select((v, i) => v + 0.5 * noise[i]).ToArray(), 2);
    }

    /// <summary>Î(X;Y) in nats.</summary>
    [Benchmark]
    public double Ksg() => new KsgMutualInformation(new KsgOptions { Backend = Compute }).Estimate(_x, _y).Value.Nats;
}
