namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>
/// The width checks (σ against the median pairwise distance, S/log N), the saturation rule that fires only when the log N
/// ceiling forces a mutual information, and the width-sensitivity scan that shares the distances.
/// </summary>
public sealed class WidthDiagnosticsTests
{
    private static readonly Samples Line = Samples.FromColumn(new double[] { 0, 1, 3 });

    [Theory]
    // Points 0, 1, 3: the pair distances are 1, 2, 3, so the median is 2 (all three pairs, worked by hand).
    [InlineData(4.0, 2.0, false)]
    [InlineData(20.0, 10.0, true)]  // σ/median = 10: the flat boundary is inclusive
    [InlineData(19.9, 9.95, false)]
    [InlineData(0.2, 0.1, true)]    // σ/median = 0.1: the spike boundary is inclusive
    [InlineData(0.21, 0.105, false)]
    public void OneVariableCheckIsWorkedByHand(double sigma, double ratio, bool dominated)
    {
        var estimate = Entropy.MatrixRenyi(Line, new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(sigma) });
        var check = Assert.Single(estimate.DiagnosticsAs<RenyiDiagnostics>().WidthChecks);
        Assert.Equal(sigma, check.Sigma, 14);
        Assert.Equal(2.0, check.MedianDistance, 14);
        Assert.Equal(ratio, check.SigmaOverMedian, 12);
        Assert.Equal(estimate.Value.Nats / Math.Log(3), check.EntropyOverLogN!.Value, 14);
        Assert.Equal(dominated, check.WidthDominated);
        Assert.Equal(dominated, estimate.DiagnosticsAs<RenyiDiagnostics>().WidthDominated);
    }

    [Fact]
    public void ShrunkenActivationsAreWidthDominatedAndWellScaledDataIsNot()
    {
        // Silverman's σ = h·N^(-1/(4+d)) ignores the data's scale: shrink X a thousandfold and σ/median grows a thousandfold.
        var x = TestData.Gaussian(500, 5, 11);
        var y = TestData.Dependent(x, 3, 12);
        var tiny = new Samples(x.ToArray().Select(v => v * 1e-3).ToArray(), 5);
        var well = MutualInformation.MatrixRenyi(x, y).DiagnosticsAs<RenyiDiagnostics>();
        var shrunk = MutualInformation.MatrixRenyi(tiny, y).DiagnosticsAs<RenyiDiagnostics>();
        Assert.Equal(2, well.WidthChecks.Count);
        Assert.All(well.WidthChecks, c => Assert.False(c.WidthDominated));
        Assert.InRange(well.WidthChecks[0].SigmaOverMedian, 0.3, 3);
        Assert.False(well.WidthDominated);
        Assert.True(shrunk.WidthChecks[0].WidthDominated);
        Assert.False(shrunk.WidthChecks[1].WidthDominated);
        Assert.True(shrunk.WidthDominated);
        Assert.Equal(1000, shrunk.WidthChecks[0].SigmaOverMedian / well.WidthChecks[0].SigmaOverMedian, 9);
        Assert.Equal(well.WidthChecks[1], shrunk.WidthChecks[1]);
    }

    [Fact]
    public void SampledMedianDistanceAgreesWithTheClosedFormAndWithAllPairs()
    {
        // |U − V| for independent uniforms on [0, 1] has P(|U − V| ≤ t) = 1 − (1 − t)²: median 1 − 1/√2.
        var random = new Random(3);
        var u = Samples.FromColumn(Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray());
        var check = Assert.Single(Entropy.MatrixRenyi(u, new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(1) })
            .DiagnosticsAs<RenyiDiagnostics>().WidthChecks);
        Assert.Equal(1 - 1 / Math.Sqrt(2), check.MedianDistance, 0.02);

        // Against the median of all 1,999,000 pairs, computed here the slow way.
        var v = u.ToArray();
        var all = new List<double>();
        for (int i = 1; i < v.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                all.Add(Math.Abs(v[i] - v[j]));
            }
        }

        all.Sort();
        double exact = 0.5 * (all[all.Count / 2 - 1] + all[all.Count / 2]);
        Assert.Equal(exact, check.MedianDistance, exact * 0.03);
    }

    [Fact]
    public void ALayerIsCheckedAsItsProductKernelSeesIt()
    {
        // Four identical maps with equal widths: the product kernel sees √4 = 2 times each map's σ-scaled distance.
        var x = TestData.Gaussian(60, 2, 21);
        var map = TestData.Gaussian(60, 1, 22).ToArray();
        var values = new double[60 * 4];
        for (int i = 0; i < 60; i++)
        {
            for (int c = 0; c < 4; c++)
            {
                values[i * 4 + c] = map[i];
            }
        }

        var layer = new FeatureMaps(values, 60, 4, 1, 1);
        var o = new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(0.8) };
        var mmi = MutualInformation.MatrixRenyiMultivariate(x, layer, o).DiagnosticsAs<RenyiDiagnostics>();
        var single = Entropy.MatrixRenyi(layer[0], o).DiagnosticsAs<RenyiDiagnostics>().WidthChecks[0];
        Assert.Equal(5, mmi.Widths.Count);
        Assert.Equal(2, mmi.WidthChecks.Count);
        var t = mmi.WidthChecks[1];
        Assert.Equal(0.8, t.Sigma, 14);
        Assert.Equal(single.SigmaOverMedian / 2, t.SigmaOverMedian, 12);
        Assert.Equal(t.Sigma / t.SigmaOverMedian, t.MedianDistance, 12);
        var joint = Entropy.MatrixRenyiJoint([layer[0], layer[1], layer[2], layer[3]], o);
        Assert.Equal(joint.Value.Nats / Math.Log(60), t.EntropyOverLogN!.Value, 9);

        // The PID pass reports the same two checks on its MMI.
        var pid = PartialInformation.Proxies(x, layer, new PidOptions { Renyi = o });
        var pidChecks = pid.Mmi.DiagnosticsAs<RenyiDiagnostics>().WidthChecks;
        Assert.Equal(mmi.WidthChecks[0], pidChecks[0]);
        Assert.Equal(t.SigmaOverMedian, pidChecks[1].SigmaOverMedian, 14);
        Assert.Equal(t.EntropyOverLogN!.Value, pidChecks[1].EntropyOverLogN!.Value, 12);
    }

    [Theory]
    // N = 1000, log N = 6.9078 nats: joint at 99.5 % of the ceiling, the marginals 2 % over it → forced.
    [InlineData(1.02, 0.995, true)]
    // The marginals only 0.5 % over the ceiling: the floor is too low to matter.
    [InlineData(1.005, 0.995, false)]
    // The joint below 99 % of the ceiling: not at it, whatever the marginals.
    [InlineData(1.5, 0.98, false)]
    [InlineData(1.01, 0.99, true)] // both boundaries inclusive
    public void SaturationRuleNeedsTheJointAtTheCeilingAndAForcedFloor(double marginalShare, double jointShare, bool limited)
    {
        double ceiling = Math.Log(1000);
        Assert.Equal(limited, RenyiDiagnostics.LimitedByCeiling(
            Information.FromNats(marginalShare * ceiling * (1 + 1e-12)), Information.FromNats(jointShare * ceiling * (1 + 1e-12)), 1000));
    }

    [Fact]
    public void SaturationFiresWhenTheCeilingForcesTheValueAndNotWhenOnlyOneVariableFillsIt()
    {
        // X spread far beyond σ (its Gram is nearly I: S(X) ≈ log N), Y shrunk far below σ (S(Y) ≈ 0): the joint sits at
        // the ceiling (the old rule fired) but the floor S(X) + S(Y) − log N is below 0, so I(X;Y) is not forced.
        var o = new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(1) };
        var x = TestData.Gaussian(300, 3, 31, scale: 100);
        var y = TestData.Gaussian(300, 1, 32, scale: 1e-3);
        var joint = Entropy.MatrixRenyiJoint([x, y], o);
        Assert.True(joint.Value.Nats >= 0.99 * Math.Log(300));
        Assert.True(joint.DiagnosticsAs<RenyiDiagnostics>().Saturated); // the joint entropy itself is at the ceiling
        var notForced = MutualInformation.MatrixRenyi(x, y, o);
        Assert.False(notForced.DiagnosticsAs<RenyiDiagnostics>().Saturated);

        // Both spread far beyond σ: the Grams are nearly I, S(X) ≈ S(Y) ≈ S(X,Y) ≈ log N, and I ≈ log N is ceiling.
        var forced = MutualInformation.MatrixRenyi(x, TestData.Gaussian(300, 2, 33, scale: 100), o);
        Assert.True(forced.DiagnosticsAs<RenyiDiagnostics>().Saturated);
        Assert.InRange(forced.Value.Nats, 0.99 * Math.Log(300), Math.Log(300));
    }

    [Fact]
    public void WidthScanSharesTheDistancesAndAgreesWithSeparateEstimates()
    {
        var x = TestData.Gaussian(120, 3, 41);
        var y = TestData.Dependent(x, 2, 42);
        foreach (var rule in new[] { Bandwidth.Silverman(), Bandwidth.Median() })
        {
            var o = new MatrixRenyiOptions { Bandwidth = rule };
            var mi = new MatrixRenyiMutualInformation(o);
            var scan = mi.EstimateAcrossWidths(x, y, [0.5, 1, 2]);
            var plain = mi.Estimate(x, y);
            Assert.Equal(3, scan.Count);
            Assert.Equal(plain.Value.Nats, scan[1].Value.Nats, 10);
            var expected = plain.DiagnosticsAs<RenyiDiagnostics>();
            Assert.Equal(expected with { ClippedEigenvalueMass = 0 }, scan[1].DiagnosticsAs<RenyiDiagnostics>());
            var widths = plain.DiagnosticsAs<RenyiDiagnostics>().Widths;
            foreach (int f in new[] { 0, 2 })
            {
                double factor = f == 0 ? 0.5 : 2;
                var d = scan[f].DiagnosticsAs<RenyiDiagnostics>();
                Assert.Equal(widths[0] * factor, d.Widths[0], 12);
                Assert.Equal(widths[1] * factor, d.Widths[1], 12);
                // Separately: X and Y at those fixed widths, entropies from the same Grams.
                double sx = Entropy.MatrixRenyi(x, o with { Bandwidth = Bandwidth.Fixed(d.Widths[0]) }).Value.Nats;
                double sy = Entropy.MatrixRenyi(y, o with { Bandwidth = Bandwidth.Fixed(d.Widths[1]) }).Value.Nats;
                Assert.Equal(sx / Math.Log(120), d.WidthChecks[0].EntropyOverLogN!.Value, 9);
                Assert.Equal(sy / Math.Log(120), d.WidthChecks[1].EntropyOverLogN!.Value, 9);
            }

            // Wider kernels see less structure: the MI falls as σ grows.
            Assert.True(scan[0].Value.Nats > scan[1].Value.Nats && scan[1].Value.Nats > scan[2].Value.Nats);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(double.NaN)]
    [InlineData(1e4)]
    public void WidthScanRejectsFactorsOutsideItsRange(double factor)
    {
        var x = TestData.Gaussian(20, 1, 1);
        var e = Assert.Throws<ArgumentException>(() => new MatrixRenyiMutualInformation().EstimateAcrossWidths(x, x, [1, factor]));
        Assert.Equal("factors", e.ParamName);
        Assert.Contains("factors[1]", e.Message);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() => new MatrixRenyiMutualInformation().EstimateAcrossWidths(x, x, [])).ParamName);
    }
}
