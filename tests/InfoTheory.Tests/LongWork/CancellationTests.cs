using InfoTheory.Internal;

namespace InfoTheory.Tests.LongWork;

/// <summary>
/// Cancellation: a cancelled token stops every long operation with an <see cref="OperationCanceledException"/> carrying
/// that token, before any work when it is cancelled up front, and mid-operation within one check interval otherwise —
/// shown in units, not seconds: cancelling from inside a progress report ends the work there (no later report, fewer
/// units than the total), and the units between reports bound the work between checks. Nothing is timed.
/// </summary>
public class CancellationTests
{
    private static readonly Samples X = TestData.Gaussian(300, 3, seed: 11);
    private static readonly Samples Y = TestData.Dependent(X, 2, seed: 12);
    private static readonly FeatureMaps Layer = TestData.Layer(X, channels: 4, mapSize: 2, seed: 13);

    /// <summary>Every operation that takes a token, called with the given one.</summary>
    public static TheoryData<string> Operations => new(Calls.Keys);

    private static readonly Dictionary<string, Action<CancellationToken>> Calls = new()
    {
        ["entropy"] = t => Entropy.MatrixRenyi(X, cancellationToken: t),
        ["entropy α=2"] = t => Entropy.MatrixRenyi(X, alpha: 2, cancellationToken: t),
        ["joint entropy"] = t => Entropy.MatrixRenyiJoint([X, Y], cancellationToken: t),
        ["conditional entropy"] = t => Entropy.MatrixRenyiConditional(X, Y, cancellationToken: t),
        ["subsets"] = t => new MatrixRenyiEntropy().EstimateSubsets([X, Y], [[0], [0, 1]], cancellationToken: t),
        ["mutual information"] = t => MutualInformation.MatrixRenyi(X, Y, cancellationToken: t),
        ["total correlation"] = t => MutualInformation.TotalCorrelation([X, Y], cancellationToken: t),
        ["multivariate MI"] = t => MutualInformation.MatrixRenyiMultivariate(X, Layer, cancellationToken: t),
        ["PID"] = t => PartialInformation.Proxies(X, Layer, cancellationToken: t),
        ["bootstrap"] = t => Bootstrap.ConfidenceInterval(new MatrixRenyiEntropy(), X, replicates: 20, cancellationToken: t),
        ["subsampling"] = t => Bootstrap.SubsamplingInterval(new MatrixRenyiMutualInformation(), X, Y, 100, replicates: 20, cancellationToken: t),
        ["permutation test"] = t => PermutationTest.Independence(new MatrixRenyiMutualInformation(), X, Y, permutations: 20, cancellationToken: t),
        ["eigenvalues"] = t => SymmetricEigenvalues.Compute(ProgressTests.RandomSymmetric(300, 1), 300, t),
        ["eigenvalues in place"] = t => SymmetricEigenvalues.ComputeInPlace(ProgressTests.RandomSymmetric(300, 1), 300, new double[300], cancellationToken: t),
        ["eigenvalue batch"] = t => SymmetricEigenvalues.ComputeBatch(ProgressTests.RandomSymmetric(300, 1), 30, 100, new double[3000], t),
        ["compressed MI"] = t => new CompressedMutualInformation(new KsgMutualInformation(), new PcaCompressor(new PcaOptions { Components = 1 }))
            .Estimate(X, Y, t),
        ["estimator interface"] = t => ((IEntropyEstimator)new KozachenkoLeonenkoEntropy()).Estimate(X, t),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void ACancelledToken_StopsTheOperationBeforeItStarts(string operation)
    {
        using var source = new CancellationTokenSource();
        source.Cancel();
        var e = Assert.ThrowsAny<OperationCanceledException>(() => Calls[operation](source.Token));
        Assert.Equal(source.Token, e.CancellationToken);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public void AnUncancelledToken_ChangesNothing(string operation)
    {
        using var source = new CancellationTokenSource();
        Calls[operation](source.Token);
    }

    [Fact]
    public void TheDefaultInterfaceMethod_ChecksTheTokenBeforeEstimating()
    {
        var counting = new CountingEstimator();
        IMutualInformationEstimator estimator = counting;
        using var source = new CancellationTokenSource();
        Assert.Equal(0.5, estimator.Estimate(X, Y, source.Token).Value.Nats);
        source.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => estimator.Estimate(X, Y, source.Token));
        Assert.Equal(1, counting.Calls);
    }

    // Cancelling from inside a report: the report that cancels is the last one, and the stage is left unfinished.
    [Theory]
    [InlineData("gram")]
    [InlineData("eigenvalues")]
    public void Entropy_CancelledMidStage_StopsAtThatReport(string stage)
    {
        using var source = new CancellationTokenSource();
        Func<EstimationProgress, bool> cancelAt = p => p.Stage == stage && p.Completed > 0;
        var progress = RecordingProgress.CancellingWhen(source, cancelAt);
        var e = Assert.ThrowsAny<OperationCanceledException>(() => Entropy.MatrixRenyi(X, progress: progress, cancellationToken: source.Token));
        Assert.Equal(source.Token, e.CancellationToken);
        AssertStoppedAt(progress, cancelAt);
    }

    [Theory]
    [InlineData("unblocked")]
    [InlineData("blocked")]
    [InlineData("two-stage")]
    public void EveryReductionPath_StopsAtTheCancellingReport(string path)
    {
        const int n = 300;
        using var source = new CancellationTokenSource();
        Func<EstimationProgress, bool> cancelAt = p => p.Completed > 0;
        var progress = RecordingProgress.CancellingWhen(source, cancelAt);
        var work = WorkTracker.Create(progress, source.Token)!;
        work.Begin("eigenvalues", n);
        Assert.ThrowsAny<OperationCanceledException>(() => ProgressTests.Solve(path, ProgressTests.RandomSymmetric(n, 3), n, work));
        AssertStoppedAt(progress, cancelAt);
    }

    // The case of the issue: a 4,096 × 4,096 spectrum (the two-stage reduction, seconds of O(N³) work). Every report is
    // also a check, and reports come at most two 32-column panels apart (each 1/128 of the columns), so a cancel is
    // seen within two panels of the reduction; cancelling after ten panels stops it there.
    [Fact]
    public void ALargeSpectrum_ChecksEveryTwoPanels_AndStopsWhereCancelled()
    {
        const int n = 4096;
        var x = TestData.Gaussian(n, 2, seed: 14);
        using var source = new CancellationTokenSource();
        Func<EstimationProgress, bool> cancelAt = p => p.Stage == "eigenvalues" && p.Completed >= 10 * 32;
        var progress = RecordingProgress.CancellingWhen(source, cancelAt);
        Assert.ThrowsAny<OperationCanceledException>(() => Entropy.MatrixRenyi(x, progress: progress, cancellationToken: source.Token));

        var eigen = AssertStoppedAt(progress, cancelAt);
        Assert.All(eigen.Zip(eigen.Skip(1)), pair => Assert.InRange(pair.Second.Completed - pair.First.Completed, 1, 2 * 32));
        Assert.InRange(eigen[^1].Completed, 10 * 32, 12 * 32);
    }

    // Pooled Gram buffers go back and no state is left half-written: after a cancelled pass the same pass gives the same
    // result as before, on the batched (N = 64) and the per-spectrum (N = 300) paths.
    [Theory]
    [InlineData(64, "gram")]
    [InlineData(64, "spectra")]
    [InlineData(300, "gram")]
    [InlineData(300, "spectra")]
    public void Pid_CancelledMidPass_LeavesNothingBehind(int n, string stage)
    {
        var x = TestData.Gaussian(n, 3, seed: 15);
        var layer = TestData.Layer(x, channels: 4, mapSize: 2, seed: 16);
        var before = PartialInformation.Proxies(x, layer);

        using var source = new CancellationTokenSource();
        Func<EstimationProgress, bool> cancelAt = p => p.Stage == stage && p.Completed > 0;
        var progress = RecordingProgress.CancellingWhen(source, cancelAt);
        Assert.ThrowsAny<OperationCanceledException>(() => PartialInformation.Proxies(x, layer, progress: progress, cancellationToken: source.Token));
        AssertStoppedAt(progress, cancelAt);

        var after = PartialInformation.Proxies(x, layer);
        Assert.Equal(before.Mmi.Value.Nats, after.Mmi.Value.Nats);
        Assert.Equal(before.Rst.Nats, after.Rst.Nats);
        Assert.Equal(before.Wnri.Nats, after.Wnri.Nats);
    }

    [Fact]
    public void Resampling_CancelledMidway_StartsNoFurtherReplicate()
    {
        var estimator = new MatrixRenyiMutualInformation(new MatrixRenyiOptions { Alpha = 2 });
        var x = TestData.Gaussian(60, 2, seed: 17);
        var y = TestData.Dependent(x, 1, seed: 18);

        using var source = new CancellationTokenSource();
        Func<EstimationProgress, bool> cancelAt = p => p.Completed >= 10;
        var progress = RecordingProgress.CancellingWhen(source, cancelAt);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Bootstrap.ConfidenceInterval(estimator, x, y, replicates: 200, progress: progress, cancellationToken: source.Token));
        Assert.Equal("replicates", AssertStoppedAt(progress, cancelAt)[^1].Stage);

        using var second = new CancellationTokenSource();
        progress = RecordingProgress.CancellingWhen(second, cancelAt);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PermutationTest.Independence(estimator, x, y, permutations: 200, progress: progress, cancellationToken: second.Token));
        Assert.Equal("permutations", AssertStoppedAt(progress, cancelAt)[^1].Stage);
    }

    /// <summary>
    /// The first report matching <paramref name="cancelAt"/> (the one that cancelled) is the last report of all, and its
    /// stage is unfinished; returns that stage's reports.
    /// </summary>
    private static IReadOnlyList<EstimationProgress> AssertStoppedAt(RecordingProgress progress, Func<EstimationProgress, bool> cancelAt)
    {
        var reports = progress.Reports;
        int cancelling = reports.ToList().FindIndex(r => cancelAt(r));
        Assert.True(cancelling >= 0, "no report asked to cancel");
        Assert.Equal(reports.Count - 1, cancelling);
        Assert.True(reports[^1].Completed < reports[^1].Total, $"{reports[^1]}: the stage finished although cancelled");
        return progress.Stages()[^1].Reports;
    }

    private sealed class CountingEstimator : IMutualInformationEstimator
    {
        public int Calls { get; private set; }

        public InformationEstimate Estimate(Samples x, Samples y)
        {
            Calls++;
            return new(Information.FromNats(0.5));
        }
    }
}
