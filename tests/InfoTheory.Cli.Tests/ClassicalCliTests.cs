using static InfoTheory.Tests.Cli.CliHarness;

namespace InfoTheory.Tests.Cli;

/// <summary>KDE, binning and the Gaussian fit through the tool: values equal the library's, options that do not apply refused.</summary>
public sealed class ClassicalCliTests : IDisposable
{
    private const int N = 400;
    private readonly string _dir = Directory.CreateTempSubdirectory("infotheory-classical-cli-").FullName;
    private readonly Samples _x;
    private readonly Samples _y;

    public ClassicalCliTests()
    {
        _x = TestData.Gaussian(N, 2, 11);
        _y = TestData.Dependent(_x, 2, 12);
        WriteCsv("x.csv", _x);
        WriteCsv("y.csv", _y);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Kde_mi_and_entropy_equal_the_library()
    {
        using var mi = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "kde", "--json", "--unit", "nats");
        Assert.Equal(MutualInformation.Kde(_x, _y).Value.Nats, Number(mi, "value"), 12);
        Assert.Equal("scott", mi.RootElement.GetProperty("bandwidth").GetString());
        Assert.False(mi.RootElement.GetProperty("leave_one_out").GetBoolean());

        using var h = Json("entropy", "--x", Path("x.csv"), "--estimator", "kde", "--kde-bandwidth", "silverman", "--leave-one-out", "--json");
        var expected = Entropy.Kde(_x, new KdeOptions { Rule = KdeBandwidthRule.Silverman, LeaveOneOut = true });
        Assert.Equal(expected.Value.Bits, Number(h, "value"), 12);
        Assert.True(h.RootElement.GetProperty("leave_one_out").GetBoolean());

        // The diagnostics' bandwidth factors: h_X, h_Y, h_XY for the MI, h for the entropy.
        Assert.Equal(MutualInformation.Kde(_x, _y).DiagnosticsAs<KdeDiagnostics>().Bandwidths,
            mi.RootElement.GetProperty("bandwidth_factors").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal(expected.DiagnosticsAs<KdeDiagnostics>().Bandwidths,
            h.RootElement.GetProperty("bandwidth_factors").EnumerateArray().Select(e => e.GetDouble()));
    }

    [Fact]
    public void Bin_and_gaussian_equal_the_library_with_intervals()
    {
        using var bin = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "bin", "--bins", "8", "--ci", "0.9", "--json", "--unit", "nats");
        var binned = MutualInformation.Binned(_x, _y, new BinningOptions { Bins = 8 });
        Assert.Equal(binned.Value.Nats, Number(bin, "value"), 12);
        Assert.Equal(8, bin.RootElement.GetProperty("bins").GetInt32());
        Assert.Equal(binned.ConfidenceInterval(0.9).Low.Nats, Number(bin, "ci_low"), 12);
        Assert.Equal(binned.DiagnosticsAs<BinningDiagnostics>().Patterns, bin.RootElement.GetProperty("patterns").EnumerateArray().Select(e => e.GetInt32()));

        using var gauss = Json("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", "gaussian", "--ci", "0.95", "--json", "--unit", "nats");
        var fit = MutualInformation.GaussianFit(_x, _y);
        Assert.Equal(fit.Value.Nats, Number(gauss, "value"), 12);
        Assert.Equal(fit.ConfidenceInterval(0.95).High.Nats, Number(gauss, "ci_high"), 12);
    }

    [Fact]
    public void Compressed_pca_then_ksg_equals_the_library_and_reports_the_bound()
    {
        // X: 6 columns on a 2-D subspace plus noise; Y: 2 columns. PCA to 2 components on X only.
        var latent = TestData.Gaussian(N, 2, 21);
        var rng = new Random(22);
        var wide = new double[N * 6];
        for (int i = 0; i < N; i++)
        {
            for (int c = 0; c < 6; c++)
            {
                wide[i * 6 + c] = latent[i, c % 2] * (1 + c) + 0.05 * (rng.NextDouble() - 0.5);
            }
        }

        var x = new Samples(wide, 6);
        var y = TestData.Dependent(latent, 2, 23);
        WriteCsv("wide.csv", x);
        WriteCsv("ly.csv", y);
        using var json = Json("mi", "--x", Path("wide.csv"), "--y", Path("ly.csv"), "--estimator", "compressed", "--components", "2",
            "--noise-variance", "0.001", "--json", "--unit", "nats");
        var expected = new CompressedMutualInformation(new KsgMutualInformation(),
            new PcaCompressor(new PcaOptions { Components = 2, NoiseVariance = 0.001 }), null).Estimate(x, y);
        Assert.Equal(expected.Value.Nats, Number(json, "value"), 12);
        Assert.Equal(expected.DiagnosticsAs<CompressionDiagnostics>().LossBound!.Value.Nats, Number(json, "bound"), 12);
        Assert.Equal(2, json.RootElement.GetProperty("x_code").GetInt32());
        Assert.Equal("ksg", json.RootElement.GetProperty("inner").GetString());
    }

    [Theory]
    [InlineData("--inner 'renyi' is not an MI estimator", "--estimator", "compressed", "--components", "1", "--inner", "renyi")]
    [InlineData("--compressor 'zip' is not a compressor", "--estimator", "compressed", "--components", "1", "--compressor", "zip")]
    [InlineData("--estimator compressed needs --components", "--estimator", "compressed")]
    [InlineData("--components is an option of --estimator compressed", "--estimator", "ksg", "--components", "2")]
    [InlineData("--bins does not apply to --inner ksg", "--estimator", "compressed", "--components", "1", "--bins", "4")]
    public void Compressed_usage_errors_exit_2(string message, params string[] options)
    {
        var (code, _, error) = Run(["mi", "--x", Path("x.csv"), "--y", Path("y.csv"), .. options]);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--bins", "5", "kde", "--bins does not apply to --estimator kde")]
    [InlineData("--k", "3", "gaussian", "--k does not apply to --estimator gaussian")]
    [InlineData("--kde-bandwidth", "wide", "kde", "--kde-bandwidth 'wide'")]
    [InlineData("--bins", "0", "bin", "--bins")]
    public void Bad_options_exit_2_with_one_line(string option, string value, string estimator, string message)
    {
        var (code, _, error) = Run("mi", "--x", Path("x.csv"), "--y", Path("y.csv"), "--estimator", estimator, option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    private void WriteCsv(string name, Samples samples) => CliHarness.WriteCsv(Path(name), samples);
}
