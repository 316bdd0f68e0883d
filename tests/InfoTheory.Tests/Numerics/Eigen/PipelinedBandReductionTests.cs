using InfoTheory.Compute;
using InfoTheory.Internal;

namespace InfoTheory.Tests.Compute;

/// <summary>
/// Stage 2 of the two-stage reduction (band → tridiagonal) runs its sweeps in wavefront groups, pipelined over several
/// threads; each entry must see the serial order of operations, so every grouping and thread count gives the bits of
/// one sweep after another.
/// </summary>
public class PipelinedBandReductionTests
{
    [Theory]
    [InlineData(100, 4)]
    [InlineData(257, 8)]
    [InlineData(600, 32)]
    [InlineData(1001, 16)]
    public void EveryThreadCountGivesTheSerialBits(int n, int b)
    {
        double[] band = Band(n, b, seed: 40 + n);
        // One sweep after another: groups of one on one thread.
        double[] serial = (double[])band.Clone();
        TwoStageTridiagonal.BandToTridiagonal(serial, n, b, threads: 1, group: 1);
        foreach (int group in new[] { 1, 2, 5, TwoStageTridiagonal.SweepGroup })
        {
            foreach (int threads in new[] { 1, 2, 3, 4, 8 })
            {
                double[] other = (double[])band.Clone();
                TwoStageTridiagonal.BandToTridiagonal(other, n, b, threads: threads, group: group);
                Assert.True(serial.AsSpan().SequenceEqual(other), $"n = {n}, b = {b}, groups of {group}, {threads} threads: not the serial bits");
            }
        }

        // And it is a tridiagonalisation: nothing left below the subdiagonal.
        for (int r = 2; r < n; r++)
        {
            for (int c = 0; c < r - 1; c++)
            {
                Assert.Equal(0, serial[r * n + c]);
            }
        }
    }

    [Fact]
    public void ACancelledReductionThrowsFromEveryWorkerWithoutHanging()
    {
        const int n = 600, b = 16;
        double[] band = Band(n, b, seed: 7);
        using var source = new CancellationTokenSource();
        source.Cancel();
        var progress = new ReductionProgress(WorkTracker.Create(null, source.Token)!, n);
        var e = Assert.ThrowsAny<OperationCanceledException>(() => TwoStageTridiagonal.BandToTridiagonal(band, n, b, progress, threads: 4, group: 2));
        Assert.Equal(source.Token, e.CancellationToken);
    }

    /// <summary>A random symmetric matrix (lower triangle) reduced to half-width b by stage 1 on one thread.</summary>
    private static double[] Band(int n, int b, int seed)
    {
        var rng = new Random(seed);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[i * n + j] = a[j * n + i] = rng.NextDouble() * 2 - 1;
            }
        }

        TwoStageTridiagonal.ReduceToBand(a, n, b, threads: 1);
        return a;
    }
}
