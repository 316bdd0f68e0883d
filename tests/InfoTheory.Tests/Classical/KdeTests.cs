using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InfoTheory.Tests.Classical;

/// <summary>Closed forms, invariances, bandwidth rules and bad input for the Gaussian KDE entropy and MI.</summary>
public class KdeTests
{
    /// <summary>∫₀^∞ −ln Φ(t) dt (scipy.integrate.quad of −norm.logcdf): the boundary-bias constant below.</summary>
    private const double BoundaryIntegral = 0.4775353398079473;

    internal static double[,] RandomCovariance(int d, int seed)
    {
        var r = new Random(seed);
        var a = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                a[i, j] = RandomDraws.StandardNormal(r);
            }
        }

        var c = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double s = i == j ? 0.1 : 0;
                for (int k = 0; k < d; k++)
                {
                    s += a[i, k] * a[j, k];
                }

                c[i, j] = s;
            }
        }

        return c;
    }

    /// <summary>
    /// Gaussian data, N = 2000, d = 1–3, random covariance. For Gaussian data the KDE with H = h²Σ has mean density
    /// N(μ, (1 + h²)Σ) =: p_s, so in expectation the leave-one-out estimate −(1/N)Σ ln p̂₋ᵢ(xᵢ) is at least the
    /// cross-entropy −E ln p_s(X) (Jensen) ≥ the true entropy (Gibbs); above, it is held to the entropy of p_s,
    /// h + (d/2)·ln(1 + h²) (0.02–0.16 nats here). Both up to sampling error: 4 standard errors (the estimator's own,
    /// ≈ 0.02–0.03). Resubstitution is below leave-one-out (self term) by at most ≈ 0.1·d here.
    /// </summary>
    [Property(MaxTest = 9)]
    public Property ConvergesToTheGaussianEntropy() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            int d = 1 + Math.Abs(seed % 3);
            var mvn = new MultivariateNormal(new double[d], RandomCovariance(d, seed));
            var x = mvn.Sample(2000, seed);
            double truth = mvn.Entropy().Nats;
            var loo = Entropy.Kde(x, new KdeOptions { LeaveOneOut = true });
            var resub = Entropy.Kde(x);
            double h = loo.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0], se = loo.StandardError!.Value.Nats;
            double smoothing = 0.5 * d * Math.Log(1 + h * h);
            return (loo.Value.Nats >= truth - 4 * se && loo.Value.Nats <= truth + smoothing + 4 * se
                    && resub.Value.Nats <= loo.Value.Nats && resub.Value.Nats >= truth - 0.1 * d - 4 * se)
                .Label($"d={d} truth={truth} loo={loo.Value.Nats} resub={resub.Value.Nats} se={se}");
        });

    /// <summary>
    /// Uniform on [0, 3]^d and Exp(λ = 2). The kernel spills mass over each boundary: near a boundary where the density is
    /// p₀, p̂(x) ≈ p₀·Φ(x/s) with s = h·σ̂, which raises the entropy by p₀·s·∫₀^∞ −ln Φ(t) dt per boundary (a first-order
    /// calculation). The estimate must match truth + that bias to 4 standard errors + 0.01 (second-order terms).
    /// </summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    public void UniformEntropyWithItsBoundaryBias(int d, int seed)
    {
        var r = new Random(seed);
        const int n = 2000;
        const double a = 3;
        var x = new Samples(Enumerable.Range(0, n * d).Select(_ => a * r.NextDouble()).ToArray(), d);
        var estimate = Entropy.Kde(x, new KdeOptions { LeaveOneOut = true });
        double s = Math.Pow(n, -1.0 / (d + 4)) * a / Math.Sqrt(12);
        double bias = 2 * d * (1 / a) * s * BoundaryIntegral;
        double truth = d * Math.Log(a);
        Assert.InRange(estimate.Value.Nats - truth - bias, -4 * estimate.StandardError!.Value.Nats - 0.01,
            4 * estimate.StandardError!.Value.Nats + 0.01);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void ExponentialEntropyWithItsBoundaryBias(int seed)
    {
        var r = new Random(seed);
        const double lambda = 2;
        var x = Samples.FromColumn(Enumerable.Range(0, 2000).Select(_ => -Math.Log(1 - r.NextDouble()) / lambda).ToArray());
        var estimate = Entropy.Kde(x);
        double s = estimate.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0] / lambda; // σ = 1/λ
        double expected = 1 - Math.Log(lambda) + lambda * s * BoundaryIntegral;
        double se = estimate.StandardError!.Value.Nats;
        Assert.InRange(estimate.Value.Nats - expected, -4 * se - 0.01, 4 * se + 0.01);
    }

    [Property(MaxTest = 30)]
    public Property CovarianceScaledKdeIsAffineEquivariant() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var r = new Random(seed);
            int d = 1 + Math.Abs(seed % 3), n = 30 + r.Next(150);
            var x = TestData.Gaussian(n, d, seed);
            var a = RandomCovariance(d, seed + 1); // SPD → invertible
            var b = Enumerable.Range(0, d).Select(_ => 10 * r.NextDouble()).ToArray();
            var y = new double[n * d];
            for (int i = 0; i < n; i++)
            {
                for (int k = 0; k < d; k++)
                {
                    double v = b[k];
                    for (int j = 0; j < d; j++)
                    {
                        v += a[k, j] * x[i, j];
                    }

                    y[i * d + k] = v;
                }
            }

            double logDet = Math.Log(Math.Abs(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Determinant()));
            var options = new KdeOptions { LeaveOneOut = r.Next(2) == 0, Rule = r.Next(2) == 0 ? KdeBandwidthRule.Scott : KdeBandwidthRule.Silverman };
            double hx = Entropy.Kde(x, options).Value.Nats, hy = Entropy.Kde(new Samples(y, d), options).Value.Nats;
            return (Math.Abs(hy - (hx + logDet)) < 1e-8).Label($"hx={hx} hy={hy} ln|det A|={logDet}");
        });

    [Fact]
    public void DiagonalScalingIsEquivariantUnderPerColumnScalingOnly()
    {
        var x = TestData.Dependent(TestData.Gaussian(300, 2, 5), 2, 6);
        var options = new KdeOptions { Scaling = KdeScaling.Diagonal };
        var scaled = new Samples(x.ToArray().Select((v, i) => i % 2 == 0 ? 3 * v - 1 : -0.5 * v + 2).ToArray(), 2);
        Assert.Equal(Entropy.Kde(x, options).Value.Nats + Math.Log(3 * 0.5), Entropy.Kde(scaled, options).Value.Nats, 9);
        // With correlated columns the diagonal kernel differs from the full-covariance one.
        Assert.NotEqual(Entropy.Kde(x).Value.Nats, Entropy.Kde(x, options).Value.Nats, 3);
    }

    [Property(MaxTest = 30)]
    public Property InvariantToSamplePermutationAndResubstitutionIsBelowLeaveOneOut() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var r = new Random(seed);
            var x = TestData.Dependent(TestData.Gaussian(20 + r.Next(600), 2, seed), 2, seed + 1, noise: 0.2);
            var order = Enumerable.Range(0, x.Count).ToArray();
            r.Shuffle(order);
            double h = Entropy.Kde(x).Value.Nats, hp = Entropy.Kde(x.Select(order)).Value.Nats;
            double loo = Entropy.Kde(x, new KdeOptions { LeaveOneOut = true }).Value.Nats;
            return Math.Abs(h - hp) < 1e-10 && h <= loo;
        });

    [Fact]
    public void BandwidthRules()
    {
        var x = TestData.Gaussian(500, 3, 1);
        Assert.Equal(Math.Pow(500, -1.0 / 7), Entropy.Kde(x).DiagnosticsAs<KdeDiagnostics>().Bandwidths[0], 14);
        Assert.Equal(Math.Pow(4.0 / 5, 1.0 / 7) * Math.Pow(500, -1.0 / 7),
            Entropy.Kde(x, new KdeOptions { Rule = KdeBandwidthRule.Silverman }).DiagnosticsAs<KdeDiagnostics>().Bandwidths[0], 14);
        Assert.Equal(0.7, Entropy.Kde(x, new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = 0.7 }).DiagnosticsAs<KdeDiagnostics>().Bandwidths[0]);
    }

    [Fact]
    public void LikelihoodBandwidthMinimisesTheLeaveOneOutEntropy()
    {
        // Σ ln p̂₋ᵢ(xᵢ) is −N × the leave-one-out entropy, so the ML factor must give the smallest LOO entropy nearby.
        var x = TestData.Dependent(TestData.Gaussian(400, 2, 3), 2, 4, noise: 0.1);
        var kde = new KdeEntropy(new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood, LeaveOneOut = true });
        var best = kde.Estimate(x);
        double scott = Math.Pow(400, -1.0 / 6);
        Assert.InRange(best.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0], 0.05 * scott, 2 * scott);
        Assert.Equal(best.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0], kde.SelectBandwidth(x));
        foreach (double f in new[] { 0.9, 1.1 })
        {
            var other = Entropy.Kde(x, new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = best.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0] * f, LeaveOneOut = true });
            Assert.True(best.Value.Nats <= other.Value.Nats, $"h={best.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0]}: {best.Value.Nats} > {other.Value.Nats} at ×{f}");
        }
    }

    /// <summary>
    /// Both kernel-sum paths (fused SIMD for d ≤ 32, <c>PairwiseDistances</c> rows above) against a plain double loop with
    /// Math.Exp, at sizes that leave vector tails (N not a multiple of 8), serial and parallel.
    /// </summary>
    [Theory]
    [InlineData(1, 37)]
    [InlineData(3, 601)]
    [InlineData(40, 203)]
    public void KernelSumsMatchANaiveDoubleLoop(int d, int n)
    {
        var x = TestData.Dependent(TestData.Gaussian(n, d, d), d, n, noise: 0.5);
        const double factor = 0.4;
        var sd = new double[d];
        for (int k = 0; k < d; k++)
        {
            double mean = Enumerable.Range(0, n).Average(i => x[i, k]);
            sd[k] = Math.Sqrt(Enumerable.Range(0, n).Sum(i => Math.Pow(x[i, k] - mean, 2)) / (n - 1));
        }

        foreach (bool leaveOneOut in new[] { false, true })
        {
            double expected = 0;
            for (int i = 0; i < n; i++)
            {
                double sum = 0;
                for (int j = 0; j < n; j++)
                {
                    if (leaveOneOut && j == i)
                    {
                        continue;
                    }

                    double q = 0;
                    for (int k = 0; k < d; k++)
                    {
                        q += Math.Pow((x[i, k] - x[j, k]) / (factor * sd[k]), 2);
                    }

                    sum += Math.Exp(-q / 2);
                }

                double logNorm = Enumerable.Range(0, d).Sum(k => Math.Log(factor * sd[k])) + 0.5 * d * Math.Log(2 * Math.PI);
                expected -= (Math.Log(sum / (leaveOneOut ? n - 1 : n)) - logNorm) / n;
            }

            foreach (bool parallel in new[] { false, true })
            {
                var options = new KdeOptions
                {
                    Rule = KdeBandwidthRule.Fixed,
                    Factor = factor,
                    Scaling = KdeScaling.Diagonal,
                    LeaveOneOut = leaveOneOut,
                    Parallel = parallel,
                };
                Assert.Equal(expected, Entropy.Kde(x, options).Value.Nats, 11);
            }
        }

        // The Kolchinsky–Tracey upper bound on the same rows, σ² = 2: ln N − mean ln Σⱼ exp(−‖xᵢ − xⱼ‖²/4).
        double upper = 0;
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int j = 0; j < n; j++)
            {
                double q = 0;
                for (int k = 0; k < d; k++)
                {
                    q += Math.Pow(x[i, k] - x[j, k], 2);
                }

                sum += Math.Exp(-q / 4);
            }

            upper += (Math.Log(n) - Math.Log(sum)) / n;
        }

        Assert.Equal(upper, MutualInformation.KolchinskyTracey(x, 2).Upper.Value.Nats, 11);
    }

    [Fact]
    public void DuplicatedRowsStayFiniteAndPushTheLikelihoodBandwidthToTheBracketEnd()
    {
        // Every row twice: the leave-one-out likelihood grows without bound as h → 0, so the search stops at 0.05·h_Scott.
        var once = TestData.Gaussian(150, 2, 12);
        var twice = once.Select(Enumerable.Range(0, 300).Select(i => i / 2).ToArray());
        var estimate = Entropy.Kde(twice, new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood, LeaveOneOut = true });
        Assert.InRange(Math.Log(estimate.DiagnosticsAs<KdeDiagnostics>().Bandwidths[0] / (0.05 * Math.Pow(300, -1.0 / 6))), 0, 2e-3);
        Assert.True(double.IsFinite(estimate.Value.Nats));
        Assert.True(double.IsFinite(Entropy.Kde(twice).Value.Nats));
    }

    [Fact]
    public void FarOutlierDoesNotUnderflowLeaveOneOut()
    {
        // s = h·σ̂ is tiny beside the outlier's distance (~ 2000 widths): exp underflows; the log-sum-exp path is exact.
        double[] values = [0, 0.1, 0.2, 100];
        var x = Samples.FromColumn(values);
        const double h = 0.001;
        var estimate = Entropy.Kde(x, new KdeOptions { Rule = KdeBandwidthRule.Fixed, Factor = h, LeaveOneOut = true });
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 3);
        double s = h * sd;
        double expected = 0;
        for (int i = 0; i < 4; i++)
        {
            var exponents = Enumerable.Range(0, 4).Where(j => j != i).Select(j => -Math.Pow(values[i] - values[j], 2) / (2 * s * s)).ToArray();
            double m = exponents.Max();
            double lse = m + Math.Log(exponents.Sum(e => Math.Exp(e - m)));
            expected -= (Math.Log(1.0 / 3) - 0.5 * Math.Log(2 * Math.PI * s * s) + lse) / 4;
        }

        Assert.True(double.IsFinite(estimate.Value.Nats));
        Assert.Equal(expected, estimate.Value.Nats, 6);
    }

    [Fact]
    public void FloatAndDoubleInputAgree()
    {
        var x = TestData.Gaussian(200, 2, 9);
        var f = new Samples(x.ToArray().Select(v => (float)v).ToArray(), 2);
        var xd = new Samples(f.ToArray(), 2);
        Assert.Equal(Entropy.Kde(xd).Value.Nats, Entropy.Kde(f).Value.Nats, 12);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void MutualInformationOfABivariateGaussian(int seed)
    {
        var (x, y) = ClassicalReferenceTests.Split(MultivariateNormal.Bivariate(0.8).Sample(2000, seed), 1);
        double truth = -0.5 * Math.Log(1 - 0.64);
        var mi = MutualInformation.Kde(x, y);
        Assert.InRange(mi.Value.Nats - truth, -4 * mi.StandardError!.Value.Nats, 4 * mi.StandardError!.Value.Nats);
        // Independent: near 0 (the joint is smoothed more than the marginals: a small positive bias, 0.015–0.02 here).
        var independent = MutualInformation.Kde(x, TestData.Gaussian(2000, 1, seed + 50));
        Assert.InRange(independent.Value.Nats, -0.05, 0.05);
    }

    [Fact]
    public void BadInput()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Entropy.Kde(Samples.FromColumn(new[] { 1.0 })));
        Assert.Contains("at least 2", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Entropy.Kde(Samples.FromColumn(new[] { 1.0, double.PositiveInfinity, 2 })));
        Assert.Contains("observation 1, dimension 0", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Entropy.Kde(new Samples(new double[] { 1, 5, 2, 5, 3, 5 }, 2)));
        Assert.Contains("column 1 is constant", e3.Message);
        Assert.Contains("remove constant columns", e3.Message);
        var e4 = Assert.Throws<ArgumentException>(() => Entropy.Kde(new Samples(new double[] { 1, 2, 2, 4, 3, 6, 5, 10 }, 2)));
        Assert.Contains("linear combination", e4.Message);
        Assert.Contains("duplicate or collinear", e4.Message);
        Assert.Equal("samples", e4.ParamName);
        Assert.Throws<ArgumentException>(() => Entropy.Kde(new Samples(new double[] { 1, 5, 2, 5, 3, 5 }, 2), new KdeOptions { Scaling = KdeScaling.Diagonal }));
        var e5 = Assert.Throws<ArgumentOutOfRangeException>(() => new KdeOptions { Factor = 0 });
        Assert.Equal("Factor", e5.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new KdeOptions { SearchLow = -1 });
        Assert.Throws<ArgumentException>(() => Entropy.Kde(TestData.Gaussian(10, 1, 1),
            new KdeOptions { Rule = KdeBandwidthRule.LeaveOneOutLikelihood, SearchLow = 2, SearchHigh = 1 }));
        var e6 = Assert.Throws<ArgumentException>(() => MutualInformation.Kde(TestData.Gaussian(10, 1, 1), TestData.Gaussian(11, 1, 1)));
        Assert.Contains("x has 10 samples but y has 11", e6.Message);
    }
}
