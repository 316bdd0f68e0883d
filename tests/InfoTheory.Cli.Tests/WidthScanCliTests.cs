using System.Text.Json;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// <c>mi --width-factors</c> for renyi and kde (the text table and the JSON <c>width_scan</c>, against the library's
/// scans), the KDE's <c>diagnostics</c> array, and the refusals: estimators without a width and bad lists.
/// </summary>
public sealed class WidthScanCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "width-scan-" + Guid.NewGuid().ToString("N"));
    private readonly Samples _x = TestData.Gaussian(200, 2, 61);
    private readonly Samples _y;
    private readonly string _xFile;
    private readonly string _yFile;

    public WidthScanCliTests()
    {
        Directory.CreateDirectory(_dir);
        _y = TestData.Dependent(_x, 1, 62);
        _xFile = Path.Combine(_dir, "x.csv");
        _yFile = Path.Combine(_dir, "y.csv");
        WriteCsv(_xFile, _x);
        WriteCsv(_yFile, _y);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void KdeEntropyAndMiWriteOneWidthCheckPerDensity()
    {
        using var entropy = Json("entropy", "--x", _xFile, "--estimator", "kde", "--json");
        var check = Assert.Single(entropy.RootElement.GetProperty("diagnostics").EnumerateArray());
        var own = Assert.Single(Entropy.Kde(_x).DiagnosticsAs<KdeDiagnostics>().WidthChecks);
        Assert.Equal("x", check.GetProperty("variable").GetString());
        Assert.Equal(entropy.RootElement.GetProperty("bandwidth_factors")[0].GetDouble(), check.GetProperty("sigma").GetDouble());
        Assert.Equal(own.MedianDistance, check.GetProperty("median_distance").GetDouble());
        Assert.Equal(own.SigmaOverMedian, check.GetProperty("sigma_over_median").GetDouble());
        Assert.Equal(JsonValueKind.Null, check.GetProperty("entropy_over_log_n").ValueKind);
        Assert.False(check.GetProperty("width_dominated").GetBoolean());

        using var mi = Json("mi", "--x", _xFile, "--y", _yFile, "--estimator", "kde", "--json");
        var d = mi.RootElement.GetProperty("diagnostics");
        var checks = MutualInformation.Kde(_x, _y).DiagnosticsAs<KdeDiagnostics>().WidthChecks;
        Assert.Equal(3, d.GetArrayLength());
        string[] names = ["x", "y", "xy"];
        for (int v = 0; v < 3; v++)
        {
            Assert.Equal(names[v], d[v].GetProperty("variable").GetString());
            Assert.Equal(mi.RootElement.GetProperty("bandwidth_factors")[v].GetDouble(), d[v].GetProperty("sigma").GetDouble());
            Assert.Equal(checks[v].MedianDistance, d[v].GetProperty("median_distance").GetDouble());
            Assert.Equal(checks[v].WidthDominated, d[v].GetProperty("width_dominated").GetBoolean());
        }
    }

    [Fact]
    public void KdeFlagsAVariableWhoseOutliersInflateItsCovariance()
    {
        var random = new Random(9);
        var values = Enumerable.Range(0, 200).Select(_ => 1e-3 * RandomDraws.StandardNormal(random)).Concat([100.0, 100, -100, -100]).ToArray();
        string file = Path.Combine(_dir, "outliers.csv");
        WriteCsv(file, Samples.FromColumn(values));
        using var json = Json("entropy", "--x", file, "--estimator", "kde", "--json");
        var check = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.True(check.GetProperty("width_dominated").GetBoolean());
        Assert.True(check.GetProperty("sigma_over_median").GetDouble() >= WidthCheck.FlatRatio);
    }

    [Fact]
    public void RenyiScanIsTheLibrarysScanWithItsWidthsAndChecks()
    {
        using var json = Json("mi", "--x", _xFile, "--y", _yFile, "--width-factors", "0.5,1,2", "--json");
        var root = json.RootElement;
        var scan = root.GetProperty("width_scan");
        var expected = new MatrixRenyiMutualInformation().EstimateAcrossWidths(_x, _y, [0.5, 1, 2]);
        Assert.Equal(3, scan.GetArrayLength());
        double[] factors = [0.5, 1, 2];
        for (int f = 0; f < 3; f++)
        {
            var e = scan[f];
            var d = expected[f].DiagnosticsAs<RenyiDiagnostics>();
            Assert.Equal(factors[f], e.GetProperty("factor").GetDouble());
            Assert.Equal(expected[f].Value.Bits, e.GetProperty("value").GetDouble(), 12);
            Assert.Equal(factors[f] * root.GetProperty("sigma")[0].GetDouble(), e.GetProperty("sigma_x").GetDouble(), 12);
            Assert.Equal(factors[f] * root.GetProperty("sigma")[1].GetDouble(), e.GetProperty("sigma_y").GetDouble(), 12);
            Assert.Equal(d.WidthChecks[0].SigmaOverMedian, e.GetProperty("sigma_over_median_x").GetDouble(), 12);
            Assert.Equal(d.WidthChecks[1].SigmaOverMedian, e.GetProperty("sigma_over_median_y").GetDouble(), 12);
            Assert.Equal(d.WidthChecks[0].WidthDominated, e.GetProperty("width_dominated_x").GetBoolean());
            Assert.Equal(d.WidthChecks[1].WidthDominated, e.GetProperty("width_dominated_y").GetBoolean());
            Assert.Equal(d.WidthDominated, e.GetProperty("width_dominated").GetBoolean());
            Assert.False(e.TryGetProperty("sigma_xy", out _));
            Assert.False(e.TryGetProperty("standard_error", out _));
        }

        // Factor 1 is the plain estimate (computed by the scan's shared-distance path: equal up to round-off).
        Assert.Equal(root.GetProperty("value").GetDouble(), scan[1].GetProperty("value").GetDouble(), 9);
    }

    [Fact]
    public void KdeScanIsTheLibrarysScanWithTheJointsWidth()
    {
        using var json = Json("mi", "--x", _xFile, "--y", _yFile, "--estimator", "kde", "--leave-one-out", "--width-factors", "0.25, 1,4",
            "--unit", "nats", "--json");
        var root = json.RootElement;
        var scan = root.GetProperty("width_scan");
        var expected = new KdeMutualInformation(new KdeOptions { LeaveOneOut = true }).EstimateAcrossWidths(_x, _y, [0.25, 1, 4]);
        Assert.Equal(3, scan.GetArrayLength());
        string[] names = ["x", "y", "xy"];
        for (int f = 0; f < 3; f++)
        {
            var e = scan[f];
            var d = expected[f].DiagnosticsAs<KdeDiagnostics>();
            Assert.Equal(expected[f].Value.Nats, e.GetProperty("value").GetDouble());
            Assert.Equal(expected[f].StandardError!.Value.Nats, e.GetProperty("standard_error").GetDouble());
            for (int v = 0; v < 3; v++)
            {
                Assert.Equal(d.Bandwidths[v], e.GetProperty("sigma_" + names[v]).GetDouble());
                Assert.Equal(root.GetProperty("bandwidth_factors")[v].GetDouble() * e.GetProperty("factor").GetDouble(),
                    e.GetProperty("sigma_" + names[v]).GetDouble(), 14);
                Assert.Equal(d.WidthChecks[v].SigmaOverMedian, e.GetProperty("sigma_over_median_" + names[v]).GetDouble());
                Assert.Equal(d.WidthChecks[v].WidthDominated, e.GetProperty("width_dominated_" + names[v]).GetBoolean());
            }
        }

        Assert.Equal(root.GetProperty("value").GetDouble(), scan[1].GetProperty("value").GetDouble());
        // A quarter of Scott's h in three dimensions is a spike for the joint (h/median ≤ 0.1); four times it is not.
        Assert.True(scan[0].GetProperty("width_dominated_xy").GetBoolean());
        Assert.False(scan[2].GetProperty("width_dominated").GetBoolean());
    }

    [Theory]
    [InlineData("renyi", "sigma_x  sigma_y  I(X;Y) bits  width-dominated")]
    [InlineData("kde", "sigma_x  sigma_y  sigma_xy  I(X;Y) bits  width-dominated")]
    public void TextModePrintsATableUnderTheEstimate(string estimator, string header)
    {
        var (code, output, error) = Run("mi", "--x", _xFile, "--y", _yFile, "--estimator", estimator, "--width-factors", "0.5,2");
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("I(X;Y) = ", lines[0]);
        Assert.StartsWith("width scan", lines[1]);
        Assert.Equal("factor  " + header, lines[2]);
        Assert.StartsWith("0.5 ", lines[3]);
        Assert.StartsWith("2 ", lines[4]);
    }

    [Theory]
    [InlineData("ksg")]
    [InlineData("kl")]
    [InlineData("bin")]
    [InlineData("gaussian")]
    public void EstimatorsWithoutAWidthRefuseTheScan(string estimator)
    {
        var (code, output, error) = Run("mi", "--x", _xFile, "--y", _yFile, "--estimator", estimator, "--width-factors", "0.5,2");
        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"error: --width-factors does not apply to --estimator {estimator}; it is an option of renyi, kde.", error.Trim());
    }

    [Theory]
    [InlineData("renyi", "", "'' is empty", "e.g. --width-factors 0.5,1,2")]
    [InlineData("renyi", "0.5,,2", "empty item at position 2", "e.g. --width-factors 0.5,1,2")]
    [InlineData("kde", "0.5,abc", "'abc', which is not a number", "e.g. --width-factors 0.5,1,2")]
    [InlineData("renyi", "0.5,0", "factors[1] = 0 is not in [0.001, 1000]", "such as 0.5 or 2")]
    [InlineData("kde", "-1", "factors[0] = -1 is not in", "such as 0.5 or 2")]
    [InlineData("renyi", "NaN", "factors[0] = NaN is not in", "such as 0.5 or 2")]
    [InlineData("kde", "2,1e4", "factors[1] = 10000 is not in", "such as 0.5 or 2")]
    public void BadListsExitTwoWithOneLineNamingTheValueAndTheFix(string estimator, string list, string named, string fix)
    {
        var (code, output, error) = Run("mi", "--x", _xFile, "--y", _yFile, "--estimator", estimator, "--width-factors", list);
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"error: --width-factors '{list}'", line);
        Assert.Contains(named, line);
        Assert.Contains(fix, line);
    }

    [Fact]
    public void TheScanIsAnMiOptionOfTheDataThemselves()
    {
        var (code, _, error) = Run("entropy", "--x", _xFile, "--width-factors", "2");
        Assert.Equal(2, code);
        Assert.StartsWith("error: unknown option '--width-factors' for 'entropy'", error);
        (code, _, error) = Run("mi", "--x", _xFile, "--y", _yFile, "--estimator", "compressed", "--components", "1", "--inner", "kde", "--width-factors", "2");
        Assert.Equal(2, code);
        Assert.Equal("error: --width-factors does not apply to --estimator compressed; scan the width of renyi or kde on the variables themselves.", error.Trim());
    }
}
