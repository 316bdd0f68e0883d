using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InfoTheory.Tests.Classical;

/// <summary>The Gaussian fit and the Kolchinsky–Tracey bounds.</summary>
public class GaussianFitAndBoundsTests
{
    /// <summary>
    /// Gaussian data, N = 4000, d = 2–4 (X the first coordinate, Y the rest): the fitted entropy is within 4 of its asymptotic standard errors √(d/(2N)) of the
    /// closed form (its bias, ≈ −d(d+1)/(4N) ≤ 0.0013 nats here, is far below that).
    /// </summary>
    [Property(MaxTest = 20)]
    public Property FittedEntropyAndMutualInformationMatchTheClosedForms() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            int d = 2 + Math.Abs(seed % 3);
            var mvn = new MultivariateNormal(new double[d], KdeTests.RandomCovariance(d, seed));
            var joint = mvn.Sample(4000, seed);
            var h = Entropy.GaussianFit(joint);
            var (x, y) = ClassicalReferenceTests.Split(joint, 1);
            var mi = MutualInformation.GaussianFit(x, y);
            double trueMi = mvn.MutualInformation(1).Nats;
            // MI: 4 delta-method SEs, plus its χ² bias d_X·d_Y/(2N) and a floor for ρ ≈ 0 where the SE vanishes.
            double miTolerance = 4 * mi.StandardError!.Value.Nats + (d - 1) / 8000.0 + 0.005;
            return (Math.Abs(h.Value.Nats - mvn.Entropy().Nats) <= 4 * h.StandardError!.Value.Nats
                    && Math.Abs(mi.Value.Nats - trueMi) <= miTolerance)
                .Label($"d={d} h={h.Value.Nats} vs {mvn.Entropy().Nats}; mi={mi.Value.Nats} vs {trueMi}");
        });

    /// <summary>
    /// N = 12, d = 3, 2000 seeded data sets: the plain fit is biased low by ½·(Σ_k ψ((N−k)/2) + d·ln(2/(N−1))) = −0.30 nats;
    /// the bias-corrected mean must be within 4 standard errors of the mean (≈ 0.009 each) of the truth, the plain one not.
    /// </summary>
    [Fact]
    public void BiasCorrectionRemovesTheSmallSampleBias()
    {
        var mvn = new MultivariateNormal(new double[3], KdeTests.RandomCovariance(3, 42));
        double truth = mvn.Entropy().Nats;
        var plain = new GaussianFitEntropy();
        var corrected = new GaussianFitEntropy(new GaussianFitOptions { BiasCorrected = true });
        var p = new double[2000];
        var c = new double[2000];
        for (int s = 0; s < p.Length; s++)
        {
            var x = mvn.Sample(12, s);
            p[s] = plain.Estimate(x).Value.Nats;
            c[s] = corrected.Estimate(x).Value.Nats;
        }

        double se = Math.Sqrt(c.Sum(v => (v - c.Average()) * (v - c.Average())) / (c.Length - 1) / c.Length);
        Assert.InRange(c.Average() - truth, -4 * se, 4 * se);
        double expectedBias = 0.5 * (SpecialFunctions.Digamma(5.5) + SpecialFunctions.Digamma(5)
            + SpecialFunctions.Digamma(4.5) + 3 * Math.Log(2.0 / 11));
        Assert.InRange(p.Average() - truth, expectedBias - 4 * se, expectedBias + 4 * se);
        Assert.True(expectedBias < -0.25);
    }

    [Fact]
    public void WorkedTwoPointCaseAndDivisors()
    {
        // x = (0, 2, 4): mean 2, Σ(x − x̄)² = 8 → variance 4 (N − 1) or 8/3 (N).
        var x = Samples.FromColumn(new double[] { 0, 2, 4 });
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * 4), Entropy.GaussianFit(x).Value.Nats, 14);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * 8 / 3),
            Entropy.GaussianFit(x, new GaussianFitOptions { Covariance = CovarianceDivisor.MaximumLikelihood }).Value.Nats, 14);
        Assert.Equal(Math.Sqrt(1 / 6.0), Entropy.GaussianFit(x).StandardError!.Value.Nats, 14);
    }

    [Fact]
    public void MutualInformationIsInvariantToTheDivisorAndToAffineMapsOfEachSide()
    {
        var x = TestData.Gaussian(300, 2, 1);
        var y = TestData.Dependent(x, 2, 2);
        double mi = MutualInformation.GaussianFit(x, y).Value.Nats;
        Assert.Equal(mi, MutualInformation.GaussianFit(x, y, new GaussianFitOptions { Covariance = CovarianceDivisor.MaximumLikelihood }).Value.Nats, 12);
        var x2 = new Samples(x.ToArray().Select((v, i) => i % 2 == 0 ? 5 * v + 3 : v - 2 * x[i / 2, 0]).ToArray(), 2);
        Assert.Equal(mi, MutualInformation.GaussianFit(x2, y).Value.Nats, 10);
    }

    [Fact]
    public void SingularCovarianceExplainsWhichColumns()
    {
        var e = Assert.Throws<ArgumentException>(() => Entropy.GaussianFit(new Samples(new double[] { 1, 7, 2, 7, 3, 7, 0, 7 }, 2)));
        Assert.Contains("column 1 is constant", e.Message);
        var dup = new Samples(new double[] { 1, 1, 2, 2, 3, 3, 5, 5 }, 2);
        e = Assert.Throws<ArgumentException>(() => Entropy.GaussianFit(dup));
        Assert.Contains("column 1 is (numerically) a linear combination", e.Message);
        e = Assert.Throws<ArgumentException>(() => MutualInformation.GaussianFit(Samples.FromColumn(new double[] { 1, 2, 3, 5 }), Samples.FromColumn(new double[] { 2, 4, 6, 10 })));
        Assert.Contains("(x, y)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Entropy.GaussianFit(new Samples(new double[] { 1, 2, 3, 4 }, 2)));
        Assert.Contains("at least 3", e.Message);
    }

    [Fact]
    public void KolchinskyTraceyHandCheckableCases()
    {
        // One point: 0.
        var one = new Samples(new double[] { 0.3, -0.2 }, 2);
        var b1 = MutualInformation.KolchinskyTracey(one, 0.1);
        Assert.Equal(0, b1.Lower.Value.Nats);
        Assert.Equal(0, b1.Upper.Value.Nats);
        // Two points far apart (distance 100, σ² = 1): both bounds ln 2.
        var far = new Samples(new double[] { 0, 0, 100, 0 }, 2);
        var b2 = MutualInformation.KolchinskyTracey(far, 1);
        Assert.Equal(Math.Log(2), b2.Lower.Value.Nats, 15);
        Assert.Equal(Math.Log(2), b2.Upper.Value.Nats, 15);
        // Two points at distance δ: I = ln 2 − ln(1 + exp(−δ²/(2σ²))) (upper), with 8σ² (lower).
        var near = new Samples(new double[] { 0, 1 }, 1);
        var b3 = new KolchinskyTracey(0.5).Estimate(near);
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-1.0)), b3.Upper.Value.Nats, 15);
        Assert.Equal(Math.Log(2) - Math.Log(1 + Math.Exp(-0.25)), b3.Lower.Value.Nats, 15);
        // Identical points carry no information.
        var same = new Samples(new double[] { 1, 1, 1, 1, 1, 1 }, 2);
        Assert.Equal(0, MutualInformation.KolchinskyTracey(same, 0.01).Upper.Value.Nats, 15);
    }

    [Property(MaxTest = 60)]
    public Property BoundsAreOrderedAndWithinZeroAndLnN() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var r = new Random(seed);
            int n = 1 + r.Next(120), d = 1 + r.Next(6);
            var h = new Samples(TestData.Gaussian(n, d, seed).ToArray().Select(Math.Tanh).ToArray(), d);
            double s2 = Math.Pow(10, -3 + 4 * r.NextDouble());
            var b = MutualInformation.KolchinskyTracey(h, s2);
            double lo = b.Lower.Value.Nats, hi = b.Upper.Value.Nats;
            // The lower bound uses the Bhattacharyya distance = KL/4 ≤ KL, so lower ≤ upper term by term.
            var order = Enumerable.Range(0, n).ToArray();
            r.Shuffle(order);
            double permuted = MutualInformation.KolchinskyTracey(h.Select(order), s2).Upper.Value.Nats;
            return (lo >= 0 && lo <= hi && hi <= Math.Log(n) + 1e-12 && Math.Abs(permuted - hi) < 1e-10)
                .Label($"n={n} lower={lo} upper={hi}");
        });

    [Fact]
    public void BoundsShrinkAsNoiseGrows()
    {
        var h = new Samples(TestData.Gaussian(100, 3, 4).ToArray().Select(Math.Tanh).ToArray(), 3);
        var values = new[] { 1e-3, 1e-2, 1e-1, 1, 10 }.Select(s2 => MutualInformation.KolchinskyTracey(h, s2).Upper.Value.Nats).ToArray();
        Assert.True(values.Zip(values.Skip(1)).All(p => p.Second < p.First), string.Join(", ", values));
    }

    [Fact]
    public void LabelInformationIsTheDifferenceOfBoundsPerClass()
    {
        // Two classes far apart, each a tight cluster: I(T;Y) = ln 2 for both bounds.
        var h = new Samples(new double[] { 0, 0.001, 0.002, 50, 50.001, 50.002 }, 1);
        var b = new KolchinskyTracey(1).LabelInformation(h, [0, 0, 0, 1, 1, 1]);
        Assert.Equal(Math.Log(2), b.Upper.Value.Nats, 6);
        Assert.Equal(Math.Log(2), b.Lower.Value.Nats, 6);
        Assert.Throws<ArgumentException>(() => new KolchinskyTracey(1).LabelInformation(h, [0, 1]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NoiseVarianceMustBePositive(double s2)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new KolchinskyTracey(s2));
        Assert.Equal("NoiseVariance", e.ParamName);
        Assert.Contains("must be a finite number greater than 0", e.Message);
    }
}
