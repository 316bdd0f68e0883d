namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>
/// The approximate method: certified intervals from a pivoted partial Cholesky (<see cref="SpectrumBounds"/>,
/// <see cref="PartialCholesky"/>) must contain the exact S_α on every input — fast and slow spectral decay, clusters,
/// tiny and huge widths, several α — and reach the tolerance where the spectrum allows.
/// </summary>
public sealed class ApproximateMethodTests
{
    private static readonly double[] Orders = [0.5, 1, 1.01, 2, 3];

    /// <summary>The spectrum shapes: data, σ (fixed), and a name for the failure message.</summary>
    public static TheoryData<string, int, int, double, int> Shapes => new()
    {
        { "fast decay: 1-D, wide kernel", 400, 1, 2.0, 1 },
        { "slow decay: 20-D, σ below the distances", 400, 20, 1.5, 2 },
        { "near identity: tiny width", 300, 5, 0.05, 3 },
        { "near rank one: huge width", 300, 5, 200.0, 4 },
        { "clusters: 3 tight blobs", 360, 3, 0.5, 5 },
        { "moderate: 5-D Silverman-like", 500, 5, 1.0, 6 },
    };

    private static Samples Data(int n, int d, int seed, bool clusters)
    {
        var x = TestData.Gaussian(n, d, seed).ToArray();
        if (clusters)
        {
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < d; k++)
                {
                    x[i * d + k] = 0.05 * x[i * d + k] + 10 * (i % 3);
                }
            }
        }

        return new Samples(x, d);
    }

    private static double ExactNats(Samples x, double sigma, double alpha) =>
        Entropy.MatrixRenyi(x, new MatrixRenyiOptions { Alpha = alpha, Bandwidth = Bandwidth.Fixed(sigma) }).Value.Nats;

    /// <summary>The scaled samples u = x/(σ√2) whose exp(−‖uᵢ − uⱼ‖²) is the library's Gaussian Gram at σ.</summary>
    private static Samples Scaled(Samples x, double sigma) =>
        new(x.ToArray().Select(v => v / (sigma * Math.Sqrt(2))).ToArray(), x.Dimensions);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryRankGivesAnIntervalThatContainsTheExactEntropy(string shape, int n, int d, double sigma, int seed)
    {
        var x = Data(n, d, seed, shape.StartsWith("clusters", StringComparison.Ordinal));
        var exact = Orders.Select(a => ExactNats(x, sigma, a)).ToArray();
        var u = Scaled(x, sigma);
        var factor = new PartialCholesky(u, parallel: true);
        double norm = SquaredNorm(u);
        double previousWidth = double.PositiveInfinity;
        foreach (int rank in new[] { 0, 1, 5, 20, 64, 128, 256, n })
        {
            while (factor.Rank < rank && factor.Grow(rank, default) > 0)
            {
            }

            var leading = factor.LeadingEigenvalues();
            for (int a = 0; a < Orders.Length; a++)
            {
                foreach (double? f in new double?[] { null, norm })
                {
                    var (lower, upper) = SpectrumBounds.Interval(leading, factor.ResidualTrace, f, n, Orders[a]);
                    // For α < 1 the exact path's own round-off eigenvalues move it by up to about 1e-7 here (λ^α lifts them).
                    double slack = Orders[a] < 1 ? 1e-6 : 1e-9;
                    Assert.True(lower - slack <= exact[a] && exact[a] <= upper + slack,
                        $"{shape}, rank {factor.Rank}, α = {Orders[a]}, norm {(f is null ? "unknown" : "known")}: [{lower}, {upper}] misses {exact[a]}");
                }
            }

            var (lo, hi) = SpectrumBounds.Interval(leading, factor.ResidualTrace, norm, n, 1.01);
            Assert.True(hi - lo <= previousWidth + 1e-9, $"{shape}: the interval widened from {previousWidth} to {hi - lo} at rank {factor.Rank}");
            previousWidth = hi - lo;
        }

        // The whole factorisation leaves no residual: the interval closes on the exact value.
        Assert.True(previousWidth < 1e-6, $"{shape}: full rank still leaves an interval of {previousWidth} nats");
    }

    /// <summary>A layer of two 1×1 maps (N×2×1×1).</summary>
    private static FeatureMaps TwoMaps(Samples first, Samples second)
    {
        int n = first.Count;
        var values = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            values[2 * i] = first.Row(i)[0];
            values[2 * i + 1] = second.Row(i)[0];
        }

        return new FeatureMaps(values, n, 2, 1, 1);
    }

    private static double SquaredNorm(Samples u)
    {
        int n = u.Count;
        double sum = n;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double d2 = 0;
                for (int k = 0; k < u.Dimensions; k++)
                {
                    double diff = u.Row(i)[k] - u.Row(j)[k];
                    d2 += diff * diff;
                }

                sum += 2 * Math.Exp(-2 * d2);
            }
        }

        return sum;
    }

    [Fact]
    public void BoundsAreWorkedByHand()
    {
        // N = 4, K = J (all ones) factored exactly: ν = {4}, t = 0: one eigenvalue, S = 0 for every α.
        var (lo, hi) = SpectrumBounds.Interval([4.0], 0, null, 4, 1.01);
        Assert.Equal(0, lo, 12);
        Assert.Equal(0, hi, 12);

        // K = I₄ with nothing factored: ν = {}, t = 4. Water-filling gives (1, 1, 1, 1): S = ln 4 above; without the
        // norm all of t sits on one eigenvalue: S = 0 below. With ‖K‖²_F = 4, S₂ = 2·ln 4 − ln 4 = ln 4 closes it for α ≤ 2.
        (lo, hi) = SpectrumBounds.Interval([], 4, null, 4, 1.01);
        Assert.Equal(0, lo, 12);
        Assert.Equal(Math.Log(4), hi, 12);
        (lo, hi) = SpectrumBounds.Interval([], 4, 4.0, 4, 1.01);
        Assert.Equal(Math.Log(4), lo, 12);
        Assert.Equal(Math.Log(4), hi, 12);

        // ν = {2}, t = 2 over N = 4: water-filling pours 2 onto the three zeros (2/3 each): S₁ of (2, 2/3, 2/3, 2/3)/4.
        (_, hi) = SpectrumBounds.Interval([2.0], 2, null, 4, 1);
        double expected = -(0.5 * Math.Log(0.5) + 3 * (1.0 / 6) * Math.Log(1.0 / 6));
        Assert.Equal(expected, hi, 12);
        // ‖E‖²_F ≤ ‖K‖²_F − ν² = 6 − 4 = 2 < t² = 4: C_k = min(2, √(2k)) = √2, 2, 2, …: the top-k sums of (2 + √2, 2 − √2).
        (lo, _) = SpectrumBounds.Interval([2.0], 2, 6.0, 4, 1);
        double p1 = (2 + Math.Sqrt(2)) / 4, p2 = (2 - Math.Sqrt(2)) / 4;
        double lower = Math.Max(-(p1 * Math.Log(p1) + p2 * Math.Log(p2)), 2 * Math.Log(4) - Math.Log(6));
        Assert.Equal(lower, lo, 12);
    }

    [Theory]
    [InlineData(1.01)]
    [InlineData(1.0)]
    [InlineData(0.8)]
    [InlineData(3.0)]
    public void TheEstimatorReachesTheToleranceAndContainsTheExactValue(double alpha)
    {
        var x = TestData.Gaussian(700, 2, 21);
        var exact = new MatrixRenyiOptions { Alpha = alpha, Bandwidth = Bandwidth.Silverman(5) };
        var approximate = exact with { Method = MatrixRenyiMethod.Approximate, Tolerance = Information.FromBits(0.01) };
        double truth = Entropy.MatrixRenyi(x, exact).Value.Nats;
        var estimate = Entropy.MatrixRenyi(x, approximate);
        var d = estimate.DiagnosticsAs<RenyiDiagnostics>();
        Assert.False(d.ToleranceMissed);
        Assert.InRange(truth, d.Lower!.Value.Nats, d.Upper!.Value.Nats);
        Assert.True(d.Upper.Value.Bits - d.Lower.Value.Bits <= 0.01);
        Assert.True(d.FactorRank < 700, $"rank {d.FactorRank}: no saving");
        Assert.Equal(0.5 * (d.Lower.Value.Nats + d.Upper.Value.Nats), estimate.Value.Nats, 14);
    }

    [Fact]
    public void MutualInformationAndMultivariateIntervalsContainTheExactValues()
    {
        var x = TestData.Gaussian(600, 2, 31);
        var y = TestData.Dependent(x, 2, 32);
        var exact = new MatrixRenyiOptions { Bandwidth = Bandwidth.Silverman(5) };
        var approximate = exact with { Method = MatrixRenyiMethod.Approximate, Tolerance = Information.FromBits(0.02) };
        double truth = MutualInformation.MatrixRenyi(x, y, exact).Value.Nats;
        var d = MutualInformation.MatrixRenyi(x, y, approximate).DiagnosticsAs<RenyiDiagnostics>();
        Assert.InRange(truth, d.Lower!.Value.Nats, d.Upper!.Value.Nats);
        Assert.True(d.Upper.Value.Bits - d.Lower.Value.Bits <= 0.02);

        var maps = TwoMaps(TestData.Dependent(x, 1, 33), TestData.Dependent(x, 1, 34));
        double mmi = new MultivariateMutualInformation(exact).Estimate(x, maps).Value.Nats;
        var md = new MultivariateMutualInformation(approximate).Estimate(x, maps).DiagnosticsAs<RenyiDiagnostics>();
        Assert.InRange(mmi, md.Lower!.Value.Nats, md.Upper!.Value.Nats);
    }

    [Fact]
    public void AutomaticIsExactUpToItsLimitAndAlphaTwoIsExactInEitherMethod()
    {
        var x = TestData.Gaussian(300, 3, 41);
        var exact = new MatrixRenyiOptions();
        Assert.Equal(Entropy.MatrixRenyi(x, exact), Entropy.MatrixRenyi(x, exact with { Method = MatrixRenyiMethod.Automatic }));
        var two = exact with { Alpha = 2 };
        var streamed = Entropy.MatrixRenyi(x, two with { Method = MatrixRenyiMethod.Approximate });
        Assert.Equal(Entropy.MatrixRenyi(x, two).Value.Nats, streamed.Value.Nats, 12);
        Assert.Equal(0, streamed.DiagnosticsAs<RenyiDiagnostics>().FactorRank);
    }

    [Fact]
    public void ALongSpectralBulkIsReportedAsMissedAndAutomaticComputesItExactly()
    {
        // 20-D Gaussian data with σ a third of the median distance: most of the trace lies in a long bulk, so no rank
        // below N/4 brings the interval to 0.01 bits. The approximation says so (and its interval still holds the exact
        // value); Automatic, above its exact limit, falls back to the exact spectrum.
        var x = TestData.Gaussian(MatrixRenyiOptions.AutomaticExactLimit + 104, 20, 61);
        var exact = new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(2) };
        var truth = Entropy.MatrixRenyi(x, exact);
        var approximate = Entropy.MatrixRenyi(x, exact with { Method = MatrixRenyiMethod.Approximate }).DiagnosticsAs<RenyiDiagnostics>();
        Assert.True(approximate.ToleranceMissed);
        Assert.InRange(truth.Value.Nats, approximate.Lower!.Value.Nats, approximate.Upper!.Value.Nats);
        Assert.True(approximate.FactorRank < x.Count / 4, $"rank {approximate.FactorRank}: the slow decay was not recognised early");
        Assert.Equal(truth, Entropy.MatrixRenyi(x, exact with { Method = MatrixRenyiMethod.Automatic }));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(-1e300)]
    public void BadTolerancesAreRefused(double bits)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixRenyiOptions { Tolerance = Information.FromBits(bits) });
        Assert.Equal("Tolerance", e.ParamName);
        Assert.Contains("0.01 bits", e.Message, StringComparison.Ordinal);
        // NaN and ±∞ never become an Information: FromBits refuses them first.
        Assert.ThrowsAny<ArgumentException>(() => Information.FromBits(double.NaN));
    }

    [Fact]
    public void WhatTheApproximationCannotTakeIsRefused()
    {
        var x = TestData.Gaussian(200, 2, 51);
        var approximate = new MatrixRenyiOptions { Method = MatrixRenyiMethod.Approximate };
        var median = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(x, approximate with { Bandwidth = Bandwidth.Median() }));
        Assert.Equal("Method", median.ParamName);
        Assert.Contains("Bandwidth.Silverman", median.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatrixRenyiOptions { Method = (MatrixRenyiMethod)7 });
        var maps = TwoMaps(TestData.Dependent(x, 1, 52), TestData.Dependent(x, 1, 53));
        var pid = Assert.Throws<ArgumentException>(() => PartialInformation.Proxies(x, maps, new PidOptions { Renyi = approximate with { Bandwidth = Bandwidth.Median() } }));
        Assert.Equal("Method", pid.ParamName);
        var scan = Assert.Throws<ArgumentException>(() => new MatrixRenyiMutualInformation(approximate with { Bandwidth = Bandwidth.Median() }).EstimateAcrossWidths(x, x, [1.0]));
        Assert.Equal("Method", scan.ParamName);
    }

    /// <summary>C maps of one pixel each, each a smooth function of X plus a little seeded noise (N×C×1×1).</summary>
    private static FeatureMaps Maps(Samples x, int channels, int seed)
    {
        int n = x.Count;
        var noise = TestData.Gaussian(n, channels, seed);
        var values = new double[n * channels];
        for (int i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (int p = 0; p < channels; p++)
            {
                values[i * channels + p] = Math.Tanh(row[p % x.Dimensions] * (1 + p % 3) + 0.5 * p) + 0.05 * noise.Row(i)[p];
            }
        }

        return new FeatureMaps(values, n, channels, 1, 1);
    }

    [Fact]
    public void EveryPidIntervalContainsTheExactValueAndIsNoWiderThanTheTolerance()
    {
        var x = TestData.Gaussian(500, 2, 71);
        var layer = Maps(x, 3, 72);
        var exactOptions = new MatrixRenyiOptions { Bandwidth = Bandwidth.Silverman(5) };
        var tolerance = Information.FromBits(0.05);
        var exact = PartialInformation.Proxies(x, layer, new PidOptions { Renyi = exactOptions });
        var approximate = PartialInformation.Proxies(x, layer,
            new PidOptions { Renyi = exactOptions with { Method = MatrixRenyiMethod.Approximate, Tolerance = tolerance } });
        Assert.Null(exact.RstBounds);
        Assert.Null(exact.MapBounds);
        Assert.All(exact.Pairs, p => Assert.Null(p.RstBounds));

        var d = approximate.Mmi.DiagnosticsAs<RenyiDiagnostics>();
        Assert.False(d.ToleranceMissed, $"an easy spectrum (scalar maps, Silverman h = 5) missed the tolerance: rank {d.FactorRank}, MMI {d.Lower} … {d.Upper}, RST {approximate.RstBounds}, maps {string.Join("; ", approximate.MapBounds!)}, pairs {string.Join("; ", approximate.Pairs.Select(p => p.JointBounds + " " + p.RstBounds + " " + p.WnriBounds))}");
        Assert.InRange(d.FactorRank!.Value, 1, 500 / 4);
        var all = new List<(string What, Information Exact, ConfidenceInterval Bounds)>
        {
            ("MMI", exact.Mmi.Value, new(d.Lower!.Value, d.Upper!.Value, 1)),
            ("mean RST", exact.Rst, approximate.RstBounds!.Value),
            ("mean WNRI", exact.Wnri, approximate.WnriBounds!.Value),
        };
        all.AddRange(exact.MapInformation.Select((m, p) => ($"I(X;T{p})", m, approximate.MapBounds![p])));
        foreach (var (e, a) in exact.Pairs.Zip(approximate.Pairs))
        {
            all.Add(($"I(X;T{e.First},T{e.Second})", e.JointInformation, a.JointBounds!.Value));
            all.Add(($"RST {e.First},{e.Second}", e.Rst, a.RstBounds!.Value));
            all.Add(($"WNRI {e.First},{e.Second}", e.Wnri, a.WnriBounds!.Value));
            // Each value is its interval's midpoint, and RST + WNRI = I(X;{Tⁱ,Tʲ}) still (no lower end was raised to 0 here).
            Assert.Equal(0.5 * (a.RstBounds.Value.Low.Nats + a.RstBounds.Value.High.Nats), a.Rst.Nats, 12);
            Assert.Equal(a.JointInformation.Nats, (a.Rst + a.Wnri).Nats, 10);
        }

        Assert.Equal(3 + 3 + 3 * 3, all.Count);
        foreach (var (what, value, bounds) in all)
        {
            Assert.True(bounds.Contains(value), $"{what}: exact {value.Bits} bits outside {bounds}");
            Assert.True(bounds.Width <= tolerance, $"{what}: {bounds} is wider than {tolerance.Bits} bits");
            Assert.Equal(1, bounds.Level);
        }
    }

    [Fact]
    public void AutomaticPidIsTheExactPassBitForBitBelowItsLimit()
    {
        var x = TestData.Gaussian(120, 2, 81);
        var layer = Maps(x, 4, 82);
        var exact = PartialInformation.Proxies(x, layer);
        var automatic = PartialInformation.Proxies(x, layer, new PidOptions { Renyi = new MatrixRenyiOptions { Method = MatrixRenyiMethod.Automatic } });
        Assert.Equal(exact.Mmi, automatic.Mmi);
        Assert.Equal(exact.Pairs, automatic.Pairs);
        Assert.Equal(exact.MapInformation, automatic.MapInformation);
        Assert.Equal(exact.Rst, automatic.Rst);
        Assert.Null(automatic.RstBounds);
    }

    [Fact]
    public void TheApproximateWidthScanContainsTheExactScan()
    {
        var x = TestData.Gaussian(400, 2, 91);
        var y = TestData.Dependent(x, 2, 92);
        var exactOptions = new MatrixRenyiOptions { Bandwidth = Bandwidth.Silverman(5) };
        double[] factors = [0.5, 1, 2];
        var exact = new MatrixRenyiMutualInformation(exactOptions).EstimateAcrossWidths(x, y, factors);
        var approximate = new MatrixRenyiMutualInformation(exactOptions with { Method = MatrixRenyiMethod.Approximate, Tolerance = Information.FromBits(0.02) })
            .EstimateAcrossWidths(x, y, factors);
        Assert.Equal(factors.Length, approximate.Count);
        for (int f = 0; f < factors.Length; f++)
        {
            var e = exact[f].DiagnosticsAs<RenyiDiagnostics>();
            var a = approximate[f].DiagnosticsAs<RenyiDiagnostics>();
            Assert.Equal(e.Widths, a.Widths);
            Assert.InRange(exact[f].Value.Nats, a.Lower!.Value.Nats, a.Upper!.Value.Nats);
            Assert.True(a.ToleranceMissed == true || (a.Upper.Value - a.Lower.Value).Bits <= 0.02, $"factor {factors[f]}");
        }

        // The factor-1 row is the plain approximate estimate.
        var plain = MutualInformation.MatrixRenyi(x, y, exactOptions with { Method = MatrixRenyiMethod.Approximate, Tolerance = Information.FromBits(0.02) });
        Assert.Equal(plain.Value.Nats, approximate[1].Value.Nats, 12);
    }
}
