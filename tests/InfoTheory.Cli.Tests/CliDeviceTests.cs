using System.Globalization;
using System.Text.Json;
using InfoTheory.Ilgpu;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary><c>--device</c>: cpu and ILGPU's simulator give the library's value; unknown names and a missing GPU are usage errors.</summary>
public sealed class CliDeviceTests : IDisposable
{
    private const int N = 24;
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-cli-device-").FullName;
    private readonly double[] _x;

    public CliDeviceTests()
    {
        var random = new Random(3);
        _x = Enumerable.Range(0, N * 2).Select(_ => random.NextDouble()).ToArray();
        File.WriteAllLines(System.IO.Path.Combine(_dir, "x.csv"),
            Enumerable.Range(0, N).Select(i => string.Create(CultureInfo.InvariantCulture, $"{_x[2 * i]:R},{_x[2 * i + 1]:R}")));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("cpu")]
    [InlineData("ilgpu-cpu")]
    public void Entropy_OnEachDevice_EqualsLibrary(string device)
    {
        var (code, output, error) = Run("entropy", "--x", System.IO.Path.Combine(_dir, "x.csv"), "--json", "--device", device);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        double expected = Entropy.MatrixRenyi(new Samples(_x, 2)).Value.Bits;
        Assert.Equal(expected, json.RootElement.GetProperty("value").GetDouble(), 10);
    }

    [Fact]
    public void UnknownDevice_IsAUsageError()
    {
        var (code, _, error) = Run("entropy", "--x", System.IO.Path.Combine(_dir, "x.csv"), "--device", "tpu");
        Assert.Equal(2, code);
        Assert.Contains("accepted values: cpu, gpu, ilgpu-cpu", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NeighborEstimators_OnTheSimulator_EqualLibrary()
    {
        string x = System.IO.Path.Combine(_dir, "x.csv");
        string y = System.IO.Path.Combine(_dir, "y.csv");
        File.WriteAllLines(y, Enumerable.Range(0, N).Select(i => string.Create(CultureInfo.InvariantCulture, $"{_x[2 * i] + 0.3 * _x[2 * i + 1]:R}")));
        var xs = new Samples(_x, 2);
        var ys = new Samples(Enumerable.Range(0, N).Select(i => _x[2 * i] + 0.3 * _x[2 * i + 1]).ToArray(), 1);
        var (code, output, error) = Run("mi", "--x", x, "--y", y, "--estimator", "ksg2", "--json", "--device", "ilgpu-cpu");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(MutualInformation.Ksg(xs, ys, 3, KsgVariant.Two).Value.Bits, json.RootElement.GetProperty("value").GetDouble(), 10);
        }

        // q: an independent-looking sample (p compared with itself is refused).
        string q = System.IO.Path.Combine(_dir, "q.csv");
        var qValues = _x.Select(v => 1.5 * v + 0.2).Reverse().ToArray();
        File.WriteAllLines(q, Enumerable.Range(0, N).Select(i => string.Create(CultureInfo.InvariantCulture, $"{qValues[2 * i]:R},{qValues[2 * i + 1]:R}")));
        (code, output, error) = Run("kl-divergence", "--p", x, "--q", q, "--json", "--device", "ilgpu-cpu");
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(output))
        {
            Assert.Equal(Divergence.KullbackLeibler(xs, new Samples(qValues, 2), 3).Value.Bits, json.RootElement.GetProperty("value").GetDouble(), 10);
        }
    }

    [Fact]
    public void Device_WithAnEstimatorThatDoesNotUseIt_IsAUsageError()
    {
        var (code, _, error) = Run("entropy", "--x", System.IO.Path.Combine(_dir, "x.csv"), "--estimator", "kde", "--device", "ilgpu-cpu");
        Assert.Equal(2, code);
        Assert.Contains("--device does not apply to --estimator kde; it is an option of renyi, kl, wkl, ksg, ksg2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Gpu_WithoutOne_IsAUsageErrorThatSaysWhatToUse()
    {
        if (IlgpuBackend.IsAvailable(IlgpuDevice.Auto))
        {
            // A GPU is present: the command must run on it.
            Assert.Equal(0, Run("entropy", "--x", System.IO.Path.Combine(_dir, "x.csv"), "--device", "gpu").Code);
            return;
        }

        var (code, _, error) = Run("entropy", "--x", System.IO.Path.Combine(_dir, "x.csv"), "--device", "gpu");
        Assert.Equal(2, code);
        Assert.Contains("No GPU was found", error, StringComparison.Ordinal);
    }

}
