namespace InfoTheory.Tests.LongWork;

/// <summary>
/// The KDE estimators (O(N²·d): minutes at N = 200,000) report the stage <c>densities</c> and stop at the report during
/// which their token is cancelled (issue #12: no progress and no way to stop them but a signal). Nothing is timed.
/// </summary>
public sealed class KdeLongWorkTests
{
    private static readonly Samples X = TestData.Gaussian(3000, 2, seed: 21);
    private static readonly Samples Y = TestData.Dependent(X, 1, seed: 22);

    [Fact]
    public void EntropyAndMutualInformationReportEveryDensityOnce()
    {
        var entropy = new RecordingProgress();
        var tracked = new KdeEntropy().Estimate(X, entropy);
        var stage = Assert.Single(entropy.Stages());
        Assert.Equal("densities", stage.Stage);
        Assert.Equal(3000, stage.Reports[^1].Completed);
        Assert.Equal(3000, stage.Reports[^1].Total);
        Assert.True(stage.Reports.Zip(stage.Reports.Skip(1)).All(p => p.First.Completed < p.Second.Completed));
        Assert.Equal(new KdeEntropy().Estimate(X), tracked); // tracking changes no bit

        var mi = new RecordingProgress();
        var value = new KdeMutualInformation().Estimate(X, Y, mi);
        Assert.Equal(9000, Assert.Single(mi.Stages()).Reports[^1].Completed);
        Assert.Equal(new KdeMutualInformation().Estimate(X, Y), value);
    }

    [Fact]
    public void CancellingFromAReportStopsThere()
    {
        using var source = new CancellationTokenSource();
        var progress = RecordingProgress.CancellingWhen(source, p => p.Completed >= 1000);
        var e = Assert.ThrowsAny<OperationCanceledException>(() => new KdeEntropy().Estimate(X, progress, source.Token));
        Assert.Equal(source.Token, e.CancellationToken);
        Assert.True(progress.Reports[^1].Completed < 3000, "no report after the cancelling one, and the stage is unfinished");

        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new KdeMutualInformation().Estimate(X, Y, null, before.Token));
        var likelihood = new KdeEntropy(new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood });
        Assert.ThrowsAny<OperationCanceledException>(() => likelihood.Estimate(X, null, before.Token));
    }
}
