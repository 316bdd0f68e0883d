using InfoTheory.Cli.Accuracy;
using CliApp = InfoTheory.Cli.Cli;

namespace InfoTheory.Tests.Compression;

/// <summary>The accuracy suite: the "solved" rule and summaries worked by hand, and <c>bench-accuracy --quick</c> end to end.</summary>
public sealed class BenchAccuracyCommandTests
{
    [Theory]
    [InlineData(0.4133, 0.4133, true)]
    [InlineData(0.6, 0.4133, true)]   // ln(0.6/0.4133) = 0.373 < ln 1.5 = 0.405
    [InlineData(0.63, 0.4133, false)] // ln(0.63/0.4133) = 0.421
    [InlineData(0.28, 0.4133, true)]  // ln(0.4133/0.28) = 0.389
    [InlineData(0.27, 0.4133, false)] // 0.426
    [InlineData(-0.1, 0.4133, false)]
    [InlineData(double.NaN, 0.4133, false)]
    public void Solved_IsWithinAFactorOfOnePointFive(double estimate, double truth, bool solved) =>
        Assert.Equal(solved, AccuracySuite.IsSolved(estimate, truth));

    [Fact]
    public void Summarise_MeanSpreadAndSolvedByHand()
    {
        AccuracyRun Run(int seed, double value, string? error = null) => new("t", "e", 100, seed, 1.0, value, 2.0, error);
        var s = Assert.Single(AccuracySuite.Summarise([Run(0, 0.8), Run(1, 1.2), Run(2, 1.6), Run(3, double.NaN, "boom")]));
        Assert.Equal(1.2, s.Mean, 12);
        Assert.Equal(0.4, s.Spread, 12); // SD of {0.8, 1.2, 1.6} with n − 1
        Assert.True(s.Solved);
        Assert.Equal(2, s.SolvedSeeds); // 1.6 is outside the factor 1.5
        Assert.Equal(3, s.Seeds);
        Assert.Equal("boom", s.Error);
    }

    [Fact]
    public void Quick_WritesTheTableCsvAndPlot()
    {
        string dir = Directory.CreateTempSubdirectory("bench-accuracy-").FullName;
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = CliApp.Run(["bench-accuracy", "--quick", "--estimators", "infonce,pca-infonce", "--out", dir], stdout, stderr);
            Assert.True(code == 0, stderr.ToString());
            string md = File.ReadAllText(Path.Combine(dir, "accuracy.md"));
            Assert.Contains("| 1v1-normal-0.75 | 0.4133 |", md);
            Assert.Contains("blobs-16x16-1nats", md);
            Assert.Contains("pca-infonce", md);
            var csv = File.ReadAllLines(Path.Combine(dir, "accuracy.csv"));
            // header + infonce on 2 tasks + pca-infonce on the images only (1v1 is too narrow to compress), 1 seed.
            Assert.Equal(1 + 2 + 1, csv.Length);
            Assert.Contains("| 1v1-normal-0.75 | 0.4133 |", md);
            Assert.Contains("n/a", md);
            Assert.True(new FileInfo(Path.Combine(dir, "accuracy.png")).Length > 1000);

            // Redraw from the CSV: the same table.
            string again = Path.Combine(dir, "again");
            Assert.Equal(0, CliApp.Run(["bench-accuracy", "--from", Path.Combine(dir, "accuracy.csv"), "--out", again], new StringWriter(), stderr));
            var redrawn = File.ReadAllLines(Path.Combine(again, "accuracy.md")).Where(l => l.StartsWith("| 1v1", StringComparison.Ordinal));
            Assert.Equal(md.Split('\n').Where(l => l.StartsWith("| 1v1", StringComparison.Ordinal)).Select(l => l.TrimEnd('\r')), redrawn);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void List_PrintsTasksAndEstimators()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, CliApp.Run(["bench-accuracy", "--tasks", "list"], stdout, new StringWriter()));
        Assert.Contains("task dense-5x5: 5x5, I = 0.5928 nats", stdout.ToString());
        Assert.Contains("estimator mine", stdout.ToString());
    }

    [Fact]
    public void Device_RunsTheNeighborAndRenyiEstimatorsThereWithTheSameEstimates()
    {
        // --device reaches the k-NN and matrix-Rényi entries: on ILGPU's simulator the estimates equal the CPU's.
        var tasks = new[] { SyntheticTasks.Find("1v1-normal-0.75") };
        var estimators = new[] { "ksg", "ksg2", "kl", "renyi" }.Select(EstimatorRegistry.Find).ToList();
        using var simulator = InfoTheory.Ilgpu.IlgpuBackend.Create(InfoTheory.Ilgpu.IlgpuDevice.Cpu);
        var cpu = AccuracySuite.Run(tasks, estimators, [200], 1, quick: true);
        var device = AccuracySuite.Run(tasks, estimators, [200], 1, quick: true, backend: simulator);
        Assert.Equal(4, cpu.Count);
        for (int r = 0; r < cpu.Count; r++)
        {
            Assert.Null(device[r].Error);
            Assert.Equal(cpu[r].Estimator, device[r].Estimator);
            Assert.Equal(cpu[r].Estimate, device[r].Estimate, 1e-10);
        }
    }

    [Theory]
    [InlineData("--n", "5")]
    [InlineData("--n", "abc")]
    [InlineData("--estimators", "nope")]
    [InlineData("--tasks", "nope")]
    [InlineData("--seeds", "0")]
    [InlineData("--device", "tpu")]
    public void BadInput_ExitsWithTwo(string option, string value)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CliApp.Run(["bench-accuracy", option, value, "--out", Path.GetTempPath()], new StringWriter(), stderr));
        Assert.StartsWith("error: ", stderr.ToString());
    }
}
