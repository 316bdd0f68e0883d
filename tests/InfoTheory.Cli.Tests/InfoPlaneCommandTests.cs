namespace InfoTheory.Tests.Cli;

/// <summary>The main job, shortened: a real deep AE trained on the embedded MNIST digits, measured and plotted.</summary>
public class InfoPlaneCommandTests
{
    [Fact]
    public void ShortRunWritesThePlaneTheCurveAndTheSeries()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-test-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoTheory.Cli.Cli.Run(["infoplane", "--epochs", "2", "--train", "600", "--probe", "60", "--out", dir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        foreach (var file in new[] { "infoplane.png", "loss.png", "infoplane.csv" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 1000, file);
        }

        // Three measurements (before training, after each epoch) of the six layers, plus the header lines.
        var rows = File.ReadAllLines(Path.Combine(dir, "infoplane.csv")).Where(l => !l.StartsWith('#') && !l.StartsWith("epoch", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3 * 6, rows.Length);
        Assert.Contains("wrote", stdout.ToString());
        Assert.Contains("kernel width scott(gamma=2)", stdout.ToString());
        Assert.Contains("forward DPI I(X;enc1) >= I(X;enc2) >= I(X;z)", stdout.ToString());
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void ErrorChainFlagMeasuresAndChecksTheErrorDpi()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-err-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoTheory.Cli.Cli.Run(["infoplane", "--model", "cnn", "--epochs", "1", "--train", "200", "--probe", "40", "--error-chain", "--out", dir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("error DPI I(dK;d_out) >= I(dK;d_fc2)", stdout.ToString());
        var series = InfoTheory.TorchSharp.InformationSeries.Load(Path.Combine(dir, "infoplane.csv"));
        Assert.All(series.Records, r => Assert.NotNull(r.ErrorInformation));
        Directory.Delete(dir, recursive: true);

        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", "--error-chain=yes"], new StringWriter(), stderr = new StringWriter()));
        Assert.Contains("flag", stderr.ToString());
    }

    [Theory]
    [InlineData("--bandwidth", "wide", "--bandwidth wide")]
    [InlineData("--h", "0", "--h")]
    public void BadKernelWidthOptionsAreUsageErrors(string option, string value, string named)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", option, value], new StringWriter(), stderr));
        Assert.Contains(named, stderr.ToString());
        Assert.Single(stderr.ToString().Trim().Split('\n'));
    }

    [Fact]
    public void ClassicalEstimatorRunsTheMonitorWithIt()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-ksg-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoTheory.Cli.Cli.Run(["infoplane", "--model", "ae", "--epochs", "1", "--train", "300", "--probe", "60", "--estimator", "ksg", "--k", "4", "--out", dir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.Contains("estimator ksg", stdout.ToString());
        Assert.DoesNotContain("width-dominated", stdout.ToString(), StringComparison.Ordinal); // KSG has no kernel width
        Assert.True(File.Exists(Path.Combine(dir, "infoplane.csv")));
        Directory.Delete(dir, recursive: true);

        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", "--estimator", "ksg", "--alpha", "2"], new StringWriter(), stderr = new StringWriter()));
        Assert.Contains("--alpha does not apply to --estimator ksg", stderr.ToString());
    }

    [Fact]
    public void RuleAndTheOtherRulesConstantConflict()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", "--bandwidth", "scott", "--h", "3"], new StringWriter(), stderr));
        Assert.Contains("--h goes with silverman", stderr.ToString());
    }

    [Fact]
    public void UnknownModelIsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", "--model", "gan"], new StringWriter(), stderr));
        Assert.Contains("--model gan", stderr.ToString());
    }
}
