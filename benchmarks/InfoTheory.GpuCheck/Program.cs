using System.Globalization;
using InfoTheory;
using InfoTheory.Ilgpu;

// The backend contract as a console program, for GPU machines that have the .NET runtime but no SDK (so no
// `dotnet test`): compares an ILGPU backend with ComputeBackend.Cpu at realistic sizes and prints one line per check.
// Usage: InfoTheory.GpuCheck [auto|cuda|opencl|cpu] [--small]   (exit code 0 when every check passes, 1 otherwise)
// Timings belong to BenchmarkDotNet (GpuBenchmarks, --inProcess); this program only checks agreement.
var kind = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal)
    ? Enum.Parse<IlgpuDevice>(args[0], ignoreCase: true)
    : IlgpuDevice.Auto;
bool small = args.Contains("--small");
using var device = IlgpuBackend.Create(kind);
var cpu = ComputeBackend.Cpu;
Console.WriteLine($"device: {device.Name}, {device.DeviceMemoryBytes / (double)(1L << 30):0.#} GiB; .NET {Environment.Version}; {DateTime.UtcNow:u}");
int failures = 0;

void Check(string name, double difference, double tolerance)
{
    bool ok = difference <= tolerance;
    failures += ok ? 0 : 1;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(ok ? "PASS" : "FAIL")}  {name}: max |Δ| = {difference:E2} (tolerance {tolerance:E0})"));
}

static Samples Points(int n, int d, int seed)
{
    var random = new Random(seed);
    var values = new double[n * d];
    for (int i = 0; i < values.Length; i++)
    {
        values[i] = random.NextDouble();
    }

    return new Samples(values, d);
}

static double MaxDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
{
    double max = 0;
    for (int i = 0; i < a.Length; i++)
    {
        max = Math.Max(max, Math.Abs(a[i] - b[i]));
    }

    return max;
}

int n = small ? 100 : 1000;
var x = Points(n, 10, 1);
var y = Points(n, 3, 2);

var expected = new double[n * n];
var actual = new double[n * n];
cpu.SquaredDistances(x, expected);
device.SquaredDistances(x, actual);
Check($"squared distances N={n} d=10", MaxDifference(expected, actual), 1e-12);
cpu.UnitGram(x, GaussianKernel.Instance, 0.7, expected);
device.UnitGram(x, GaussianKernel.Instance, 0.7, actual);
Check($"Gaussian Gram N={n}", MaxDifference(expected, actual), 1e-13);

// The Gram-free S₂ sum over pairs, relative to its size.
double pairsCpu = cpu.GaussianPairSum(x), pairsDevice = device.GaussianPairSum(x);
Check($"Gaussian pair sum N={n} d=10 (relative)", Math.Abs(pairsCpu - pairsDevice) / pairsCpu, 1e-12);

// Closed form: tridiag(b, a, b) has eigenvalues a + 2b·cos(kπ/(n+1)) (the blocked device reduction and bisection).
int m = small ? 60 : 1500;
var toeplitz = new double[m * m];
for (int i = 0; i < m; i++)
{
    toeplitz[i * m + i] = 2.5;
    if (i > 0)
    {
        toeplitz[i * m + i - 1] = toeplitz[(i - 1) * m + i] = -0.75;
    }
}

var spectrum = new double[m];
device.Eigenvalues(toeplitz, m, spectrum);
var exact = Enumerable.Range(1, m).Select(k => 2.5 - 1.5 * Math.Cos(k * Math.PI / (m + 1))).Order().ToArray();
Check($"Toeplitz spectrum n={m} (closed form)", MaxDifference(exact, spectrum), 1e-12);

// The PID shape: many 128×128 Gram spectra, both batched device solvers vs the CPU solver.
int count = small ? 20 : 2016;
var grams = new double[count * 128 * 128];
for (int b = 0; b < count; b++)
{
    cpu.UnitGram(Points(128, 5, 100 + b), GaussianKernel.Instance, 0.5, grams.AsSpan(b * 128 * 128, 128 * 128));
}

var cpuSpectra = new double[count * 128];
var deviceSpectra = new double[count * 128];
cpu.EigenvaluesBatch(grams, 128, count, cpuSpectra);
device.EigenvaluesBatch(grams, 128, count, deviceSpectra);
Check($"batched tridiagonal + QL, {count} × 128×128", MaxDifference(cpuSpectra, deviceSpectra), 1e-11);
using (var jacobi = IlgpuBackend.Create(new IlgpuBackendOptions { Device = kind, BatchedEigenSolver = IlgpuBatchedEigenSolver.Jacobi }))
{
    jacobi.EigenvaluesBatch(grams, 128, count, deviceSpectra);
    Check($"batched Jacobi, {count} × 128×128", MaxDifference(cpuSpectra, deviceSpectra), 1e-11);
}

var knnCpu = new double[n * 4];
var knnDevice = new double[n * 4];
var knnIds = new int[n * 4];
foreach (var norm in new[] { KnnNorm.Euclidean, KnnNorm.Max })
{
    cpu.NearestNeighbors(x, 4, knnCpu, knnIds, norm);
    device.NearestNeighbors(x, 4, knnDevice, knnIds, norm);
    Check($"k-NN distances ({norm}) N={n} k=4", MaxDifference(knnCpu, knnDevice), 1e-12);
}

// The k-NN estimators: the CPU's k-d tree against the device's brute-force neighbors and counts.
var yKsg = Points(n, 2, 9);
foreach (var variant in new[] { KsgVariant.One, KsgVariant.Two })
{
    var onCpu = new KsgOptions { Variant = variant };
    Check($"KSG {variant} N={n} (10-D X, 2-D Y)",
        Math.Abs(new KsgMutualInformation(onCpu).Estimate(x, yKsg).Value.Nats - new KsgMutualInformation(onCpu with { Backend = device }).Estimate(x, yKsg).Value.Nats), 1e-12);
}

Check($"Kozachenko–Leonenko H N={n}",
    Math.Abs(new KozachenkoLeonenkoEntropy().Estimate(x).Value.Nats - new KozachenkoLeonenkoEntropy(new KnnOptions { Backend = device }).Estimate(x).Value.Nats), 1e-12);

foreach (double alpha in new[] { 1.01, 2 })
{
    var onCpu = new MatrixRenyiOptions { Alpha = alpha };
    var onDevice = onCpu with { Backend = device };
    Check($"S_{alpha} N={n}", Math.Abs(new MatrixRenyiEntropy(onCpu).Estimate(x).Value.Nats - new MatrixRenyiEntropy(onDevice).Estimate(x).Value.Nats), 1e-9);
    Check($"I_{alpha}(X;Y) N={n}", Math.Abs(new MatrixRenyiMutualInformation(onCpu).Estimate(x, y).Value.Nats - new MatrixRenyiMutualInformation(onDevice).Estimate(x, y).Value.Nats), 1e-9);
    int channels = small ? 4 : 16;
    var input = Points(128, 784, 3);
    var layer = new FeatureMaps(Points(128, channels * 196, 4).ToArray(), 128, channels, 14, 14);
    var pidCpu = new PartialInformationProxies(new PidOptions { Renyi = onCpu }).Estimate(input, layer);
    var pidDevice = new PartialInformationProxies(new PidOptions { Renyi = onDevice }).Estimate(input, layer);
    Check($"PID pass α={alpha} C={channels} (RST, WNRI, MMI)",
        new[] { pidCpu.Rst.Nats - pidDevice.Rst.Nats, pidCpu.Wnri.Nats - pidDevice.Wnri.Nats, pidCpu.Mmi.Value.Nats - pidDevice.Mmi.Value.Nats }.Max(Math.Abs), 1e-9);
}

Console.WriteLine(failures == 0 ? "all checks passed" : $"{failures} check(s) failed");
return failures == 0 ? 0 : 1;
