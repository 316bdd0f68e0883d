using System.Globalization;
using InfoTheory.TorchSharp;

namespace InfoTheory.Tests.Cli;

/// <summary><c>infoplane --estimator A,B,…</c>: one run measured with several estimators, and the agreement table.</summary>
public class InfoPlaneComparisonTests
{
    private static readonly string[] Estimators = ["renyi", "ksg", "bin"];

    [Fact]
    public void ListMeasuresOneRunWithEachEstimatorAndWritesTheAgreement()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-multi-" + Guid.NewGuid().ToString("N"));
        string[] run = ["infoplane", "--model", "ae", "--epochs", "2", "--train", "500", "--probe", "100", "--seed", "3"];
        var (code, output, error) = CliHarness.Run([.. run, "--estimator", string.Join(',', Estimators), "--out", dir]);
        Assert.True(code == 0, error);
        foreach (var file in new[] { "infoplane-estimators.png", "loss.png", "agreement.csv" }.Concat(Estimators.Select(e => $"infoplane-{e}.csv")))
        {
            Assert.True(new FileInfo(Path.Combine(dir, file)).Length > 100, file);
        }

        Assert.False(File.Exists(Path.Combine(dir, "infoplane.csv")));
        Assert.Contains("estimators renyi (alpha=1.01, width=scott(gamma=2)), ksg (k=3, norm=max), bin (bins=30)", output);
        Assert.Contains("agreement over 3 measurements", output);

        // Each series in the single-estimator format, the same layers at the same steps: before training and after each epoch.
        var series = Estimators.ToDictionary(e => e, e => InformationSeries.Load(Path.Combine(dir, $"infoplane-{e}.csv")));
        Assert.All(series.Values, s => Assert.Equal(["z", "out"], s.Layers));
        Assert.All(series.Values, s => Assert.Equal([0, 1, 2], s.Steps().Select(step => step[0].Epoch)));

        // agreement.csv: every layer and pair, ρ in [−1, 1] (NaN where a trajectory is constant), and the ρ that the CSVs give.
        var rows = File.ReadAllLines(Path.Combine(dir, "agreement.csv"));
        Assert.Equal(EstimatorAgreement.CsvHeader, rows[0]);
        Assert.Equal(2 * 3, rows.Length - 1);
        int defined = 0;
        foreach (var row in rows.Skip(1).Select(r => r.Split(',')))
        {
            Assert.Equal("3", row[3]);
            var (first, second) = (series[row[1]].Records.Where(r => r.Layer == row[0]).ToList(), series[row[2]].Records.Where(r => r.Layer == row[0]).ToList());
            foreach (var (field, value) in new (int, Func<InformationRecord, double>)[] { (4, r => r.InputInformation), (5, r => r.TargetInformation) })
            {
                double rho = double.Parse(row[field], CultureInfo.InvariantCulture);
                double expected = RankCorrelation.Spearman([.. first.Select(value)], [.. second.Select(value)]);
                if (double.IsNaN(expected))
                {
                    Assert.True(double.IsNaN(rho), $"{string.Join(',', row)}: expected NaN");
                    continue;
                }

                Assert.InRange(rho, -1, 1);
                Assert.Equal(expected, rho, 15);
                defined++;
            }
        }

        Assert.True(defined > 0, "every ρ was undefined: the comparison compared nothing");

        // The renyi series is what the single-estimator run of the same seed measures.
        string single = dir + "-renyi";
        Assert.Equal(0, CliHarness.Run([.. run, "--out", single]).Code);
        var alone = InformationSeries.Load(Path.Combine(single, "infoplane.csv"));
        Assert.Equal(alone.Records.Select(r => r.InputInformation), series["renyi"].Records.Select(r => r.InputInformation));
        Assert.Equal(alone.Records.Select(r => r.TargetInformation), series["renyi"].Records.Select(r => r.TargetInformation));
        Directory.Delete(dir, recursive: true);
        Directory.Delete(single, recursive: true);
    }

    [Theory]
    [InlineData("renyi,renyi", "", "--estimator 'renyi,renyi' lists renyi twice")]
    [InlineData("renyi,mine", "", "--estimator 'mine' (in 'renyi,mine') is not available; accepted values: renyi, kl, wkl, ksg, ksg2, kde, bin, gaussian")]
    [InlineData("renyi,,ksg", "", "--estimator 'renyi,,ksg' has an empty name")]
    [InlineData("ksg,bin", "--alpha 2", "--alpha does not apply to any of --estimator ksg,bin; it is an option of renyi")]
    [InlineData("renyi,bin", "--k 4", "--k does not apply to any of --estimator renyi,bin; it is an option of kl, wkl, ksg, ksg2")]
    [InlineData("renyi,ksg", "--error-chain", "--error-chain does not apply to a list of estimators")]
    [InlineData("renyi,ksg", "--bands 4", "--bands does not apply to a list of estimators")]
    [InlineData("renyi,ksg", "--k 0", "--k 0 must be at least 1")]
    [InlineData("renyi,ksg", "--norm taxi", "--norm 'taxi' is not a norm")]
    [InlineData("renyi,kde", "--kde-bandwidth wide", "--kde-bandwidth 'wide' is not a rule")]
    [InlineData("renyi,ksg", "--bandwidth wide", "--bandwidth wide is not a rule")]
    [InlineData("renyi,bin", "--bins 0", "--bins 0 must be at least 1")]
    public void BadListsAndOptionsAreUsageErrorsBeforeTraining(string list, string options, string message)
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-multi-bad-" + Guid.NewGuid().ToString("N"));
        var (code, _, error) = CliHarness.Run(["infoplane", "--estimator", list, .. options.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--out", dir]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.StartsWith("error:", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(dir), "a refused run must not start");
    }

    [Fact]
    public void SharedOptionAppliesToEveryListedEstimatorThatTakesIt()
    {
        string dir = Path.Combine(Path.GetTempPath(), "infoplane-multi-k-" + Guid.NewGuid().ToString("N"));
        var (code, output, error) = CliHarness.Run(["infoplane", "--model", "ae", "--epochs", "1", "--train", "200", "--probe", "40",
            "--estimator", "ksg,ksg2", "--k", "5", "--out", dir]);
        Assert.True(code == 0, error);
        Assert.Contains("estimators ksg (k=5, norm=max), ksg2 (k=5, norm=max)", output);
        Directory.Delete(dir, recursive: true);
    }
}
