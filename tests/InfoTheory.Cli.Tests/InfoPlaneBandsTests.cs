namespace InfoTheory.Tests.Cli;

/// <summary><c>infotheory infoplane --bands B</c>: band columns in the series and the compression test per layer.</summary>
public class InfoPlaneBandsTests
{
    [Fact]
    public void BandsFillTheBandColumnsAndWriteTheCompressionTest()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-bands-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoTheory.Cli.Cli.Run(["infoplane", "--model", "ae", "--epochs", "2", "--train", "300", "--probe", "60", "--bands", "3", "--out", dir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var series = InfoTheory.TorchSharp.InformationSeries.Load(Path.Combine(dir, "infoplane.csv"));
        Assert.All(series.Records, r =>
        {
            Assert.Equal(3, r.InputInformationBand!.Batches.Count);
            Assert.InRange(r.InputInformation, r.InputInformationBand.Low, r.InputInformationBand.High);
            Assert.Equal(3, r.TargetInformationBand!.Batches.Count);
        });
        var compression = File.ReadAllLines(Path.Combine(dir, "compression.csv"));
        Assert.Equal("layer,peak_epoch,fall,fall_low,fall_high,compressed,batches", compression[0]);
        Assert.Equal(series.Layers.Count + 1, compression.Length);
        Assert.All(compression.Skip(1), l => Assert.EndsWith(",3", l, StringComparison.Ordinal));
        Assert.Contains("compression of I(X;T)", stdout.ToString());
        Directory.Delete(dir, recursive: true);
    }

    [Theory]
    [InlineData("1", "at least 2")]
    [InlineData("7", "--bands 6 or fewer")]
    [InlineData("x", "not a whole number")]
    public void BadBandCountsAreUsageErrors(string bands, string fix)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, InfoTheory.Cli.Cli.Run(["infoplane", "--probe", "60", "--bands", bands], new StringWriter(), stderr));
        var lines = stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("error:", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Contains(fix, lines[0]);
    }
}
