using System.Text.Json;

namespace InfoTheory.Tests.Cli;

/// <summary>The <c>diagnostics</c> array of the JSON output: one width check per variable, named in order.</summary>
public sealed class WidthDiagnosticsJsonTests
{
    [Fact]
    public void MiReportsXThenYAndFlagsAShrunkenVariable()
    {
        string dir = Path.Combine(Path.GetTempPath(), "width-json-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var random = new Random(5);
        string x = Path.Combine(dir, "x.csv"), y = Path.Combine(dir, "y.csv");
        // X spread normally, Y shrunk a thousandfold: Silverman's σ ignores the scale, so Y's σ/median is huge.
        var rows = Enumerable.Range(0, 200).Select(_ => random.NextDouble()).ToArray();
        File.WriteAllLines(x, rows.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        File.WriteAllLines(y, rows.Select(v => (1e-3 * (v + 0.1 * random.NextDouble())).ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        var (code, output, error) = CliHarness.Run(["mi", "--x", x, "--y", y, "--json"]);
        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(output);
        var d = json.RootElement.GetProperty("diagnostics");
        Assert.Equal(2, d.GetArrayLength());
        Assert.Equal("x", d[0].GetProperty("variable").GetString());
        Assert.Equal("y", d[1].GetProperty("variable").GetString());
        Assert.False(d[0].GetProperty("width_dominated").GetBoolean());
        Assert.True(d[1].GetProperty("width_dominated").GetBoolean());
        var sigma = json.RootElement.GetProperty("sigma");
        Assert.Equal(sigma[1].GetDouble(), d[1].GetProperty("sigma").GetDouble());
        Assert.Equal(d[1].GetProperty("sigma").GetDouble() / d[1].GetProperty("median_distance").GetDouble(),
            d[1].GetProperty("sigma_over_median").GetDouble(), 12);
        Assert.InRange(d[0].GetProperty("entropy_over_log_n").GetDouble(), 0, 1);
        Directory.Delete(dir, recursive: true);
    }
}
