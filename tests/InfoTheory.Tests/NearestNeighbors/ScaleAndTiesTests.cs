namespace InfoTheory.Tests.NearestNeighbors;

/// <summary>
/// Issue #12: the k-NN estimators at any scale of the finite double range (bit-identical under powers of two, the
/// log-Jacobian added back for entropies), anisotropic columns (warning, or Standardize), and atoms and ties detected
/// before the jitter hides them (warnings, no standard error, or a refusal when the answer is ±∞).
/// </summary>
public class ScaleAndTiesTests
{
    private const int N = 300;

    private static Samples Scale(Samples s, params double[] factors)
    {
        var v = s.ToArray();
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= factors[i % s.Dimensions % factors.Length];
        }

        return new Samples(v, s.Dimensions);
    }

    private static Samples Repeat(Samples s, int times) =>
        s.Select(Enumerable.Range(0, s.Count).SelectMany(i => Enumerable.Repeat(i, times)).ToArray());

    private static void SameBits(InformationEstimate expected, InformationEstimate actual)
    {
        Assert.Equal(expected.Value.Nats, actual.Value.Nats);
        Assert.Equal(expected.StandardError, actual.StandardError);
        Assert.Equal(expected.Warnings, actual.Warnings);
    }

    // |a − b| ≤ tolerance·max(1, |b|).
    private static void Close(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    public static TheoryData<int> PowersOfTwo => new() { -1000, -40, -3, 5, 60, 1000 };

    [Theory]
    [MemberData(nameof(PowersOfTwo))]
    public void InvariantQuantities_AreBitIdenticalUnderPowersOfTwo(int m)
    {
        var (x, y, _) = KnnTestData.CorrelatedPairs(N, 2, 0.6, 1);
        var z = TestData.Gaussian(N, 1, 2);
        double c = Math.ScaleB(1.0, m);
        Samples S(Samples s) => Scale(s, c);
        SameBits(MutualInformation.Ksg(x, y), MutualInformation.Ksg(S(x), S(y)));
        SameBits(MutualInformation.Ksg(x, y, 3, KsgVariant.Two), MutualInformation.Ksg(S(x), S(y), 3, KsgVariant.Two));
        SameBits(MutualInformation.Ksg(x, y, new KsgOptions { Norm = KnnNorm.Euclidean }), MutualInformation.Ksg(S(x), S(y), new KsgOptions { Norm = KnnNorm.Euclidean }));
        SameBits(MutualInformation.KozachenkoLeonenko(x, y), MutualInformation.KozachenkoLeonenko(S(x), S(y)));
        SameBits(MutualInformation.KozachenkoLeonenko(x, y, weighted: true), MutualInformation.KozachenkoLeonenko(S(x), S(y), weighted: true));
        SameBits(MutualInformation.KsgConditional(x, y, z), MutualInformation.KsgConditional(S(x), S(y), S(z)));
        SameBits(Divergence.KullbackLeibler(x, y), Divergence.KullbackLeibler(S(x), S(y)));
    }

    [Theory]
    [MemberData(nameof(PowersOfTwo))]
    public void Entropies_GainExactlyDTimesTheLogScale_UnderPowersOfTwo(int m)
    {
        var x = TestData.Gaussian(N, 3, 3);
        var scaled = Scale(x, Math.ScaleB(1.0, m));
        foreach (var (a, b) in new[]
        {
            (Entropy.KozachenkoLeonenko(x), Entropy.KozachenkoLeonenko(scaled)),
            (Entropy.KozachenkoLeonenko(x, new KnnOptions { Norm = KnnNorm.Max }), Entropy.KozachenkoLeonenko(scaled, new KnnOptions { Norm = KnnNorm.Max })),
            (Entropy.WeightedKozachenkoLeonenko(x), Entropy.WeightedKozachenkoLeonenko(scaled)),
        })
        {
            Close(a.Value.Nats + 3 * m * Math.Log(2), b.Value.Nats, 1e-14);
            Assert.Equal(a.StandardError, b.StandardError); // the terms are those of the normalised data: same bits
        }
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e150)]
    [InlineData(1e-150)]
    [InlineData(1e-300)]
    public void ExtremeScales_GiveTheUnscaledEstimatePlusTheLogJacobian(double c)
    {
        // The issue: ×1e300 gave internal errors or 10.6 bits for 1.07; ×1e-300 gave −62 bits for ≈ −1989.
        var (x, y, _) = KnnTestData.CorrelatedPairs(N, 2, 0.6, 4);
        var z = TestData.Gaussian(N, 1, 5);
        var (sx, sy, sz) = (Scale(x, c), Scale(y, c), Scale(z, c));
        const double relative = 1e-10;
        Close(Entropy.KozachenkoLeonenko(x).Value.Nats + 2 * Math.Log(c), Entropy.KozachenkoLeonenko(sx).Value.Nats, relative);
        Close(Entropy.WeightedKozachenkoLeonenko(x).Value.Nats + 2 * Math.Log(c), Entropy.WeightedKozachenkoLeonenko(sx).Value.Nats, relative);
        Close(MutualInformation.Ksg(x, y).Value.Nats, MutualInformation.Ksg(sx, sy).Value.Nats, relative);
        Close(MutualInformation.Ksg(x, y, 3, KsgVariant.Two).Value.Nats, MutualInformation.Ksg(sx, sy, 3, KsgVariant.Two).Value.Nats, relative);
        Close(MutualInformation.KozachenkoLeonenko(x, y).Value.Nats, MutualInformation.KozachenkoLeonenko(sx, sy).Value.Nats, relative);
        Close(MutualInformation.KozachenkoLeonenko(x, y, weighted: true).Value.Nats, MutualInformation.KozachenkoLeonenko(sx, sy, weighted: true).Value.Nats, relative);
        Close(MutualInformation.KsgConditional(x, y, z).Value.Nats, MutualInformation.KsgConditional(sx, sy, sz).Value.Nats, relative);
        Close(Divergence.KullbackLeibler(x, y).Value.Nats, Divergence.KullbackLeibler(sx, sy).Value.Nats, relative);
        Assert.Empty(MutualInformation.Ksg(sx, sy).Warnings);
    }

    [Theory]
    [InlineData(1, 1e300)]
    [InlineData(1e-300, 1)]
    [InlineData(1e-300, 1e300)]
    public void Divergence_BetweenSamplesAtOppositeEndsOfTheRange_IsTheClosedForm(double pScale, double qScale)
    {
        // P = N(0, a²·I₂), Q = N(0, b²·I₂), c = b/a: D = d·(ln c + 1/(2c²) − 1/2). One common power of two cannot hold
        // both samples (squared distances of P would underflow), so each sample has its own frame.
        var p = Scale(TestData.Gaussian(2000, 2, 6), pScale);
        var q = Scale(TestData.Gaussian(2000, 2, 7), qScale);
        double truth = 2 * (Math.Log(qScale) - Math.Log(pScale) - 0.5);
        var e = Divergence.KullbackLeibler(p, q);
        Assert.InRange(e.Value.Nats, truth - 0.3, truth + 0.3);
        Assert.NotNull(e.StandardError);
        // Both samples scaled together: the same estimate.
        Close(e.Value.Nats, Divergence.KullbackLeibler(Scale(p, 3), Scale(q, 3)).Value.Nats, 1e-10);
    }

    [Fact]
    public void KnnMutualInformation_OfVariablesFarApartInScale_KeepsEachMarginal()
    {
        // Y 1e-200 times smaller than X: its own entropy is computed in its own frame (no zero distances), and the
        // anisotropy is reported.
        var (x, y, _) = KnnTestData.CorrelatedPairs(N, 1, 0.6, 21);
        var e = MutualInformation.KozachenkoLeonenko(x, Scale(y, 1e-200));
        Assert.True(double.IsFinite(e.Value.Nats));
        Assert.Equal("anisotropic", Assert.Single(e.Warnings).Code);
    }

    [Fact]
    public void AnisotropicColumns_AreWarnedAbout_AndStandardizeRemovesTheEffect()
    {
        // The issue: columns scaled 1e8 and 1e-8 (Jacobian 1) gave 50.5 bits instead of ≈ 4.1.
        var x = TestData.Gaussian(N, 2, 8);
        var skewed = Scale(x, 1e8, 1e-8);
        double plain = Entropy.KozachenkoLeonenko(x).Value.Nats;
        var raw = Entropy.KozachenkoLeonenko(skewed);
        Assert.True(raw.Value.Nats - plain > 10, $"{raw}"); // the estimator's own (raw-norm) answer, far off
        var warning = Assert.Single(raw.Warnings);
        Assert.Equal("anisotropic", warning.Code);
        Assert.Contains("samples column 0", warning.Message);
        Assert.Contains("samples column 1", warning.Message);
        Assert.Contains("Standardize", warning.Message);
        Assert.NotNull(raw.StandardError); // a warning, not a degenerate estimate

        var standardized = Entropy.KozachenkoLeonenko(skewed, new KnnOptions { Standardize = true });
        Assert.Empty(standardized.Warnings);
        Assert.InRange(standardized.Value.Nats, plain - 0.05, plain + 0.05);
        // Standardised, the scale of each column only adds its log: exactly under powers of two, per column.
        var s1 = Entropy.KozachenkoLeonenko(x, new KnnOptions { Standardize = true });
        var s2 = Entropy.KozachenkoLeonenko(Scale(x, Math.ScaleB(1.0, 30), Math.ScaleB(1.0, -50)), new KnnOptions { Standardize = true });
        Close(s1.Value.Nats - 20 * Math.Log(2), s2.Value.Nats, 1e-14);
        Assert.Equal(s1.StandardError, s2.StandardError);
        Close(s1.Value.Nats, standardized.Value.Nats, 1e-10);
    }

    [Fact]
    public void Standardize_MakesKsgAndDivergenceBlindToColumnScales()
    {
        var (x, y, _) = KnnTestData.CorrelatedPairs(N, 2, 0.6, 9);
        var o = new KsgOptions { Standardize = true };
        var a = MutualInformation.Ksg(x, y, o);
        SameBits(a, MutualInformation.Ksg(Scale(x, Math.ScaleB(1.0, 40), Math.ScaleB(1.0, -7)), Scale(y, Math.ScaleB(1.0, -90)), o));
        Close(a.Value.Nats, MutualInformation.Ksg(Scale(x, 1e8, 1e-8), Scale(y, 1e-200), o).Value.Nats, 1e-10);
        var raw = MutualInformation.Ksg(x, Scale(y, 1e-3));
        Assert.Equal("anisotropic", Assert.Single(raw.Warnings).Code);
        Assert.Contains("y column", raw.Warnings[0].Message);
        var knn = new KnnOptions { Standardize = true };
        Close(MutualInformation.KozachenkoLeonenko(x, y, knn).Value.Nats,
            MutualInformation.KozachenkoLeonenko(Scale(x, 1e8, 1e-8), Scale(y, 1e-200), knn).Value.Nats, 1e-10);
        // The divergence divides P and Q by the same (pooled) deviations: D is invariant to that.
        Close(Divergence.KullbackLeibler(x, y, knn).Value.Nats,
            Divergence.KullbackLeibler(Scale(x, 1e8, 1e-8), Scale(y, 1e8, 1e-8), knn).Value.Nats, 1e-10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void ComparableColumnScales_DrawNoWarning(double ratio)
    {
        var (x, y, _) = KnnTestData.CorrelatedPairs(N, 2, 0.6, 10);
        Assert.Empty(Entropy.KozachenkoLeonenko(Scale(x, 1, 1 / ratio)).Warnings);
        Assert.Empty(MutualInformation.Ksg(x, Scale(y, ratio)).Warnings);
        Assert.Empty(Divergence.KullbackLeibler(x, Scale(y, 1, ratio)).Warnings);
    }

    [Fact]
    public void EveryRowRepeated_IsATiesWarningWithCountsAndNoStandardError()
    {
        // The issue: KSG on every row repeated 4 times gave 5.83 bits with SE 0.
        var (x, y, _) = KnnTestData.CorrelatedPairs(125, 1, 0.6, 11);
        var (rx, ry) = (Repeat(x, 4), Repeat(y, 4));
        var e = MutualInformation.Ksg(rx, ry);
        Assert.Null(e.StandardError);
        var ties = Assert.Single(e.Warnings);
        Assert.Equal("ties", ties.Code);
        Assert.Contains("500 of 500 observations have at least 3 exact copies", ties.Message);
        Assert.Contains("largest repeat count 4", ties.Message);
        Assert.Contains("measures the jitter", ties.Message);
        Assert.Contains("k ≥ 4", ties.Message);
        // k above the number of copies: the k-th neighbor lies beyond them, no warning.
        var k4 = MutualInformation.Ksg(rx, ry, 4);
        Assert.Empty(k4.Warnings);
        Assert.NotNull(k4.StandardError);
        // Fewer copies than k: the k-th distance stays positive, no warning.
        Assert.Empty(MutualInformation.Ksg(Repeat(x, 3), Repeat(y, 3)).Warnings);
    }

    [Fact]
    public void SomeRowsRepeated_CountsOnlyTheAffectedObservations()
    {
        var x = TestData.Gaussian(200, 2, 12);
        var rows = Enumerable.Range(0, 200).Concat(Enumerable.Range(0, 10).SelectMany(i => Enumerable.Repeat(i, 4))).ToArray();
        var e = Entropy.KozachenkoLeonenko(x.Select(rows));
        Assert.Contains("50 of 240 observations", Assert.Single(e.Warnings).Message); // 10 rows × 5 copies
        Assert.Contains("largest repeat count 5", e.Warnings[0].Message);
        Assert.Null(e.StandardError);
        // In d = 4 the weighted estimator gives weight to the first neighbor too: any copy is a tie for it.
        var x4 = TestData.Gaussian(200, 4, 22);
        var w = Entropy.WeightedKozachenkoLeonenko(x4.Select([.. Enumerable.Range(0, 200), 0]));
        Assert.Contains("2 of 201 observations have at least 1 exact copy", Assert.Single(w.Warnings).Message);
    }

    [Fact]
    public void ConstantVariable_GivesMutualInformationZeroExactly()
    {
        // The issue: KSG with a constant X and a constant Y gave −0.075 bits.
        var constant = new Samples(Enumerable.Repeat(3.0, N).ToArray(), 1);
        var y = TestData.Gaussian(N, 2, 13);
        foreach (var e in new[]
        {
            MutualInformation.Ksg(constant, constant), MutualInformation.Ksg(constant, y), MutualInformation.Ksg(y, constant, 3, KsgVariant.Two),
            MutualInformation.KozachenkoLeonenko(y, constant), MutualInformation.KsgConditional(constant, y, y),
        })
        {
            Assert.Equal(0, e.Value.Nats);
            Assert.Null(e.StandardError);
            Assert.Equal("constant", Assert.Single(e.Warnings).Code);
        }
    }

    [Fact]
    public void ConstantColumn_MakesTheDifferentialEntropyMinusInfinity_AndIsRefused()
    {
        // The issue: the KL entropy of a constant variable gave −62 bits.
        var x = TestData.Gaussian(N, 2, 14).ToArray();
        for (int i = 0; i < N; i++)
        {
            x[2 * i + 1] = 0.1;
        }

        var samples = new Samples(x, 2);
        foreach (Func<InformationEstimate> estimate in new Func<InformationEstimate>[]
        {
            () => Entropy.KozachenkoLeonenko(samples), () => Entropy.WeightedKozachenkoLeonenko(samples),
            () => Entropy.KozachenkoLeonenko(samples, new KnnOptions { Standardize = true }),
        })
        {
            var e = Assert.Throws<ArgumentException>(() => estimate());
            Assert.Contains("samples column 1 is constant (every value is 0.1)", e.Message);
            Assert.Contains("−∞", e.Message);
            Assert.Equal("samples", e.ParamName);
        }

        // In an MI from k-NN entropies, a constant column among varying ones (both entropies −∞) is refused too;
        // KSG is not affected by it.
        var y = TestData.Gaussian(N, 1, 15);
        var mi = Assert.Throws<ArgumentException>(() => MutualInformation.KozachenkoLeonenko(samples, y));
        Assert.Contains("x column 1 is constant", mi.Message);
        Assert.Contains("Drop the column", mi.Message);
        Close(MutualInformation.Ksg(samples, y).Value.Nats, MutualInformation.Ksg(Columns0(samples), y).Value.Nats, 1e-12);
    }

    private static Samples Columns0(Samples s) => new(Enumerable.Range(0, s.Count).Select(i => s[i, 0]).ToArray(), 1);

    [Fact]
    public void Divergence_OfASampleWithItself_IsRefused_AndSharedRowsAreWarned()
    {
        // The issue: the k-NN divergence of a sample with itself gave −0.78 bits.
        var p = TestData.Gaussian(200, 2, 16);
        var q = TestData.Gaussian(150, 2, 17);
        var self = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(p, p));
        Assert.Contains("p and q are the same sample", self.Message);
        Assert.Contains("D(P‖P) = 0", self.Message);
        var superset = new Samples(p.ToArray().Concat(q.ToArray()).ToArray(), 2);
        Assert.Contains("every observation of p is also in q", Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(p, superset)).Message);

        var some = new Samples(q.ToArray().Concat(p.Select([.. Enumerable.Range(0, 10)]).ToArray()).ToArray(), 2);
        var e = Divergence.KullbackLeibler(p, some);
        var shared = Assert.Single(e.Warnings);
        Assert.Equal("shared-observations", shared.Code);
        Assert.Contains("10 of the 200 observations of p also occur in q", shared.Message);
        Assert.NotNull(e.StandardError); // one copy in q is not the k-th neighbor: ν stays positive
    }

    [Fact]
    public void Divergence_WithAPointMass_IsPlusInfinity_AndIsRefused()
    {
        // The issue: a point mass against a continuous sample gave 66 bits one way and 4.2 the other.
        var continuous = TestData.Gaussian(200, 2, 18);
        var mass = new Samples(Enumerable.Repeat(0.25, 400).ToArray(), 2);
        var pm = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(mass, continuous));
        Assert.Contains("p column 0 is constant", pm.Message);
        Assert.Contains("D(P‖Q) = +∞", pm.Message);
        var qm = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(continuous, mass));
        Assert.Contains("q column 0 is constant", qm.Message);
        Assert.Contains("D(P‖Q) = +∞", qm.Message);
        var other = new Samples(Enumerable.Repeat(0.5, 400).ToArray(), 2);
        Assert.Contains("disjoint supports", Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(mass, other)).Message);
    }

    [Fact]
    public void Bootstrap_RefusesTheKnnEstimators_AndSubsamplingWorks()
    {
        // The issue: the bootstrap of KL on {1, 1, 2, 2} gave an interval of [−30.8, −21.7] bits.
        var x = TestData.Gaussian(100, 1, 19);
        var y = TestData.Dependent(x, 1, 20);
        foreach (var estimator in new IEntropyEstimator[] { new KozachenkoLeonenkoEntropy(), new WeightedKozachenkoLeonenkoEntropy() })
        {
            var e = Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval(estimator, x, replicates: 10));
            Assert.Equal("estimator", e.ParamName);
            Assert.Contains("Bootstrap.SubsamplingInterval", e.Message);
        }

        foreach (var estimator in new IMutualInformationEstimator[] { new KsgMutualInformation(), new KnnEntropyMutualInformation() })
        {
            var e = Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval(estimator, x, y, replicates: 10));
            Assert.Contains("Bootstrap.SubsamplingInterval", e.Message);
        }

        var sub = Bootstrap.SubsamplingInterval(new KsgMutualInformation(), x, y, subsampleSize: 50, replicates: 20, seed: 1);
        Assert.True(sub.Interval.Low < sub.Estimate && sub.Estimate < sub.Interval.High);
    }
}
