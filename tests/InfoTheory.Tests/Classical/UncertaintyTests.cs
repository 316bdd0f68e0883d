namespace InfoTheory.Tests.Classical;

/// <summary>The bootstrap, subsampling and permutation wrappers.</summary>
public class UncertaintyTests
{
    /// <summary>
    /// Coverage of the 90% percentile bootstrap for the Gaussian-fit entropy of N(0, 1), N = 200: over 60 seeded data
    /// sets the interval must contain the truth at least 75% of the time (binomial: P(≤ 44 of 60 | p = 0.9) ≈ 0.1%; the
    /// percentile interval under-covers slightly at this N, so 0.9 is not demanded).
    /// </summary>
    [Fact]
    public void BootstrapCoversTheGaussianEntropy()
    {
        var mvn = new MultivariateNormal([0], new double[,] { { 1 } });
        double truth = mvn.Entropy().Nats;
        var estimator = new GaussianFitEntropy();
        int covered = 0;
        for (int s = 0; s < 60; s++)
        {
            var r = Bootstrap.ConfidenceInterval(estimator, mvn.Sample(200, 1000 + s), replicates: 200, level: 0.9, seed: s);
            covered += r.Interval.Contains(Information.FromNats(truth)) ? 1 : 0;
        }

        Assert.InRange(covered, 45, 60);
    }

    [Fact]
    public void BootstrapIsReproducibleAndItsSpreadMatchesTheAsymptoticError()
    {
        var x = TestData.Gaussian(400, 2, 7);
        var estimator = new GaussianFitEntropy();
        var a = Bootstrap.ConfidenceInterval(estimator, x, replicates: 300, seed: 11);
        var b = Bootstrap.ConfidenceInterval(estimator, x, replicates: 300, seed: 11);
        Assert.Equal(a.Replicates, b.Replicates);
        Assert.Equal(a.Interval, b.Interval);
        Assert.NotEqual(a.Replicates, Bootstrap.ConfidenceInterval(estimator, x, replicates: 300, seed: 12).Replicates);
        Assert.Equal(300, a.Replicates.Count);
        Assert.True(a.Interval.Low < a.Estimate && a.Estimate < a.Interval.High);
        // √(d/(2N)) = 0.05: the bootstrap SE should agree within 25%.
        Assert.InRange(a.StandardError.Nats, 0.0375, 0.0625);
    }

    [Fact]
    public void SubsamplingHasNoDuplicatesAndGivesAComparableInterval()
    {
        var x = TestData.Gaussian(400, 1, 8);
        var probe = new DuplicateProbe();
        var r = Bootstrap.SubsamplingInterval(probe, x, subsampleSize: 200, replicates: 50, seed: 3);
        Assert.All(r.Replicates, v => Assert.Equal(0, v.Nats)); // no subsample had a repeated row
        var withReplacement = Bootstrap.ConfidenceInterval(probe, x, replicates: 50, seed: 3);
        Assert.All(withReplacement.Replicates, v => Assert.True(v.Nats > 0)); // every bootstrap resample did

        var estimator = new GaussianFitEntropy();
        var sub = Bootstrap.SubsamplingInterval(estimator, x, 200, replicates: 400, seed: 1);
        var boot = Bootstrap.ConfidenceInterval(estimator, x, replicates: 400, seed: 1);
        Assert.True(sub.Interval.Low < sub.Estimate && sub.Estimate < sub.Interval.High);
        Assert.InRange(sub.Interval.Width / boot.Interval.Width, 0.6, 1.6);
    }

    [Fact]
    public void MutualInformationBootstrap()
    {
        var x = TestData.Gaussian(300, 1, 2);
        var y = TestData.Dependent(x, 1, 3, noise: 0.5);
        var r = Bootstrap.ConfidenceInterval(new DiscreteMutualInformation(), x, y, replicates: 20, seed: 1);
        Assert.Equal(20, r.Replicates.Count);
        var b = Bootstrap.ConfidenceInterval(new BinnedMutualInformation(new BinningOptions { Bins = 8 }), x, y, replicates: 100, seed: 1);
        Assert.True(b.Interval.Low.Nats > 0.1);
        var s = Bootstrap.SubsamplingInterval(new BinnedMutualInformation(new BinningOptions { Bins = 8 }), x, y, 150, replicates: 50, seed: 1);
        Assert.True(s.Interval.Low < s.Interval.High);
    }

    [Fact]
    public void PermutationTestDetectsDependence()
    {
        var x = TestData.Gaussian(200, 1, 4);
        var y = TestData.Dependent(x, 1, 5, noise: 0.5);
        var r = PermutationTest.Independence(new GaussianFitMutualInformation(), x, y, permutations: 199, seed: 1);
        Assert.Equal(1.0 / 200, r.PValue); // no permutation reaches the observed value
        Assert.Equal(199, r.Permutations);
        Assert.Equal(r.Null, PermutationTest.Independence(new GaussianFitMutualInformation(), x, y, permutations: 199, seed: 1).Null);
    }

    /// <summary>
    /// Under independence the p-value is uniform on {1/(B+1), …, 1}: over 200 independent data sets with B = 19, the
    /// proportion of p ≤ 0.25 should be ≈ 0.25 (binomial SD ≈ 0.031; accepted 0.13–0.37, 4 SD) and the mean ≈ 0.525.
    /// </summary>
    [Fact]
    public void PermutationPValuesAreUniformUnderIndependence()
    {
        var estimator = new BinnedMutualInformation(new BinningOptions { Bins = 4 });
        var p = new double[200];
        for (int s = 0; s < p.Length; s++)
        {
            var x = TestData.Gaussian(60, 1, 2 * s);
            var y = TestData.Gaussian(60, 1, 2 * s + 1);
            p[s] = PermutationTest.Independence(estimator, x, y, permutations: 19, seed: s).PValue;
        }

        Assert.All(p, v => Assert.InRange(v, 1.0 / 20, 1));
        Assert.InRange(p.Count(v => v <= 0.25) / 200.0, 0.13, 0.37);
        Assert.InRange(p.Average(), 0.45, 0.60);
    }

    [Fact]
    public void BadInput()
    {
        var x = TestData.Gaussian(20, 1, 1);
        var h = new GaussianFitEntropy();
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.ConfidenceInterval(h, x, replicates: 0));
        Assert.Equal("replicates", e1.ParamName);
        foreach (double level in new[] { 0, 1, -0.5, double.NaN, 1.5 })
        {
            var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.ConfidenceInterval(h, x, level: level));
            Assert.Equal("level", e2.ParamName);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.SubsamplingInterval(h, x, subsampleSize: 20));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.SubsamplingInterval(h, x, subsampleSize: 1));
        Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval(h, Samples.FromColumn(new double[] { 1 })));
        var mi = new GaussianFitMutualInformation();
        var e3 = Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval(mi, x, TestData.Gaussian(21, 1, 2)));
        Assert.Contains("x has 20 samples but y has 21", e3.Message);
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => PermutationTest.Independence(mi, x, x, permutations: 0));
        Assert.Equal("permutations", e4.ParamName);
        Assert.Throws<ArgumentException>(() => PermutationTest.Independence(mi, x, TestData.Gaussian(19, 1, 2)));
        // An estimator failure on a resample surfaces as the estimator's own exception, not an AggregateException.
        var constant = Samples.FromColumn(new double[] { 1, 1, 1, 2 });
        Assert.Throws<ArgumentException>(() => Bootstrap.ConfidenceInterval(h, constant, replicates: 50));
    }

    /// <summary>Returns the number of repeated rows (as nats, for counting): 0 for a sample without duplicates.</summary>
    private sealed class DuplicateProbe : IEntropyEstimator
    {
        public InformationEstimate Estimate(Samples samples) =>
            new(Information.FromNats(samples.Count - Enumerable.Range(0, samples.Count).Select(i => samples[i, 0]).Distinct().Count()));
    }
}
