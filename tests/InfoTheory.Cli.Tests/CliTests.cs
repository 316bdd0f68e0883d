using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using InfoTheory.Tests.IO;
using static InfoTheory.Tests.Cli.CliHarness;
using CliApp = InfoTheory.Cli.Cli;

namespace InfoTheory.Tests.Cli;

/// <summary>The infotheory tool, run in-process through Cli.Run on small temp files (N = 40, so the Jacobi solver stays quick).</summary>
public sealed class CliTests : IDisposable
{
    private const int N = 40;
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-cli-").FullName;
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _layer;

    public CliTests()
    {
        var random = new Random(7);
        _x = Gaussian(random, N * 2);
        // Y shares X's first coordinate, so I(X;Y) > 0.
        _y = Enumerable.Range(0, N).Select(i => _x[2 * i] + 0.5 * Gaussian(random, 1)[0]).ToArray();
        _layer = Gaussian(random, N * 3 * 2 * 2);
        WriteCsv("x.csv", _x, 2, header: "a,b");
        WriteCsv("y.csv", _y, 1);
        File.WriteAllBytes(Path("x.npy"), NpyBuilder.Doubles(_x, N, 2));
        File.WriteAllBytes(Path("y.npy"), NpyBuilder.Doubles(_y, N));
        File.WriteAllBytes(Path("layer.npy"), NpyBuilder.Doubles(_layer, N, 3, 2, 2));
        WriteCsv("layer.csv", _layer[..(N * 3)], 3);
        File.WriteAllBytes(Path("layer1.npy"), NpyBuilder.Doubles(_layer[..(N * 4)], N, 1, 2, 2));
        File.WriteAllText(Path("ragged.csv"), "1,2\n3,4\n5\n");
        File.WriteAllText(Path("nan.csv"), "1,2\n3,4\n5,NaN\n");
        File.WriteAllText(Path("one.csv"), "1,2\n");
        File.WriteAllBytes(Path("nan.npy"), NpyBuilder.Doubles([1, 2, double.NaN, 4], 2, 2));
        WriteCsv("short.csv", _x[..(2 * (N - 10))], 2);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Samples X => new(_x, 2);

    private Samples Y => new(_y, 1);

    private FeatureMaps Layer => new(_layer, N, 3, 2, 2);

    // ---- results equal the library's ----

    // A σ far below the distances makes every Gram matrix ≈ I/N: the joint entropy sits at log N. The advice names
    // only what the command has: --representation tensor exists for mmi's map-wise MMI, not for mi.
    [Fact]
    public void SaturationAdviceNamesOnlyOptionsOfTheCommand()
    {
        var (miCode, mi, _) = Run("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--sigma", "1e-6");
        Assert.Equal(0, miCode);
        Assert.Contains("warning: saturated", mi);
        Assert.Contains("use a larger sigma (--sigma, or a larger --h or --gamma)", mi);
        Assert.DoesNotContain("--representation", mi);

        var (mmiCode, mmi, _) = Run("mmi", "--x", Path("x.csv"), "--layer", Path("layer.npy"), "--sigma", "1e-6");
        Assert.Equal(0, mmiCode);
        Assert.Contains("fewer maps or --representation tensor", mmi);
        var (tensorCode, tensor, _) = Run("mmi", "--x", Path("x.csv"), "--layer", Path("layer.npy"), "--sigma", "1e-6", "--representation", "tensor");
        Assert.Equal(0, tensorCode);
        Assert.Contains("warning: saturated", tensor);
        Assert.DoesNotContain("--representation", tensor);
    }


    [Theory]
    [InlineData("x.csv")]
    [InlineData("x.npy")]
    public void Entropy_Json_EqualsLibrary(string file)
    {
        using var json = Json("entropy", "--x", Path(file), "--json");
        var expected = Entropy.MatrixRenyi(X, new MatrixRenyiOptions());
        Assert.Equal(expected.Value.Bits, Number(json, "value"), 10);
        Assert.Equal("bits", json.RootElement.GetProperty("unit").GetString());
        Assert.Equal("renyi", json.RootElement.GetProperty("estimator").GetString());
        Assert.Equal(1.01, Number(json, "alpha"));
        Assert.Equal(expected.DiagnosticsAs<RenyiDiagnostics>().Widths[0], Number(json, "sigma"), 12);
        Assert.Equal(N, json.RootElement.GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Number, json.RootElement.GetProperty("clipped_eigenvalue_mass").ValueKind);
        Assert.False(json.RootElement.GetProperty("saturated").GetBoolean());
    }

    [Theory]
    [InlineData("x.csv", "y.csv")]
    [InlineData("x.npy", "y.npy")]
    public void Mi_Json_EqualsLibraryWithOneSigmaPerVariable(string x, string y)
    {
        using var json = Json("mi", "--x", Path(x), "--y", Path(y), "--json");
        var expected = MutualInformation.MatrixRenyi(X, Y);
        Assert.Equal(expected.Value.Bits, Number(json, "value"), 10);
        Assert.True(Number(json, "value") > 0);
        var sigma = json.RootElement.GetProperty("sigma").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(2, sigma.Length);
        Assert.Equal(expected.DiagnosticsAs<RenyiDiagnostics>().Widths[0], sigma[0], 12);
        Assert.Equal(expected.DiagnosticsAs<RenyiDiagnostics>().Widths[1], sigma[1], 12);
    }

    [Theory]
    [InlineData("maps", LayerRepresentation.FeatureMaps)]
    [InlineData("tensor", LayerRepresentation.WholeTensor)]
    public void Mmi_Npy_EqualsLibrary(string representation, LayerRepresentation expectedRepresentation)
    {
        using var json = Json("mmi", "--x", Path("x.npy"), "--layer", Path("layer.npy"), "--representation", representation, "--json");
        var expected = MutualInformation.MatrixRenyiMultivariate(X, Layer, new MatrixRenyiOptions(), expectedRepresentation);
        Assert.Equal(expected.Value.Bits, Number(json, "value"), 10);
        Assert.Equal(expected.DiagnosticsAs<RenyiDiagnostics>().Widths.Count, json.RootElement.GetProperty("sigma").GetArrayLength());
        Assert.Equal(3, json.RootElement.GetProperty("maps").GetInt32());
    }

    [Fact]
    public void Mmi_CsvLayer_IsMapsOfSizeOne()
    {
        using var json = Json("mmi", "--x", Path("x.csv"), "--layer", Path("layer.csv"), "--json");
        var expected = MutualInformation.MatrixRenyiMultivariate(X, new FeatureMaps(_layer.AsMemory(0, N * 3), N, 3, 1, 1));
        Assert.Equal(expected.Value.Bits, Number(json, "value"), 10);
        Assert.Equal(4, json.RootElement.GetProperty("sigma").GetArrayLength());
    }

    [Fact]
    public void Pid_Npy_Json_EqualsLibrary()
    {
        using var json = Json("pid", "--x", Path("x.npy"), "--layer", Path("layer.npy"), "--json");
        var expected = PartialInformation.Proxies(X, Layer);
        var root = json.RootElement;
        Assert.Equal(expected.Mmi.Value.Bits, Number(json, "mmi"), 10);
        Assert.Equal(expected.Rst.Bits, Number(json, "rst"), 10);
        Assert.Equal(expected.Wnri.Bits, Number(json, "wnri"), 10);
        Assert.Equal(expected.RstPercent!.Value, Number(json, "rst_pct"), 8);
        Assert.Equal(100.0, Number(json, "rst_pct") + Number(json, "wnri_pct"), 8);
        Assert.Equal("bits", root.GetProperty("unit").GetString());
        var pairs = root.GetProperty("pairs").EnumerateArray().ToArray();
        Assert.Equal(3, pairs.Length);
        foreach (string field in new[] { "i", "j", "i_x_ti", "i_x_tj", "i_x_tij", "rst", "wnri" })
        {
            Assert.Equal(JsonValueKind.Number, pairs[0].GetProperty(field).ValueKind);
        }

        Assert.Equal(expected.Pairs[2].JointInformation.Bits, pairs[2].GetProperty("i_x_tij").GetDouble(), 10);
        Assert.Equal(3, root.GetProperty("map_information").GetArrayLength());
        Assert.Equal(3, root.GetProperty("sigma_maps").GetArrayLength());
        Assert.Equal(expected.Mmi.DiagnosticsAs<RenyiDiagnostics>().Widths[0], Number(json, "sigma_x"), 12);
        Assert.Equal(1.01, Number(json, "alpha"));
        Assert.Equal(JsonValueKind.False, root.GetProperty("saturated").ValueKind);
    }

    [Fact]
    public void Pid_Csv_SampledPairs_UseTheSeed()
    {
        using var json = Json("pid", "--x", Path("x.csv"), "--layer", Path("layer.csv"), "--pairs", "2", "--seed", "5", "--json");
        var expected = PartialInformation.Proxies(X, new FeatureMaps(_layer.AsMemory(0, N * 3), N, 3, 1, 1), new PidOptions { Pairs = 2, Seed = 5 });
        Assert.Equal(2, json.RootElement.GetProperty("pairs").GetArrayLength());
        Assert.Equal(expected.Rst.Bits, Number(json, "rst"), 10);
    }

    [Fact]
    public void Pid_Text_IsAShortBlock()
    {
        var (code, output, error) = Run("pid", "--x", Path("x.npy"), "--layer", Path("layer.npy"));
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.StartsWith("MMI  = ", output, StringComparison.Ordinal);
        Assert.Contains("3 of 3 pairs, N=40", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_Text_IsOneLine()
    {
        var (code, output, error) = Run("entropy", "--x", Path("x.csv"));
        Assert.Equal(0, code);
        Assert.Empty(error);
        string expected = Entropy.MatrixRenyi(X).Value.Bits.ToString("F4", CultureInfo.InvariantCulture);
        Assert.Matches($@"^H\(X\) = {expected.Replace(".", @"\.", StringComparison.Ordinal)} bits \(renyi, alpha=1\.01, sigma=[0-9.]+, N=40\)\r?\n$", output);
    }

    // ---- options ----

    [Fact]
    public void UnitNats_IsBitsTimesLn2()
    {
        using var bits = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--json");
        using var nats = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--json", "--unit", "nats");
        Assert.Equal("nats", nats.RootElement.GetProperty("unit").GetString());
        Assert.Equal(Number(bits, "value") * Math.Log(2), Number(nats, "value"), 12);
    }

    [Fact]
    public void Sigma_IsUsedAsGiven()
    {
        using var json = Json("entropy", "--x", Path("x.npy"), "--sigma", "0.75", "--alpha", "2", "--json");
        Assert.Equal(0.75, Number(json, "sigma"));
        Assert.Equal(2.0, Number(json, "alpha"));
        var expected = Entropy.MatrixRenyi(X, 2, Bandwidth.Fixed(0.75));
        Assert.Equal(expected.Value.Bits, Number(json, "value"), 10);
    }

    [Fact]
    public void ScottGamma2_ReproducesLeeAndJo()
    {
        using var json = Json("entropy", "--x", Path("x.csv"), "--bandwidth", "scott", "--gamma", "2", "--alpha", "1.01", "--json");
        // σ = γ·N^(−1/(4+d)) with d = 2.
        Assert.Equal(2 * Math.Pow(N, -1.0 / 6), Number(json, "sigma"), 12);
        Assert.Equal(Entropy.MatrixRenyi(X, 1.01, Bandwidth.Scott(2)).Value.Bits, Number(json, "value"), 10);
    }

    [Fact]
    public void SilvermanH_AndMedian_AreWired()
    {
        using var silverman = Json("entropy", "--x", Path("x.csv"), "--h", "3", "--json");
        Assert.Equal(3 * Math.Pow(N, -1.0 / 6), Number(silverman, "sigma"), 12);
        using var median = Json("entropy", "--x", Path("x.csv"), "--bandwidth", "median", "--json");
        Assert.Equal(Bandwidth.Median().WidthFor(X), Number(median, "sigma"), 12);
    }

    [Fact]
    public void InlineValues_AreAccepted()
    {
        using var json = Json("entropy", $"--x={Path("x.csv")}", "--alpha=2", "--json");
        Assert.Equal(2.0, Number(json, "alpha"));
    }

    [Fact]
    public void Version_And_Help_ExitZero()
    {
        var (code, output, error) = Run("--version");
        Assert.Equal(0, code);
        Assert.StartsWith("infotheory ", output, StringComparison.Ordinal);
        Assert.Empty(error);
        Assert.Equal(0, Run("--help").Code);
        var (helpCode, help, _) = Run("pid", "--help");
        Assert.Equal(0, helpCode);
        Assert.Contains("--pairs", help, StringComparison.Ordinal);
    }

    // ---- errors: exit 2, one line on stderr, nothing on stdout ----

    [Theory]
    [InlineData("sigma and bandwidth", "--sigma and --bandwidth exclude each other", "entropy", "--x", "{x.csv}", "--sigma", "1", "--bandwidth", "scott")]
    [InlineData("missing file", "missing.csv does not exist", "entropy", "--x", "{missing.csv}")]
    [InlineData("ragged csv", "ragged.csv line 3 has 1 value but line 1 has 2", "entropy", "--x", "{ragged.csv}")]
    [InlineData("NaN", "line 3, column 2 is NaN", "entropy", "--x", "{nan.csv}")]
    [InlineData("N < 2", "has 1 observation", "entropy", "--x", "{one.csv}")]
    [InlineData("alpha 0", "--alpha 0 must be a finite number greater than 0", "entropy", "--x", "{x.csv}", "--alpha", "0")]
    [InlineData("sigma -1", "--sigma -1 must be a finite number greater than 0", "entropy", "--x", "{x.csv}", "--sigma", "-1")]
    [InlineData("bad number", "--alpha 'abc' is not a number", "entropy", "--x", "{x.csv}", "--alpha", "abc")]
    [InlineData("1-map layer", "has 1 feature map", "pid", "--x", "{x.npy}", "--layer", "{layer1.npy}")]
    [InlineData("mismatched counts", "has 40 observations but --y", "mi", "--x", "{x.csv}", "--y", "{short.csv}")]
    [InlineData("mismatched layer", "has 30 observations but --layer", "mmi", "--x", "{short.csv}", "--layer", "{layer.npy}")]
    [InlineData("unknown option", "unknown option '--bogus'", "entropy", "--x", "{x.csv}", "--bogus", "1")]
    [InlineData("unknown command", "unknown command 'entropi'", "entropi", "--x", "{x.csv}")]
    [InlineData("no command", "no command given")]
    [InlineData("missing --x", "needs --x FILE", "entropy", "--json")]
    [InlineData("missing --y", "needs --y FILE", "mi", "--x", "{x.csv}")]
    [InlineData("value missing", "--x needs a value", "entropy", "--x", "--json")]
    [InlineData("repeated option", "given twice", "entropy", "--x", "{x.csv}", "--x", "{x.csv}")]
    [InlineData("estimator", "accepted values: renyi", "entropy", "--x", "{x.csv}", "--estimator", "ksg")]
    [InlineData("bandwidth rule", "accepted values: silverman, scott, median", "entropy", "--x", "{x.csv}", "--bandwidth", "wide")]
    [InlineData("gamma with silverman", "--gamma is the constant of --bandwidth scott", "entropy", "--x", "{x.csv}", "--gamma", "2")]
    [InlineData("unit", "accepted values: bits, nats", "entropy", "--x", "{x.csv}", "--unit", "bans")]
    [InlineData("representation", "accepted values: maps, tensor", "mmi", "--x", "{x.csv}", "--layer", "{layer.npy}", "--representation", "flat")]
    [InlineData("pairs", "--pairs 0 must be at least 1", "pid", "--x", "{x.npy}", "--layer", "{layer.npy}", "--pairs", "0")]
    [InlineData("pairs word", "--pairs 'some' is not a whole number or 'all'", "pid", "--x", "{x.npy}", "--layer", "{layer.npy}", "--pairs", "some")]
    [InlineData("NaN in npy", "element [1, 0]", "entropy", "--x", "{nan.npy}")]
    [InlineData("rank-1 layer", "a layer needs axes N × C", "mmi", "--x", "{x.csv}", "--layer", "{y.npy}")]
    [InlineData("unknown extension", "not a known data format", "entropy", "--x", "{x.xlsx}")]
    [InlineData("stray word", "unexpected argument 'extra'", "entropy", "--x", "{x.csv}", "extra")]
    public void BadInput_ExitsTwoWithOneErrorLine(string because, string expected, params string[] args)
    {
        var (code, output, error) = Run(args.Select(a => a.StartsWith('{') ? Path(a[1..^1]) : a).ToArray());
        Assert.True(code == 2, $"{because}: exit code {code}, stderr: {error}");
        Assert.Empty(output);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void OneLine_DropsDotNetSuffixes()
    {
        var e = new ArgumentOutOfRangeException("alpha", 0.0, "alpha = 0 must be greater than 0.");
        Assert.Equal("alpha = 0 must be greater than 0.", CliApp.OneLine(e));
        Assert.Equal("a b", CliApp.OneLine(new InvalidOperationException("a\r\nb")));
    }

    // ---- the real executable ----

    [Fact]
    public async Task Process_BadFile_PrintsOneLineWithoutStackTrace()
    {
        string dll = System.IO.Path.Combine(AppContext.BaseDirectory, "InfoTheory.Cli.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing; the test project references the CLI project.");
        var start = new ProcessStartInfo(DotnetHost(), ["exec", dll, "entropy", "--x", Path("ragged.csv")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderrTask = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        string stderr = await stderrTask;
        Assert.Equal(2, process.ExitCode);
        Assert.Empty(await stdout);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --x: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
    }

    // ---- helpers ----

    private static string DotnetHost()
    {
        // The SDK sets DOTNET_HOST_PATH for the processes it starts; else the current host if it is dotnet.
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        string? current = Environment.ProcessPath;
        return current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private static double[] Gaussian(Random random, int count)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = RandomDraws.StandardNormal(random); // deterministic for a seeded Random
        }

        return values;
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private void WriteCsv(string name, double[] values, int columns, string? header = null)
    {
        var text = new StringBuilder();
        if (header is not null)
        {
            text.Append(header).Append('\n');
        }

        for (int i = 0; i < values.Length; i += columns)
        {
            text.AppendJoin(',', values.Skip(i).Take(columns).Select(v => v.ToString("R", CultureInfo.InvariantCulture))).Append('\n');
        }

        File.WriteAllText(Path(name), text.ToString());
    }
}
