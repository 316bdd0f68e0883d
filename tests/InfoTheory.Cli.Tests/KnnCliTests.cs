using InfoTheory.Tests.IO;
using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>The k-NN estimators through the tool: entropy/mi --estimator kl|wkl|ksg|ksg2, kl-divergence, --ci, usage errors.</summary>
public sealed class KnnCliTests : IDisposable
{
    private const int N = 300;
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-knn-cli-").FullName;
    private readonly Samples _x;
    private readonly Samples _y;
    private readonly Samples _q;

    public KnnCliTests()
    {
        _x = TestData.Gaussian(N, 2, 1);
        _y = TestData.Dependent(_x, 1, 2);
        _q = TestData.Gaussian(250, 2, 3, scale: 1.5);
        WriteCsv("x.csv", _x);
        WriteCsv("y.csv", _y);
        WriteCsv("q.csv", _q);
        File.WriteAllBytes(Path("x.npy"), NpyBuilder.Doubles(_x.ToArray(), N, 2));
        WriteCsv("d4.csv", TestData.Gaussian(50, 4, 4));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("x.csv")]
    [InlineData("x.npy")]
    public void MiKsgK3_IsKsg1WithMaxNorm(string file)
    {
        using var json = Json("mi", "--x", Path(file), "--y", Path("y.csv"), "--estimator", "ksg", "--k", "3", "--json", "--unit", "nats");
        var expected = MutualInformation.Ksg(_x, _y, new KsgOptions { K = 3, Norm = KnnNorm.Max, Variant = KsgVariant.One });
        Assert.Equal(expected.Value.Nats, Number(json, "value"), 12);
        Assert.Equal(expected.StandardError!.Value.Nats, Number(json, "standard_error"), 12);
        Assert.Equal("nats", json.RootElement.GetProperty("unit").GetString());
        Assert.Equal("ksg", json.RootElement.GetProperty("estimator").GetString());
        Assert.Equal("max", json.RootElement.GetProperty("norm").GetString());
        Assert.Equal(3, json.RootElement.GetProperty("k").GetInt32());
        Assert.Equal(N, json.RootElement.GetProperty("n").GetInt32());
        Assert.False(json.RootElement.TryGetProperty("ci_low", out _));
    }

    [Fact]
    public void MiKsg2AndEntropyMi_EqualLibrary_InBitsByDefault()
    {
        using var ksg2 = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "ksg2", "--k", "5", "--json");
        Assert.Equal(MutualInformation.Ksg(_x, _y, 5, KsgVariant.Two).Value.Bits, Number(ksg2, "value"), 12);
        Assert.Equal("bits", ksg2.RootElement.GetProperty("unit").GetString());
        using var kl = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "kl", "--norm", "max", "--json");
        Assert.Equal(MutualInformation.KozachenkoLeonenko(_x, _y, new KnnOptions { Norm = KnnNorm.Max }).Value.Bits, Number(kl, "value"), 12);
        using var wkl = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "wkl", "--json");
        Assert.Equal(MutualInformation.KozachenkoLeonenko(_x, _y, weighted: true).Value.Bits, Number(wkl, "value"), 12);
    }

    [Fact]
    public void EntropyKlAndWkl_EqualLibrary_WithCi()
    {
        using var kl = Json("entropy", "--x", Path("x.csv"), "--estimator", "kl", "--ci", "0.95", "--json", "--unit", "nats");
        var expected = Entropy.KozachenkoLeonenko(_x);
        var ci = expected.ConfidenceInterval(0.95);
        Assert.Equal(expected.Value.Nats, Number(kl, "value"), 12);
        Assert.Equal(ci.Low.Nats, Number(kl, "ci_low"), 12);
        Assert.Equal(ci.High.Nats, Number(kl, "ci_high"), 12);
        Assert.Equal(0.95, Number(kl, "ci_level"));
        Assert.Equal("euclidean", kl.RootElement.GetProperty("norm").GetString());
        using var wkl = Json("entropy", "--x", Path("x.csv"), "--estimator", "wkl", "--k", "4", "--norm", "max", "--json");
        Assert.Equal(Entropy.WeightedKozachenkoLeonenko(_x, 4, KnnNorm.Max).Value.Bits, Number(wkl, "value"), 12);
    }

    [Fact]
    public void KlDivergence_EqualsLibrary()
    {
        using var json = Json("kl-divergence", "--p", Path("x.csv"), "--q", Path("q.csv"), "--json", "--unit", "nats", "--ci", "0.9");
        var expected = Divergence.KullbackLeibler(_x, _q);
        Assert.Equal(expected.Value.Nats, Number(json, "value"), 12);
        Assert.Equal(expected.ConfidenceInterval(0.9).Low.Nats, Number(json, "ci_low"), 12);
        Assert.Equal("knn", json.RootElement.GetProperty("estimator").GetString());
        Assert.Equal(N, json.RootElement.GetProperty("n").GetInt32());
    }

    [Fact]
    public void TextOutput_IsOneLine()
    {
        var (code, output, error) = Run("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "ksg", "--ci", "0.95");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Matches(@"^I\(X;Y\) = [0-9.]+ bits ± [0-9.]+ \(ksg, k=3, norm=max, N=300\); 95% CI \[[-0-9.]+, [0-9.]+\]\r?\n$", output);
    }

    // A command's help lists exactly the options its parser accepts, and kl-divergence (k-NN only) none of the
    // binning/KDE ones, which it used to list and silently ignore.
    [Fact]
    public void EachCommandsHelpListsOnlyTheOptionsThatApplyToIt()
    {
        foreach (var command in InfoTheory.Cli.Commands.CommandCatalog.All)
        {
            var (code, help, _) = Run(command.Name, "--help");
            Assert.Equal(0, code);
            var listed = System.Text.RegularExpressions.Regex.Matches(help, @"^  (--[a-z0-9-]+)", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).Where(o => o != "--help").ToList();
            Assert.Equal(command.Options.Select(o => "--" + o.Name), listed);
        }

        var (_, kl, _) = Run("kl-divergence", "--help");
        foreach (string option in new[] { "--bins", "--kde-bandwidth", "--leave-one-out", "--alpha", "--sigma" })
        {
            Assert.DoesNotContain(option, kl);
        }

        Assert.Contains("--k K", kl);
        Assert.DoesNotContain("kl, wkl, ksg, ksg2:", kl);
        var (code2, _, error) = Run("kl-divergence", "--p", Path("x.csv"), "--q", Path("q.csv"), "--bins", "0", "--kde-bandwidth", "bogus");
        Assert.Equal(2, code2);
        Assert.StartsWith("error: unknown option '--bins' for 'kl-divergence'", error);
        var (_, entropy, _) = Run("entropy", "--help");
        Assert.Contains("renyi: the order α", entropy);
    }

    [Fact]
    public void Help_ListsTheNewCommandAndEstimators()
    {
        var (_, overview, _) = Run("--help");
        Assert.Contains("kl-divergence", overview);
        var (_, mi, _) = Run("mi", "--help");
        Assert.Contains("ksg, ksg2", mi);
        Assert.Contains("--ci LEVEL", mi);
    }

    [Theory]
    [InlineData("--k with renyi", "--k does not apply to --estimator renyi", "entropy", "--x", "{x.csv}", "--k", "3")]
    [InlineData("--ci with renyi", "--ci does not apply to --estimator renyi", "mi", "--x", "{x.csv}", "--y", "{y.csv}", "--ci", "0.95")]
    [InlineData("--alpha with ksg", "--alpha does not apply to --estimator ksg; it is an option of renyi", "mi", "--x", "{x.csv}", "--y", "{y.csv}", "--estimator", "ksg", "--alpha", "2")]
    [InlineData("--sigma with kl", "--sigma does not apply to --estimator kl", "entropy", "--x", "{x.csv}", "--estimator", "kl", "--sigma", "1")]
    [InlineData("ksg entropy", "does not estimate entropy", "entropy", "--x", "{x.csv}", "--estimator", "ksg")]
    [InlineData("unknown estimator", "accepted values: renyi, kl, wkl, ksg, ksg2", "mi", "--x", "{x.csv}", "--y", "{y.csv}", "--estimator", "nn")]
    [InlineData("norm", "accepted values: max, euclidean", "mi", "--x", "{x.csv}", "--y", "{y.csv}", "--estimator", "ksg", "--norm", "l1")]
    [InlineData("ci level", "strictly between 0 and 1", "entropy", "--x", "{x.csv}", "--estimator", "kl", "--ci", "95")]
    [InlineData("k zero", "--k 0 must be at least 1", "entropy", "--x", "{x.csv}", "--estimator", "kl", "--k", "0")]
    [InlineData("k >= N", "k = 300", "entropy", "--x", "{x.csv}", "--estimator", "kl", "--k", "300")]
    [InlineData("wkl k too small", "needs k ≥ 2", "entropy", "--x", "{d4.csv}", "--estimator", "wkl", "--k", "1", "--norm", "euclidean")]
    [InlineData("dimensions differ", "same number of columns", "kl-divergence", "--p", "{x.csv}", "--q", "{d4.csv}")]
    [InlineData("divergence estimator", "accepted values: knn", "kl-divergence", "--p", "{x.csv}", "--q", "{q.csv}", "--estimator", "kde")]
    [InlineData("missing --q", "needs --q FILE", "kl-divergence", "--p", "{x.csv}")]
    public void BadUsage_ExitsTwoWithOneLine(string because, string expected, params string[] args)
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

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private void WriteCsv(string name, Samples samples) => CliHarness.WriteCsv(Path(name), samples);
}
