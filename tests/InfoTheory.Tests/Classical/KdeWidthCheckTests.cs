namespace InfoTheory.Tests.Classical;

/// <summary>
/// The KDE's width checks (h against the median whitened distance, one per density) and its bandwidth scan
/// (<see cref="KdeMutualInformation.EstimateAcrossWidths"/>), against hand-worked medians, closed forms and separate
/// estimates.
/// </summary>
public sealed class KdeWidthCheckTests
{
    // Points 0, 1, 3, 6: the six pair distances 1, 2, 3, 3, 5, 6 have median 3; the mean is 2.5 and the sample variance
    // (6.25 + 2.25 + 0.25 + 12.25)/3 = 7, so the median whitened distance is 3/√7 (worked by hand).
    private static readonly Samples Line = Samples.FromColumn(new double[] { 0, 1, 3, 6 });

    private static readonly double LineMedian = 3 / Math.Sqrt(7);

    [Theory]
    [InlineData(0.5, false)]   // σ/median = 0.5·√7/3 = 0.441
    [InlineData(12.0, true)]   // 10.58 ≥ 10: flat
    [InlineData(11.0, false)]  // 9.70
    [InlineData(0.1, true)]    // 0.0882 ≤ 0.1: a spike
    [InlineData(0.12, false)]  // 0.106
    public void OneDimensionalCheckIsWorkedByHand(double h, bool dominated)
    {
        foreach (var scaling in new[] { KdeScaling.Covariance, KdeScaling.Diagonal })
        {
            var d = Entropy.Kde(Line, new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = h, Scaling = scaling }).DiagnosticsAs<KdeDiagnostics>();
            var check = Assert.Single(d.WidthChecks);
            Assert.Equal(h, check.Sigma);
            Assert.Equal(LineMedian, check.MedianDistance, 14);
            Assert.Equal(h * Math.Sqrt(7) / 3, check.SigmaOverMedian, 13);
            Assert.Null(check.EntropyOverLogN);
            Assert.Equal(dominated, check.WidthDominated);
            Assert.Equal(dominated, d.WidthDominated);
            Assert.Equal(dominated, ((IWidthDiagnostics)d).WidthDominated);
        }

        // Scott's rule: h = 4^(−1/5).
        var scott = Assert.Single(Entropy.Kde(Line).DiagnosticsAs<KdeDiagnostics>().WidthChecks);
        Assert.Equal(Math.Pow(4, -0.2) * Math.Sqrt(7) / 3, scott.SigmaOverMedian, 13);
    }

    [Theory]
    [InlineData(KdeScaling.Covariance)]
    [InlineData(KdeScaling.Diagonal)]
    public void MiChecksXThenYThenTheJointAgainstMahalanobisDistances(KdeScaling scaling)
    {
        // N = 60: all 1,770 pairs are used, so the medians are exact. X and Y correlated, on very different scales.
        var random = new Random(7);
        var xs = new double[60];
        var ys = new double[60];
        for (int i = 0; i < 60; i++)
        {
            xs[i] = RandomDraws.StandardNormal(random);
            ys[i] = 250 * (0.8 * xs[i] + 0.6 * RandomDraws.StandardNormal(random));
        }

        var options = new KdeOptions { Scaling = scaling };
        var estimate = MutualInformation.Kde(Samples.FromColumn(xs), Samples.FromColumn(ys), options);
        var d = estimate.DiagnosticsAs<KdeDiagnostics>();
        Assert.Equal(3, d.WidthChecks.Count);
        for (int v = 0; v < 3; v++)
        {
            Assert.Equal(d.Bandwidths[v], d.WidthChecks[v].Sigma);
            Assert.Null(d.WidthChecks[v].EntropyOverLogN);
        }

        // Independently of the library's whitening: the median over pairs of √(Δᵀ S⁻¹ Δ), S the covariance (N − 1)
        // of the density's variables (only its diagonal for the diagonal scaling).
        double vx = Variance(xs), vy = Variance(ys), cxy = Covariance(xs, ys);
        if (scaling == KdeScaling.Diagonal)
        {
            cxy = 0;
        }

        double det = vx * vy - cxy * cxy;
        double Median(Func<int, int, double> distance)
        {
            var all = new List<double>();
            for (int i = 1; i < 60; i++)
            {
                for (int j = 0; j < i; j++)
                {
                    all.Add(distance(i, j));
                }
            }

            all.Sort();
            return 0.5 * (all[all.Count / 2 - 1] + all[all.Count / 2]);
        }

        double mx = Median((i, j) => Math.Abs(xs[i] - xs[j]) / Math.Sqrt(vx));
        double my = Median((i, j) => Math.Abs(ys[i] - ys[j]) / Math.Sqrt(vy));
        double mxy = Median((i, j) =>
        {
            double a = xs[i] - xs[j], b = ys[i] - ys[j];
            return Math.Sqrt((vy * a * a - 2 * cxy * a * b + vx * b * b) / det);
        });
        Assert.Equal(mx, d.WidthChecks[0].MedianDistance, 12);
        Assert.Equal(my, d.WidthChecks[1].MedianDistance, 12);
        Assert.Equal(mxy, d.WidthChecks[2].MedianDistance, 12);
        Assert.Equal(d.Bandwidths[2] / mxy, d.WidthChecks[2].SigmaOverMedian, 12);

        // X's check in the MI is the check of X's own entropy.
        var own = Assert.Single(Entropy.Kde(Samples.FromColumn(xs), options).DiagnosticsAs<KdeDiagnostics>().WidthChecks);
        Assert.Equal(own, d.WidthChecks[0]);
    }

    [Fact]
    public void ScalingTheDataByAThousandLeavesEveryRatioUnchanged()
    {
        // Whitening removes the scale: unlike the matrix-Rényi σ of a fixed rule, h/median is scale-free.
        var x = TestData.Gaussian(300, 3, 11);
        var y = TestData.Dependent(x, 2, 12);
        var big = new Samples(x.ToArray().Select(v => v * 1000).ToArray(), 3);
        var tiny = new Samples(y.ToArray().Select(v => v * 1e-3).ToArray(), 2);
        var plain = MutualInformation.Kde(x, y).DiagnosticsAs<KdeDiagnostics>();
        var scaled = MutualInformation.Kde(big, tiny).DiagnosticsAs<KdeDiagnostics>();
        Assert.Equal(3, scaled.WidthChecks.Count);
        for (int v = 0; v < 3; v++)
        {
            Assert.Equal(plain.WidthChecks[v].Sigma, scaled.WidthChecks[v].Sigma);
            Assert.Equal(1, scaled.WidthChecks[v].SigmaOverMedian / plain.WidthChecks[v].SigmaOverMedian, 12);
            Assert.Equal(plain.WidthChecks[v].WidthDominated, scaled.WidthChecks[v].WidthDominated);
        }
    }

    [Theory]
    // Standard Gaussian data whitened: |W₁ − W₂| has median √2·0.67449 (d = 1) and √2·√(2 ln 2) (d = 2, Rayleigh); Scott's
    // h = N^(−1/(d+4)) at N = 500 gives h/median = 0.3025 and 0.2131. The sampled median is good to about 1 %.
    [InlineData(1, 0.30246)]
    [InlineData(2, 0.21313)]
    public void WellScaledGaussianDataAreNotWidthDominated(int d, double expected)
    {
        var x = TestData.Gaussian(500, d, 21 + d, scale: 7);
        var check = Assert.Single(Entropy.Kde(x).DiagnosticsAs<KdeDiagnostics>().WidthChecks);
        Assert.Equal(Math.Pow(500, -1.0 / (d + 4)), check.Sigma, 14);
        Assert.Equal(expected, check.SigmaOverMedian, expected * 0.04);
        Assert.False(check.WidthDominated);
    }

    [Fact]
    public void OutliersThatInflateTheCovarianceMakeTheKernelFlat()
    {
        // 200 points within ±0.003 and four at ±100: σ̂ ≈ 14, so the bulk lies well within one kernel width h·σ̂.
        var random = new Random(3);
        var values = Enumerable.Range(0, 200).Select(_ => 1e-3 * RandomDraws.StandardNormal(random)).Concat([100.0, 100, -100, -100]).ToArray();
        var d = Entropy.Kde(Samples.FromColumn(values)).DiagnosticsAs<KdeDiagnostics>();
        var check = Assert.Single(d.WidthChecks);
        Assert.True(check.SigmaOverMedian >= WidthCheck.FlatRatio, $"σ/median = {check.SigmaOverMedian}");
        Assert.True(d.WidthDominated);

        // A fixed h ten times the whitened median distance is flat whatever the data.
        var x = TestData.Gaussian(200, 2, 5);
        double median = Entropy.Kde(x).DiagnosticsAs<KdeDiagnostics>().WidthChecks[0].MedianDistance;
        var flat = Entropy.Kde(x, new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = 10 * median }).DiagnosticsAs<KdeDiagnostics>();
        Assert.True(flat.WidthDominated);
    }

    [Fact]
    public void ManyDimensionsMakeScottsBandwidthASpike()
    {
        // d = 80, N = 200: h = 200^(−1/84) = 0.939 against whitened distances of about √(2d) = 12.6 (ratio ≈ 0.074).
        var x = TestData.Gaussian(200, 80, 31);
        var check = Assert.Single(Entropy.Kde(x).DiagnosticsAs<KdeDiagnostics>().WidthChecks);
        Assert.Equal(Math.Pow(200, -1.0 / 84) / Math.Sqrt(160), check.SigmaOverMedian, 0.01);
        Assert.True(check.WidthDominated);
        Assert.True(check.SigmaOverMedian <= WidthCheck.SpikeRatio);
    }

    [Theory]
    [InlineData(KdeBandwidthRule.Scott, KdeScaling.Covariance, false)]
    [InlineData(KdeBandwidthRule.Silverman, KdeScaling.Diagonal, true)]
    [InlineData(KdeBandwidthRule.LeaveOneOutLikelihood, KdeScaling.Covariance, true)]
    public void ScanEqualsSeparateEstimatesAtTheScaledBandwidths(KdeBandwidthRule rule, KdeScaling scaling, bool leaveOneOut)
    {
        var x = TestData.Gaussian(150, 2, 41);
        var y = TestData.Dependent(x, 1, 42);
        var options = new KdeOptions { Rule = rule, Scaling = scaling, LeaveOneOut = leaveOneOut };
        var mi = new KdeMutualInformation(options);
        double[] factors = [0.5, 1, 2];
        var scan = mi.EstimateAcrossWidths(x, y, factors);
        var plain = mi.Estimate(x, y);
        Assert.Equal(3, scan.Count);
        Assert.Equal(plain, scan[1]);
        var h = plain.DiagnosticsAs<KdeDiagnostics>().Bandwidths;
        var joint = new Samples(Enumerable.Range(0, 150).SelectMany(i => new[] { x[i, 0], x[i, 1], y[i, 0] }).ToArray(), 3);
        for (int f = 0; f < factors.Length; f++)
        {
            var d = scan[f].DiagnosticsAs<KdeDiagnostics>();
            Assert.Equal(rule, d.Rule);
            // Separately: each density's entropy at its own fixed h·f; the MI is H(X) + H(Y) − H(X,Y).
            var entropies = new[] { x, y, joint }.Select((s, v) =>
            {
                Assert.Equal(h[v] * factors[f], d.Bandwidths[v], 14);
                var e = Entropy.Kde(s, options with { Rule = KdeBandwidthRule.Fixed, Factor = h[v] * factors[f] });
                Assert.Equal(Assert.Single(e.DiagnosticsAs<KdeDiagnostics>().WidthChecks), d.WidthChecks[v]);
                return e.Value.Nats;
            }).ToArray();
            Assert.Equal(entropies[0] + entropies[1] - entropies[2], scan[f].Value.Nats, 12);
        }

        // With resubstitution a narrower kernel moves the MI towards its spike limit ln N (here above the data's value) and a
        // wider one smooths the dependence away: the MI falls as h grows. (Leave-one-out need not be monotone.)
        if (!leaveOneOut)
        {
            Assert.True(scan[0].Value.Nats > scan[1].Value.Nats && scan[1].Value.Nats > scan[2].Value.Nats);
        }
    }

    [Fact]
    public void ScanWithAFixedFactorEqualsEstimatesWithThatFactorScaled()
    {
        var x = TestData.Gaussian(120, 1, 51);
        var y = TestData.Dependent(x, 2, 52);
        var options = new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = 0.3 };
        var scan = new KdeMutualInformation(options).EstimateAcrossWidths(x, y, [0.25, 4]);
        foreach (var (estimate, factor) in scan.Zip(new[] { 0.075, 1.2 }))
        {
            var separate = new KdeMutualInformation(options with { Factor = factor }).Estimate(x, y);
            Assert.Equal(separate.Value.Nats, estimate.Value.Nats, 12);
            Assert.Equal(separate.StandardError!.Value.Nats, estimate.StandardError!.Value.Nats, 12);
            var a = separate.DiagnosticsAs<KdeDiagnostics>();
            var b = estimate.DiagnosticsAs<KdeDiagnostics>();
            for (int v = 0; v < 3; v++)
            {
                Assert.Equal(a.Bandwidths[v], b.Bandwidths[v], 14);
                Assert.Equal(a.WidthChecks[v].MedianDistance, b.WidthChecks[v].MedianDistance);
                Assert.Equal(a.WidthChecks[v].SigmaOverMedian, b.WidthChecks[v].SigmaOverMedian, 13);
            }
        }
    }

    [Theory]
    [InlineData(0.0, "factors[1] = 0 ")]
    [InlineData(-1.0, "factors[1] = -1 ")]
    [InlineData(double.NaN, "factors[1] = NaN ")]
    [InlineData(double.PositiveInfinity, "factors[1] = Infinity ")]
    [InlineData(1e4, "factors[1] = 10000 ")]
    public void ScanRejectsBadFactorsNamingTheValueAndTheFix(double factor, string named)
    {
        var x = TestData.Gaussian(20, 1, 1);
        var mi = new KdeMutualInformation();
        var e = Assert.Throws<ArgumentException>(() => mi.EstimateAcrossWidths(x, x, [1, factor]));
        Assert.Equal("factors", e.ParamName);
        Assert.Contains(named, e.Message);
        Assert.Contains("[0.001, 1000]", e.Message);
        Assert.Contains("such as 0.5 or 2", e.Message);
        var empty = Assert.Throws<ArgumentException>(() => mi.EstimateAcrossWidths(x, x, []));
        Assert.Equal("factors", empty.ParamName);
        Assert.Contains("e.g. [0.5, 1, 2]", empty.Message);
        Assert.Equal("factors", Assert.Throws<ArgumentNullException>(() => mi.EstimateAcrossWidths(x, x, null!)).ParamName);
    }

    private static double Variance(double[] v) => Covariance(v, v);

    private static double Covariance(double[] a, double[] b)
    {
        double ma = a.Average(), mb = b.Average(), s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += (a[i] - ma) * (b[i] - mb);
        }

        return s / (a.Length - 1);
    }
}
