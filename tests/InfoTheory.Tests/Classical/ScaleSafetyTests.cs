namespace InfoTheory.Tests.Classical;

/// <summary>
/// Issue #12: KDE, the Gaussian fit and binning anywhere in the finite double range. KDE (kernel covariance h²·Σ̂) and
/// the Gaussian fit are affine-equivariant, so each column is normalised by its own power of two (exact) and the
/// entropies gain Σ ln cₖ; binning is scale-invariant by construction, and its bin index no longer overflows.
/// </summary>
public class ScaleSafetyTests
{
    private const int N = 200;

    private static Samples Scale(Samples s, params double[] factors)
    {
        var v = s.ToArray();
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= factors[i % s.Dimensions % factors.Length];
        }

        return new Samples(v, s.Dimensions);
    }

    private static void Close(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(-1000, 40)]
    [InlineData(-3, 7)]
    [InlineData(900, -900)]
    public void PerColumnPowersOfTwo_AreExact(int a, int b)
    {
        var x = TestData.Gaussian(N, 2, 1);
        var y = TestData.Dependent(x, 1, 2);
        var sx = Scale(x, Math.ScaleB(1.0, a), Math.ScaleB(1.0, b));
        var sy = Scale(y, Math.ScaleB(1.0, b));
        double jacobian = (a + b) * Math.Log(2);
        foreach (var (plain, scaled) in new[]
        {
            (Entropy.Kde(x), Entropy.Kde(sx)),
            (Entropy.Kde(x, new KdeOptions { Scaling = KdeScaling.Diagonal }), Entropy.Kde(sx, new KdeOptions { Scaling = KdeScaling.Diagonal })),
            (Entropy.GaussianFit(x), Entropy.GaussianFit(sx)),
            (Entropy.GaussianFit(x, new GaussianFitOptions { BiasCorrected = true }), Entropy.GaussianFit(sx, new GaussianFitOptions { BiasCorrected = true })),
        })
        {
            Close(plain.Value.Nats + jacobian, scaled.Value.Nats, 1e-13);
            Assert.Equal(plain.StandardError, scaled.StandardError);
        }

        Assert.Equal(MutualInformation.Kde(x, y), MutualInformation.Kde(sx, sy));
        Assert.Equal(MutualInformation.GaussianFit(x, y), MutualInformation.GaussianFit(sx, sy));
        Assert.Equal(Entropy.Binned(x), Entropy.Binned(sx));
        Assert.Equal(MutualInformation.Binned(x, y), MutualInformation.Binned(sx, sy));
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e150)]
    [InlineData(1e-150)]
    [InlineData(1e-300)]
    public void ExtremeScales_GiveTheUnscaledEstimatePlusTheLogJacobian(double c)
    {
        // The issue: ×1e300 "residual variance NaN", ×1e-300 "column 0 is constant".
        var x = TestData.Gaussian(N, 2, 3);
        var y = TestData.Dependent(x, 1, 4);
        var (sx, sy) = (Scale(x, c), Scale(y, c));
        double jacobian = 2 * Math.Log(c);
        Close(Entropy.Kde(x).Value.Nats + jacobian, Entropy.Kde(sx).Value.Nats, 1e-10);
        Close(Entropy.Kde(x, new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood, LeaveOneOut = true }).Value.Nats + jacobian,
            Entropy.Kde(sx, new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood, LeaveOneOut = true }).Value.Nats, 1e-10);
        Close(Entropy.GaussianFit(x).Value.Nats + jacobian, Entropy.GaussianFit(sx).Value.Nats, 1e-10);
        Close(MutualInformation.Kde(x, y).Value.Nats, MutualInformation.Kde(sx, sy).Value.Nats, 1e-10);
        Close(MutualInformation.GaussianFit(x, y).Value.Nats, MutualInformation.GaussianFit(sx, sy).Value.Nats, 1e-10);
        Close(Entropy.Binned(x).Value.Nats, Entropy.Binned(sx).Value.Nats, 1e-12);
        Close(MutualInformation.Binned(x, y).Value.Nats, MutualInformation.Binned(sx, sy).Value.Nats, 1e-12);
    }

    [Fact]
    public void Binning_NearTheLargestDouble_DoesNotOverflow()
    {
        // max − min of a column spanning ±1.7e308 overflows to ∞; every value fell into bin 0 (4.18 bits for 8.16).
        var random = new Random(5);
        var u = new Samples(Enumerable.Range(0, 2 * N).Select(_ => 2 * random.NextDouble() - 1).ToArray(), 2);
        var wide = Scale(u, Math.ScaleB(1.0, 1023));
        Assert.Equal(Entropy.Binned(u), Entropy.Binned(wide));
        Assert.Equal(Entropy.Binned(u, new BinningOptions { Range = BinRange.Layer }), Entropy.Binned(wide, new BinningOptions { Range = BinRange.Layer }));
        Assert.True(Entropy.Binned(wide).Value.Nats > Math.Log(N) - 0.5); // 900 cells for 200 rows: nearly all distinct
    }

    [Fact]
    public void ConstantColumn_IsRefusedWithItsValue_EvenWhenItsMeanRoundsOff()
    {
        // Seven values 0.1: their rounded mean differs from 0.1, which left a ~1e-33 "variance" that passed for data.
        var values = TestData.Gaussian(7, 2, 6).ToArray();
        for (int i = 0; i < 7; i++)
        {
            values[2 * i + 1] = 0.1;
        }

        var x = new Samples(values, 2);
        foreach (Action estimate in new Action[]
        {
            () => Entropy.GaussianFit(x), () => Entropy.Kde(x), () => Entropy.Kde(x, new KdeOptions { Scaling = KdeScaling.Diagonal }),
        })
        {
            var e = Assert.Throws<ArgumentException>(estimate);
            Assert.Contains("column 1 is constant (every value is 0.1)", e.Message);
            Assert.Contains("−∞", e.Message);
        }
    }
}
