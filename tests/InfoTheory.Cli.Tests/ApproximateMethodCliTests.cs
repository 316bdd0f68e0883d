using System.Globalization;
using System.Text.RegularExpressions;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>
/// <c>--method exact|approx|auto</c> and <c>--tolerance BITS</c> of the matrix-Rényi estimator: the certified interval
/// in the JSON and text output (containing the exact value, no wider than the tolerance unless flagged), the exact path's
/// output unchanged, and the refusals (one <c>error:</c> line, exit code 2).
/// </summary>
public sealed partial class ApproximateMethodCliTests : IDisposable
{
    private const double DefaultTolerance = MatrixRenyiOptions.DefaultToleranceBits;

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "approx-cli-" + Guid.NewGuid().ToString("N"));
    private readonly string _x;
    private readonly string _y;
    private readonly string _input;
    private readonly string _layer;
    private readonly string _slow;

    public ApproximateMethodCliTests()
    {
        Directory.CreateDirectory(_dir);
        var x = TestData.Gaussian(400, 2, 71);
        _x = Write("x.csv", x);
        _y = Write("y.csv", TestData.Dependent(x, 1, 72));
        // A 1-D input and two 1×1 feature maps, each a noisy function of it (a joint of 3 dimensions: the rank cap N/4
        // resolves its spectrum; with more, the interval at N = 400 stays wider than the tolerance).
        var input = TestData.Gaussian(400, 1, 75);
        _input = Write("input.csv", input);
        _layer = Write("layer.csv", TestData.Dependent(input, 2, 73));
        // 20 dimensions with σ = 1.5, a quarter of the median distance: a slowly decaying spectrum the rank cap cannot resolve.
        _slow = Write("slow.csv", TestData.Gaussian(400, 20, 74));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string> Commands => ["entropy", "mi", "mmi"];

    private string[] Args(string command, params string[] more) => command switch
    {
        "entropy" => ["entropy", "--x", _x, .. more],
        "mi" => ["mi", "--x", _x, "--y", _y, .. more],
        "mmi" => ["mmi", "--x", _input, "--layer", _layer, .. more],
        _ => ["pid", "--x", _input, "--layer", _layer, .. more],
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void ApproxWritesACertifiedIntervalThatContainsTheExactValue(string command)
    {
        using var approx = Json(Args(command, "--method", "approx", "--json"));
        using var exact = Json(Args(command, "--method", "exact", "--json"));
        var root = approx.RootElement;
        double value = Number(approx, "value"), lower = Number(approx, "lower"), upper = Number(approx, "upper");
        Assert.Equal("approx", root.GetProperty("method").GetString());
        Assert.Equal(DefaultTolerance, Number(approx, "tolerance"));
        Assert.True(root.GetProperty("factor_rank").GetInt32() > 0);
        Assert.False(root.GetProperty("tolerance_missed").GetBoolean());
        Assert.True(lower <= value && value <= upper, $"{value} outside [{lower}, {upper}]");
        Assert.Equal(0.5 * (lower + upper), value, 12);
        Assert.True(upper - lower <= DefaultTolerance, $"[{lower}, {upper}] is wider than {DefaultTolerance} bits");
        double truth = Number(exact, "value");
        Assert.True(lower <= truth && truth <= upper, $"the exact {truth} is outside [{lower}, {upper}]");
        Assert.Equal(truth, value, DefaultTolerance / 2);
    }

    [Fact]
    public void ApproxPidWritesCertifiedIntervalsThatContainTheExactProxies()
    {
        using var approx = Json(Args("pid", "--method", "approx", "--json"));
        using var exact = Json(Args("pid", "--json"));
        var a = approx.RootElement;
        var e = exact.RootElement;
        Assert.Equal("approx", a.GetProperty("method").GetString());
        Assert.False(e.TryGetProperty("method", out _));
        Assert.False(a.GetProperty("tolerance_missed").GetBoolean());
        foreach (string name in new[] { "mmi", "rst", "wnri" })
        {
            AssertInterval(name, a, e.GetProperty(name).GetDouble(), name);
        }

        var pairs = a.GetProperty("pairs").EnumerateArray().ToList();
        var exactPairs = e.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Single(pairs);
        foreach (string name in new[] { "i_x_tij", "rst", "wnri" })
        {
            AssertInterval("pair " + name, pairs[0], exactPairs[0].GetProperty(name).GetDouble(), name);
        }

        var maps = a.GetProperty("map_information").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var lower = a.GetProperty("map_information_lower").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var upper = a.GetProperty("map_information_upper").EnumerateArray().Select(v => v.GetDouble()).ToList();
        var truth = e.GetProperty("map_information").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(2, maps.Count);
        for (int p = 0; p < maps.Count; p++)
        {
            Assert.True(lower[p] <= truth[p] && truth[p] <= upper[p], $"map {p}: the exact {truth[p]} is outside [{lower[p]}, {upper[p]}]");
            Assert.True(upper[p] - lower[p] <= DefaultTolerance);
        }

        // The text form: each line's value followed by its interval, the settings line with the method and rank.
        var (code, output, error) = Run(Args("pid", "--method", "approx"));
        Assert.True(code == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^MMI  = [0-9.]+ bits \[[0-9.]+, [0-9.]+\] \(X with all 2 maps\)$", lines[0]);
        Assert.Matches(@"^RST  = -?[0-9.]+ bits \[-?[0-9.]+, -?[0-9.]+\] \(RST% ", lines[1]);
        Assert.Matches(@"^WNRI = -?[0-9.]+ bits \[-?[0-9.]+, -?[0-9.]+\] \(WNRI% ", lines[2]);
        Assert.Contains($", renyi, approx, rank {a.GetProperty("factor_rank").GetInt32()}, alpha=1.01", lines[3]);
    }

    [Fact]
    public void ApproxWidthScanGivesEachFactorAnIntervalThatContainsTheExactScan()
    {
        using var approx = Json(Args("mi", "--method", "approx", "--width-factors", "0.5,1,2", "--json"));
        using var exact = Json(Args("mi", "--width-factors", "0.5,1,2", "--json"));
        var rows = approx.RootElement.GetProperty("width_scan").EnumerateArray().ToList();
        var truth = exact.RootElement.GetProperty("width_scan").EnumerateArray().ToList();
        Assert.Equal(3, rows.Count);
        for (int f = 0; f < rows.Count; f++)
        {
            Assert.Equal(truth[f].GetProperty("factor").GetDouble(), rows[f].GetProperty("factor").GetDouble());
            Assert.False(truth[f].TryGetProperty("lower", out _));
            // Half the width decays the 3-D joint's spectrum too slowly for the rank cap N/4: flagged, and still containing.
            bool missed = rows[f].GetProperty("tolerance_missed").GetBoolean();
            Assert.Equal(f == 0, missed);
            AssertInterval($"factor {f}", rows[f], truth[f].GetProperty("value").GetDouble(), "value", checkWidth: !missed);
            Assert.True(rows[f].GetProperty("factor_rank").GetInt32() > 0);
        }

        // The scan's factor 1 is the plain estimate's interval.
        Assert.Equal(Number(approx, "value"), rows[1].GetProperty("value").GetDouble(), 12);
    }

    /// <summary>NAME_lower ≤ exact ≤ NAME_upper, NAME inside, and (unless not checked) no wider than the default tolerance.</summary>
    private static void AssertInterval(string what, System.Text.Json.JsonElement element, double exact, string name, bool checkWidth = true)
    {
        double value = element.GetProperty(name).GetDouble();
        string prefix = name == "value" ? string.Empty : name + "_";
        double lower = element.GetProperty(prefix + "lower").GetDouble(), upper = element.GetProperty(prefix + "upper").GetDouble();
        Assert.True(lower <= exact && exact <= upper, $"{what}: the exact {exact} is outside [{lower}, {upper}]");
        Assert.True(lower <= value && value <= upper, $"{what}: {value} is outside its own [{lower}, {upper}]");
        Assert.True(!checkWidth || upper - lower <= DefaultTolerance, $"{what}: [{lower}, {upper}] is wider than {DefaultTolerance} bits");
        Assert.True(checkWidth || upper - lower > DefaultTolerance, $"{what}: [{lower}, {upper}] is flagged but no wider than {DefaultTolerance} bits");
    }

    [Fact]
    public void TheIntervalIsInTheUnitOfTheValueAndTheToleranceInBits()
    {
        using var bits = Json(Args("mi", "--method", "approx", "--tolerance", "0.001", "--json"));
        using var nats = Json(Args("mi", "--method", "approx", "--tolerance", "0.001", "--unit", "nats", "--json"));
        Assert.Equal(0.001, Number(bits, "tolerance"));
        Assert.True(Number(bits, "upper") - Number(bits, "lower") <= 0.001);
        foreach (string field in new[] { "value", "lower", "upper", "tolerance" })
        {
            Assert.Equal(Number(bits, field) * Math.Log(2), Number(nats, field), 12);
        }

        // A tighter tolerance needs at least the rank of the default one.
        using var loose = Json(Args("mi", "--method", "approx", "--json"));
        Assert.True(bits.RootElement.GetProperty("factor_rank").GetInt32() >= loose.RootElement.GetProperty("factor_rank").GetInt32());
    }

    [Fact]
    public void AMissedToleranceIsFlaggedAndTheIntervalStillHoldsTheExactValue()
    {
        using var approx = Json("entropy", "--x", _slow, "--sigma", "1.5", "--method", "approx", "--json");
        using var exact = Json("entropy", "--x", _slow, "--sigma", "1.5", "--json");
        double lower = Number(approx, "lower"), upper = Number(approx, "upper"), truth = Number(exact, "value");
        Assert.True(approx.RootElement.GetProperty("tolerance_missed").GetBoolean());
        Assert.True(upper - lower > DefaultTolerance);
        Assert.True(lower <= truth && truth <= upper, $"the exact {truth} is outside [{lower}, {upper}]");

        var (code, output, error) = Run("entropy", "--x", _slow, "--sigma", "1.5", "--method", "approx");
        Assert.True(code == 0, error);
        Assert.Empty(error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("warning: the interval is ", lines[1]);
        Assert.Contains("more than the tolerance of 0.0100 bits", lines[1]);
    }

    [Fact]
    public void TextModePrintsTheIntervalAndTheRankAfterTheValue()
    {
        using var json = Json(Args("entropy", "--method", "approx", "--json"));
        var (code, output, error) = Run(Args("entropy", "--method", "approx"));
        Assert.True(code == 0, error);
        string line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)).TrimEnd();
        var match = TextLine().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(Number(json, "value"), double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture), 4);
        Assert.Equal(Number(json, "lower"), double.Parse(match.Groups["lower"].Value, CultureInfo.InvariantCulture), 4);
        Assert.Equal(Number(json, "upper"), double.Parse(match.Groups["upper"].Value, CultureInfo.InvariantCulture), 4);
        Assert.Equal(json.RootElement.GetProperty("factor_rank").GetInt32().ToString(CultureInfo.InvariantCulture), match.Groups["rank"].Value);
    }

    [Theory]
    [InlineData("entropy", false)]
    [InlineData("entropy", true)]
    [InlineData("mi", false)]
    [InlineData("mi", true)]
    [InlineData("mmi", true)]
    [InlineData("pid", true)]
    public void AutoOnASmallInputAndExactAreTheOutputWithoutMethodByteForByte(string command, bool json)
    {
        string[] format = json ? ["--json"] : [];
        var plain = Run(Args(command, format));
        Assert.True(plain.Code == 0, plain.Error);
        Assert.Equal(plain, Run(Args(command, ["--method", "exact", .. format])));
        Assert.Equal(plain, Run(Args(command, ["--method", "auto", .. format])));
        if (command != "pid")
        {
            Assert.Equal(plain, Run(Args(command, ["--method", "auto", "--tolerance", "0.5", .. format])));
        }

        Assert.DoesNotContain("lower", plain.Output);
        Assert.DoesNotContain("rank", plain.Output);
    }

    [Theory]
    [InlineData("entropy", "--method approx --bandwidth median", "--bandwidth median reads all N² pair distances")]
    [InlineData("mmi", "--bandwidth median --method approx", "--bandwidth median reads all N² pair distances")]
    [InlineData("entropy", "--tolerance 0.1", "--tolerance sets the width of the approximate method's interval")]
    [InlineData("mi", "--method exact --tolerance 0.1", "has no effect with --method exact;")]
    [InlineData("entropy", "--method approx --tolerance 0", "--tolerance 0 must be a finite number greater than 0; give the interval's width in bits, e.g. --tolerance 0.01")]
    [InlineData("mi", "--method auto --tolerance -0.5", "--tolerance -0.5 must be a finite number greater than 0; give the interval's width in bits, e.g. --tolerance 0.01")]
    [InlineData("mmi", "--method approx --tolerance NaN", "--tolerance NaN must be a finite number greater than 0; give the interval's width in bits, e.g. --tolerance 0.01")]
    [InlineData("entropy", "--method approx --tolerance Infinity", "--tolerance Infinity must be a finite number greater than 0")]
    [InlineData("pid", "--method approx --tolerance 0", "--tolerance 0 must be a finite number greater than 0")]
    [InlineData("pid", "--tolerance 0.1", "--tolerance sets the width of the approximate method's interval")]
    [InlineData("entropy", "--method approx --tolerance tight", "--tolerance 'tight' is not a number; write it with '.' as the decimal point")]
    [InlineData("entropy", "--method fast", "--method 'fast' is not a method; accepted values: exact, approx, auto.")]
    [InlineData("mi", "--estimator ksg --method approx", "--method does not apply to --estimator ksg; it is an option of renyi.")]
    [InlineData("entropy", "--estimator kde --method auto --tolerance 0.1", "--method does not apply to --estimator kde; it is an option of renyi.")]
    public void RefusalsExitTwoWithOneErrorLine(string command, string options, string message)
    {
        var (code, output, error) = Run(Args(command, options.Split(' ')));
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
    }

    [Theory]
    [InlineData("--method approx --bandwidth median", "--bandwidth median reads all N² pair distances")]
    [InlineData("--tolerance 0.05", "--tolerance sets the width of the approximate method's interval")]
    [InlineData("--method approx --tolerance 0", "--tolerance 0 must be a finite number greater than 0")]
    [InlineData("--estimator ksg --method auto", "--method does not apply to --estimator ksg; it is an option of renyi.")]
    [InlineData("--estimator ksg,kde --method approx", "--method does not apply to any of --estimator ksg,kde; it is an option of renyi.")]
    public void InfoPlaneRefusesWhatTheApproximationCannotTakeBeforeTraining(string options, string message)
    {
        var (code, output, error) = Run(["infoplane", .. options.Split(' '), "--out", Path.Combine(_dir, "plane")]);
        Assert.Equal(2, code);
        Assert.Empty(output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(message, line);
        Assert.False(Directory.Exists(Path.Combine(_dir, "plane")));
    }

    [Fact]
    public void InfoPlaneRunsTheMethodAndSummarisesTheIntervals()
    {
        string dir = Path.Combine(_dir, "approx-plane");
        var (code, output, error) = Run("infoplane", "--epochs", "1", "--train", "300", "--probe", "60", "--method", "approx", "--error-chain", "--out", dir);
        Assert.True(code == 0, error);
        Assert.Contains("kernel width scott(gamma=2), method approx (tolerance 0.01 bits)", output);
        // 2 measurements × 6 layers × 4 measures (H(T), I(X;T), I(T;X'), the error chain's I(dK;d_k)), each with an interval.
        Assert.Matches(@"(approximate: all 48 intervals within --tolerance 0\.01 bits|warning: [0-9]+ of 48 approximate intervals are wider than --tolerance 0\.01 bits)", output);
        Assert.Equal(2 * 6, File.ReadAllLines(Path.Combine(dir, "infoplane.csv")).Count(l => !l.StartsWith('#') && !l.StartsWith("epoch", StringComparison.Ordinal)));

        (code, output, error) = Run("infoplane", "--epochs", "1", "--train", "300", "--probe", "60", "--method", "auto", "--out", Path.Combine(_dir, "auto-plane"));
        Assert.True(code == 0, error);
        Assert.Contains("method auto: every measure was computed exactly", output);
    }

    [Fact]
    public void TheHelpListsTheOptionsWhereTheyApply()
    {
        foreach (string command in new[] { "entropy", "mi", "mmi", "pid", "infoplane" })
        {
            var (_, help, _) = Run(command, "--help");
            Assert.Contains("--method METHOD", help);
            Assert.Contains("--tolerance BITS", help);
        }
    }

    [GeneratedRegex(@"^H\(X\) = (?<value>[0-9.]+) bits \[(?<lower>[0-9.]+), (?<upper>[0-9.]+)\], rank (?<rank>[0-9]+) \(renyi, approx, alpha=1\.01, sigma=[0-9.]+, N=400\)$")]
    private static partial Regex TextLine();

    private string Write(string name, Samples samples)
    {
        string path = Path.Combine(_dir, name);
        WriteCsv(path, samples);
        return path;
    }
}
