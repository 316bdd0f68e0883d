using InfoTheory.Internal;

namespace InfoTheory.Tests.LongWork;

/// <summary>
/// Progress reports: each long operation reports its documented stages, each from 0 to its total in increasing steps at a
/// bounded rate, and tracking changes no result (the same bits with and without a progress sink).
/// </summary>
public class ProgressTests
{
    private static readonly Samples X = TestData.Gaussian(200, 3, seed: 1);
    private static readonly Samples Y = TestData.Dependent(X, 2, seed: 2);

    [Fact]
    public void Entropy_ReportsTheGramRowsThenTheEigenvalueColumns()
    {
        var progress = new RecordingProgress();
        var tracked = Entropy.MatrixRenyi(X, progress: progress);
        progress.AssertComplete(("gram", 200), ("eigenvalues", 200));
        Assert.Equal(Entropy.MatrixRenyi(X).Value.Nats, tracked.Value.Nats);
    }

    [Fact]
    public void MutualInformation_ReportsBothGramsAndThreeSpectra()
    {
        var progress = new RecordingProgress();
        var tracked = MutualInformation.MatrixRenyi(X, Y, progress: progress);
        progress.AssertComplete(("gram", 400), ("eigenvalues", 600));
        Assert.Equal(MutualInformation.MatrixRenyi(X, Y).Value.Nats, tracked.Value.Nats);
    }

    [Fact]
    public void SecondOrder_StreamsOnePassOfRowsPerSubsetAndHasNoSpectra()
    {
        var progress = new RecordingProgress();
        var tracked = MutualInformation.MatrixRenyi(X, Y, alpha: 2, progress: progress);
        progress.AssertComplete(("gram", 600));
        Assert.Equal(MutualInformation.MatrixRenyi(X, Y, alpha: 2).Value.Nats, tracked.Value.Nats);
    }

    [Fact]
    public void SecondOrder_WithAnotherKernel_StreamsTheRowsOnce()
    {
        var options = new MatrixRenyiOptions { Alpha = 2, Kernel = new LaplacianTestKernel() };
        var progress = new RecordingProgress();
        var tracked = MutualInformation.MatrixRenyi(X, Y, options, progress);
        progress.AssertComplete(("gram", 200));
        Assert.Equal(MutualInformation.MatrixRenyi(X, Y, options).Value.Nats, tracked.Value.Nats);
    }

    [Fact]
    public void Multivariate_ReportsEveryMapsGramAndThreeSpectra()
    {
        var layer = TestData.Layer(X, channels: 3, mapSize: 4, seed: 3);
        var progress = new RecordingProgress();
        var tracked = MutualInformation.MatrixRenyiMultivariate(X, layer, progress: progress);
        progress.AssertComplete(("gram", 4 * 200), ("eigenvalues", 3 * 200));
        Assert.Equal(MutualInformation.MatrixRenyiMultivariate(X, layer).Value.Nats, tracked.Value.Nats);
    }

    // N = 64 takes the batched (SIMD-lane) spectra where 512-bit vectors are accelerated, N = 300 one spectrum per job.
    [Theory]
    [InlineData(64)]
    [InlineData(300)]
    public void Pid_ReportsTheGramsThenOneUnitPerSpectrum(int n)
    {
        var x = TestData.Gaussian(n, 3, seed: 4);
        var layer = TestData.Layer(x, channels: 4, mapSize: 2, seed: 5);
        var progress = new RecordingProgress();
        var tracked = PartialInformation.Proxies(x, layer, progress: progress);

        // X, 2 per map, 2 per pair (6 pairs), 2 for the MMI.
        progress.AssertComplete(("gram", 5L * n), ("spectra", 1 + 2 * 4 + 2 * 6 + 2));
        var untracked = PartialInformation.Proxies(x, layer);
        Assert.Equal(untracked.Mmi.Value.Nats, tracked.Mmi.Value.Nats);
        Assert.Equal(untracked.Rst.Nats, tracked.Rst.Nats);
        Assert.Equal(untracked.Wnri.Nats, tracked.Wnri.Nats);
    }

    [Fact]
    public void Bootstrap_AndPermutationTest_ReportEveryResample()
    {
        var estimator = new MatrixRenyiMutualInformation(new MatrixRenyiOptions { Alpha = 2 });
        var x = TestData.Gaussian(60, 2, seed: 6);
        var y = TestData.Dependent(x, 1, seed: 7);

        var progress = new RecordingProgress();
        var tracked = Bootstrap.ConfidenceInterval(estimator, x, y, replicates: 150, seed: 3, progress: progress);
        progress.AssertComplete(("replicates", 150));
        Assert.Equal(Bootstrap.ConfidenceInterval(estimator, x, y, replicates: 150, seed: 3).Replicates, tracked.Replicates);

        progress = new RecordingProgress();
        Bootstrap.SubsamplingInterval(new MatrixRenyiEntropy(), x, subsampleSize: 30, replicates: 40, seed: 1, progress: progress);
        progress.AssertComplete(("replicates", 40));

        progress = new RecordingProgress();
        var test = PermutationTest.Independence(estimator, x, y, permutations: 99, seed: 2, progress: progress);
        progress.AssertComplete(("permutations", 99));
        Assert.Equal(PermutationTest.Independence(estimator, x, y, permutations: 99, seed: 2).Null, test.Null);
    }

    // Every reduction path (fused unblocked, blocked panels, two-stage band + bulge chasing) counts exactly n columns and
    // gives bit-identical eigenvalues with a tracker.
    [Theory]
    [InlineData("unblocked", 150)]
    [InlineData("blocked", 150)]
    [InlineData("two-stage", 150)]
    [InlineData("two-stage", 7)]
    [InlineData("unblocked", 1)]
    public void EveryReductionPath_CountsItsColumns_AndChangesNoBit(string path, int n)
    {
        var matrix = RandomSymmetric(n, seed: n);
        var progress = new RecordingProgress();
        var work = WorkTracker.Create(progress, default)!;
        work.Begin("eigenvalues", n);
        var tracked = Solve(path, matrix, n, work);
        progress.AssertComplete(("eigenvalues", n));
        Assert.Equal(Solve(path, matrix, n, null), tracked);
    }

    [Fact]
    public void Progress_IsReportedAtABoundedRate_WhateverTheUnitCount()
    {
        // 2,000 rows, each its own unit: about one report per 1% (plus the start), not one per row.
        var x = TestData.Gaussian(2000, 1, seed: 8);
        var progress = new RecordingProgress();
        Entropy.MatrixRenyi(x, alpha: 2, bandwidth: Bandwidth.Median(), progress: progress);
        var gram = Assert.Single(progress.Stages());
        Assert.InRange(gram.Reports.Count, 50, 102);
    }

    [Fact]
    public void EstimationProgress_PrintsItsStageCountAndPercent()
    {
        var p = new EstimationProgress("eigenvalues", 1024, 4096);
        Assert.Equal(0.25, p.Fraction);
        Assert.Equal("eigenvalues 1024/4096 (25%)", p.ToString());
        Assert.Equal(1, new EstimationProgress("empty", 0, 0).Fraction);
    }

    internal static double[] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[i * n + j] = a[j * n + i] = random.NextDouble() - 0.5;
            }
        }

        return a;
    }

    internal static double[] Solve(string path, double[] matrix, int n, WorkTracker? work)
    {
        var a = (double[])matrix.Clone();
        var eigenvalues = new double[n];
        switch (path)
        {
            case "unblocked":
                SymmetricEigenvalues.Solve(a, n, eigenvalues, threads: 1, panelWidth: 48, forceUnblocked: true, work: work);
                break;
            case "blocked":
                SymmetricEigenvalues.Solve(a, n, eigenvalues, threads: 2, panelWidth: 16, forceBlocked: true, work: work);
                break;
            default:
                SymmetricEigenvalues.Solve(a, n, eigenvalues, threads: 2, panelWidth: 48, twoStageBand: 8, work: work);
                break;
        }

        return eigenvalues;
    }

    /// <summary>exp(−‖x−y‖/σ): a kernel other than the Gaussian, so S₂ streams the kernel rows instead of pair sums.</summary>
    private sealed class LaplacianTestKernel : IKernel
    {
        public string Name => "laplacian-test";

        public double Evaluate(double squaredDistance, double width) => Math.Exp(-Math.Sqrt(squaredDistance) / width);
    }
}
