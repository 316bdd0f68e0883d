using System.Text.Json;
using InfoTheory.Tests.IO;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// Issue #12, the inputs that get a number WITH a warning, and the scales that get the right number: exit 0, the value
/// on stdout, one <c>warning: …</c> line per warning on stderr (nothing else there), and with --json a
/// <c>warnings</c> array of {code, message} (absent when there is nothing to warn about).
/// </summary>
public sealed class WarnedInputCliTests : IDisposable
{
    private const int N = 60;
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-warned-").FullName;
    private readonly Samples _x = TestData.Gaussian(N, 2, 1);
    private readonly Samples _y;

    public WarnedInputCliTests()
    {
        _y = TestData.Dependent(_x, 1, 2);
        var repeat = Enumerable.Range(0, N).Select(i => i / 4).ToArray();
        Write("x.csv", _x);
        Write("y.csv", _y);
        Write("x-rep.csv", _x.Select(repeat));
        Write("y-rep.csv", _y.Select(repeat));
        Write("const.csv", new Samples(Enumerable.Repeat(3.0, N).ToArray(), 1));
        Write("skewed.csv", Scale(_x, 1e8, 1e-8));
        Write("q-shared.csv", new Samples(TestData.Gaussian(50, 2, 3).ToArray().Concat(_x.Select([0, 1, 2, 3, 4]).ToArray()).ToArray(), 2));
        var q = TestData.Gaussian(50, 2, 4, scale: 1.5);
        Write("q.csv", q);
        foreach (double c in new[] { 1e300, 1e-300 })
        {
            string tag = c.ToString("E0", System.Globalization.CultureInfo.InvariantCulture);
            Write($"x-{tag}.csv", Scale(_x, c));
            Write($"y-{tag}.csv", Scale(_y, c));
            Write($"q-{tag}.csv", Scale(q, c));
        }

        File.WriteAllBytes(Path("x-rep.npy"), NpyBuilder.Doubles(_x.Select(repeat).ToArray(), N, 2));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string, string[], string[]> Table => new()
    {
        { "KSG on every row repeated 4 times", ["ties"], ["mi", "--x", "{x-rep.csv}", "--y", "{y-rep.csv}", "--estimator", "ksg"] },
        { "KSG 2 on a repeated .npy", ["ties"], ["mi", "--x", "{x-rep.npy}", "--y", "{y-rep.csv}", "--estimator", "ksg2"] },
        { "an MI from k-NN entropies on repeated rows: one per space", ["ties", "ties", "ties"], ["mi", "--x", "{x-rep.csv}", "--y", "{y-rep.csv}", "--estimator", "kl"] },
        { "a k-NN entropy of repeated rows", ["ties"], ["entropy", "--x", "{x-rep.csv}", "--estimator", "kl"] },
        { "KSG with a constant x", ["constant"], ["mi", "--x", "{const.csv}", "--y", "{y.csv}", "--estimator", "ksg"] },
        { "KSG with constant x and y", ["constant"], ["mi", "--x", "{const.csv}", "--y", "{const.csv}", "--estimator", "ksg"] },
        { "columns scaled 1e8 and 1e-8", ["anisotropic"], ["entropy", "--x", "{skewed.csv}", "--estimator", "kl"] },
        { "a divergence whose samples share rows", ["shared-observations"], ["kl-divergence", "--p", "{x.csv}", "--q", "{q-shared.csv}"] },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void ValueOnStdout_OneWarningLineEach_AndAWarningsArray(string what, string[] codes, string[] args)
    {
        var resolved = Resolve(args);
        var (code, output, error) = Run(resolved);
        Assert.True(code == 0, $"{what}: exit {code}, stderr '{error}'");
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(" = ", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(codes.Length, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("warning: ", l));

        var (jsonCode, json, jsonError) = Run([.. resolved, "--json"]);
        Assert.Equal(0, jsonCode);
        Assert.Equal(error, jsonError); // the same warning lines with --json
        using var document = JsonDocument.Parse(json);
        var warnings = document.RootElement.GetProperty("warnings");
        Assert.Equal(codes, warnings.EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToArray());
        Assert.Equal(lines.Select(l => l["warning: ".Length..]).ToArray(), warnings.EnumerateArray().Select(w => w.GetProperty("message").GetString()).ToArray());
        // Ties and constants leave no standard error (never an SE of 0 on a degenerate estimate).
        Assert.Equal(codes[0] is "anisotropic" or "shared-observations", document.RootElement.TryGetProperty("standard_error", out _));
    }

    [Fact]
    public void TiesWarning_SaysHowManyAndWhatTheJitterDid()
    {
        var (_, _, error) = Run(Resolve(["mi", "--x", "{x-rep.csv}", "--y", "{y-rep.csv}", "--estimator", "ksg"]));
        Assert.Contains("60 of 60 observations have at least 3 exact copies in the joint space (x, y) (largest repeat count 4)", error);
        Assert.Contains("the estimate measures the jitter", error);
        Assert.Contains("k ≥ 4", error);
        using var k4 = Json(Resolve(["mi", "--x", "{x-rep.csv}", "--y", "{y-rep.csv}", "--estimator", "ksg", "--k", "4", "--json"]));
        Assert.False(k4.RootElement.TryGetProperty("warnings", out _));
    }

    [Fact]
    public void ConstantVariable_IsZeroExactly()
    {
        using var json = JsonWithWarnings(Resolve(["mi", "--x", "{const.csv}", "--y", "{y.csv}", "--estimator", "ksg", "--json"]));
        Assert.Equal(0, Number(json, "value"));
    }

    [Fact]
    public void Standardize_RemovesTheAnisotropyAndItsWarning()
    {
        using var plain = Json(Resolve(["entropy", "--x", "{x.csv}", "--estimator", "kl", "--json", "--unit", "nats"]));
        using var standardized = Json(Resolve(["entropy", "--x", "{skewed.csv}", "--estimator", "kl", "--standardize", "--json", "--unit", "nats"]));
        Assert.InRange(Number(standardized, "value"), Number(plain, "value") - 0.1, Number(plain, "value") + 0.1);
        Assert.True(standardized.RootElement.GetProperty("standardize").GetBoolean());
        using var divergence = JsonWithWarnings(Resolve(["kl-divergence", "--p", "{x.csv}", "--q", "{q-shared.csv}", "--standardize", "--json"]));
        Assert.True(divergence.RootElement.GetProperty("standardize").GetBoolean());
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-300)]
    public void ExtremeScales_GiveTheUnscaledValuePlusTheLogJacobian_WithoutWarnings(double c)
    {
        // The issue: ×1e300 exited 1 ("fewer stored points than neighbours", "a k-NN estimate was not finite") or gave
        // 10.6 bits for KSG; ×1e-300 gave −62 bits for the entropy; KDE/Gaussian were refused with misleading messages.
        string tag = c.ToString("E0", System.Globalization.CultureInfo.InvariantCulture);
        double jacobian = 2 * Math.Log(c);
        foreach (string estimator in new[] { "ksg", "ksg2", "kl", "wkl", "kde", "gaussian", "bin" })
        {
            using var plain = Json(Resolve(["mi", "--x", "{x.csv}", "--y", "{y.csv}", "--estimator", estimator, "--json", "--unit", "nats"]));
            using var scaled = Json(Resolve(["mi", "--x", $"{{x-{tag}.csv}}", "--y", $"{{y-{tag}.csv}}", "--estimator", estimator, "--json", "--unit", "nats"]));
            Assert.Equal(Number(plain, "value"), Number(scaled, "value"), 1e-10);
        }

        foreach (string estimator in new[] { "kl", "wkl", "kde", "gaussian" })
        {
            using var plain = Json(Resolve(["entropy", "--x", "{x.csv}", "--estimator", estimator, "--json", "--unit", "nats"]));
            using var scaled = Json(Resolve(["entropy", "--x", $"{{x-{tag}.csv}}", "--estimator", estimator, "--json", "--unit", "nats"]));
            double expected = Number(plain, "value") + jacobian;
            Assert.True(Math.Abs(Number(scaled, "value") - expected) <= 1e-10 * Math.Abs(expected), $"{estimator}: {Number(scaled, "value")} vs {expected}");
        }

        using var d0 = Json(Resolve(["kl-divergence", "--p", "{x.csv}", "--q", "{q.csv}", "--json"]));
        using var d1 = Json(Resolve(["kl-divergence", "--p", $"{{x-{tag}.csv}}", "--q", $"{{q-{tag}.csv}}", "--json"]));
        Assert.Equal(Number(d0, "value"), Number(d1, "value"), 1e-10);
    }

    private static Samples Scale(Samples s, params double[] factors)
    {
        var v = s.ToArray();
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= factors[i % s.Dimensions % factors.Length];
        }

        return new Samples(v, s.Dimensions);
    }

    private static JsonDocument JsonWithWarnings(string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"exit code {code}: {error}");
        Assert.All(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.StartsWith("warning: ", l));
        return JsonDocument.Parse(output);
    }

    private string[] Resolve(string[] args) => args.Select(a => a.StartsWith('{') ? Path(a[1..^1]) : a).ToArray();

    private void Write(string name, Samples samples) => WriteCsv(Path(name), samples);

    private string Path(string name) => System.IO.Path.Combine(_dir, name);
}
