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
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void UnknownModelIsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", "--model", "gan"], new StringWriter(), stderr));
        Assert.Contains("--model gan", stderr.ToString());
    }
}
