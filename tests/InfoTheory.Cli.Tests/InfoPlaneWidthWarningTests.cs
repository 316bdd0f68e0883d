namespace InfoTheory.Tests.Cli;

/// <summary><c>infotheory infoplane</c> warns, once per variable, when the kernel width rather than the data decided the values.</summary>
public class InfoPlaneWidthWarningTests
{
    [Fact]
    public void AFlatKernelGivesOneWarningPerLayerWithSigmaOverMedianAndTheFix()
    {
        // Silverman h = 1000: σ ≈ 1000 against median distances of a few units (pixels in [0, 1], sigmoid or ReLU units),
        // so X and every layer are flat (σ/median ≥ 10) at every measurement.
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-width-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoTheory.Cli.Cli.Run(["infoplane", "--model", "ae", "--epochs", "1", "--train", "300", "--probe", "60", "--bandwidth", "silverman", "--h", "1000", "--out", dir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        var series = InfoTheory.TorchSharp.InformationSeries.Load(Path.Combine(dir, "infoplane.csv"));
        Assert.All(series.Records, r => Assert.True(r.LayerWidthCheck!.WidthDominated, $"{r.Layer}: sigma/median = {r.LayerWidthCheck.SigmaOverMedian}"));
        var warnings = stdout.ToString().Split('\n').Where(l => l.Contains("warning:", StringComparison.Ordinal)).ToList();
        Assert.Equal(series.Layers.Count + 1, warnings.Count); // the input X and each layer, once
        Assert.Contains(warnings, w => w.Contains("input X is width-dominated in 2 of 2 measurements", StringComparison.Ordinal));
        foreach (var layer in series.Layers)
        {
            var line = Assert.Single(warnings, w => w.Contains($"layer {layer} is width-dominated in 2 of 2 measurements (sigma/median = ", StringComparison.Ordinal));
            Assert.Contains("at epoch 1, >= 10: a flat kernel pushes its values towards 0)", line, StringComparison.Ordinal);
            Assert.EndsWith("standardise the activations or use --bandwidth median.", line.TrimEnd('\r'), StringComparison.Ordinal);
        }

        // The CSV says the same, cell by cell.
        var rows = File.ReadAllLines(Path.Combine(dir, "infoplane.csv"));
        Assert.StartsWith("# infotheory-series v4;", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(2), r => Assert.Equal(["true", "true"], r.Split(',').Where((_, i) => i is 34 or 39)));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void TheMedianRuleGivesNoWarning()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-width-median-" + Guid.NewGuid().ToString("N"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = InfoTheory.Cli.Cli.Run(["infoplane", "--model", "ae", "--epochs", "1", "--train", "300", "--probe", "60", "--bandwidth", "median", "--out", dir], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.DoesNotContain("warning:", stdout.ToString(), StringComparison.Ordinal);
        var series = InfoTheory.TorchSharp.InformationSeries.Load(Path.Combine(dir, "infoplane.csv"));
        Assert.All(series.Records, r => Assert.InRange(r.LayerWidthCheck!.SigmaOverMedian, 0.5, 2));
        Directory.Delete(dir, recursive: true);
    }
}
