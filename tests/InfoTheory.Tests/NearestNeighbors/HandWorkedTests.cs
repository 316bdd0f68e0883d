namespace InfoTheory.Tests.NearestNeighbors;

/// <summary>Small cases worked by hand, and the laws every estimate obeys (permutation, duplicates, SE).</summary>
public class HandWorkedTests
{
    private static readonly KnnOptions Exact = new() { K = 1, TieJitter = 0 };

    [Fact]
    public void KozachenkoLeonenko_FourPointsOnALine()
    {
        // x = 0, 1, 3, 6; k = 1: ρ = 1, 1, 2, 3. H = ψ(4) − ψ(1) + ln 2 + ¼·(ln 1 + ln 1 + ln 2 + ln 3)
        //   = (1 + 1/2 + 1/3) + ln 2 + ¼·ln 6 (V₁ = 2 for both norms: the unit "ball" is [−1, 1]).
        var x = Samples.FromColumn(new double[] { 0, 1, 3, 6 });
        double expected = 1 + 0.5 + 1.0 / 3 + Math.Log(2) + Math.Log(6) / 4;
        Assert.Equal(expected, Entropy.KozachenkoLeonenko(x, Exact).Value.Nats, 14);
        Assert.Equal(expected, Entropy.KozachenkoLeonenko(x, Exact with { Norm = KnnNorm.Max }).Value.Nats, 14);
        // k = 2: ρ₂ = 3, 2, 3, 5 (second-nearest of 0 is 3, of 1 is 3, of 3 is 6, of 6 is 1); H = ψ(4) − ψ(2) + ln 2 + ¼·ln 90.
        Assert.Equal(0.5 + 1.0 / 3 + Math.Log(2) + Math.Log(90) / 4,
            Entropy.KozachenkoLeonenko(x, Exact with { K = 2 }).Value.Nats, 14);
    }

    [Fact]
    public void KozachenkoLeonenko_BallVolumeConvention()
    {
        // Four corners of a unit square, k = 1: every ρ = 1 in both norms, so H = ψ(4) − ψ(1) + ln V₂:
        // ln 4 (max-norm square [−1, 1]²) or ln π (Euclidean disc).
        var square = new Samples(new double[] { 0, 0, 1, 0, 0, 1, 1, 1 }, 2);
        double psi = 1 + 0.5 + 1.0 / 3;
        Assert.Equal(psi + Math.Log(4), Entropy.KozachenkoLeonenko(square, Exact with { Norm = KnnNorm.Max }).Value.Nats, 14);
        Assert.Equal(psi + Math.Log(Math.PI), Entropy.KozachenkoLeonenko(square, Exact).Value.Nats, 14);
    }

    [Fact]
    public void Ksg1_FourPoints()
    {
        // (x, y) = (0,0), (1,2), (3,1), (6,5); k = 1, max-norm. Joint ε = 2, 2, 2, 4; strict counts nₓ = 1, 1, 0, 1 and
        // n_y = 1, 1, 2, 1. I = ψ(1) + ψ(4) − ¼·Σ[ψ(nₓ + 1) + ψ(n_y + 1)] = 11/6 − 15/8 = −1/24 (the γ's cancel).
        var x = Samples.FromColumn(new double[] { 0, 1, 3, 6 });
        var y = Samples.FromColumn(new double[] { 0, 2, 1, 5 });
        foreach (var search in new[] { NeighborSearch.KdTree, NeighborSearch.BruteForce })
        {
            var e = MutualInformation.Ksg(x, y, new KsgOptions { K = 1, TieJitter = 0, Search = search });
            Assert.Equal(-1.0 / 24, e.Value.Nats, 14);
        }
    }

    [Fact]
    public void StandardError_IsStdOfTermsOverRootN()
    {
        // Line 0, 1, 3, 6 with k = 1: the terms differ only by ln ρ = 0, 0, ln 2, ln 3.
        var x = Samples.FromColumn(new double[] { 0, 1, 3, 6 });
        double[] logs = [0, 0, Math.Log(2), Math.Log(3)];
        double mean = logs.Average();
        double sd = Math.Sqrt(logs.Sum(v => (v - mean) * (v - mean)) / 3);
        var e = Entropy.KozachenkoLeonenko(x, Exact);
        Assert.Equal(sd / 2, e.StandardError!.Value.Nats, 14);
        Assert.Equal(4, e.SampleCount);
        var ci = e.ConfidenceInterval(0.95);
        Assert.True(ci.Contains(e.Value));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void PermutationInvariance(int seed)
    {
        var (x, y, _) = KnnTestData.CorrelatedPairs(500, 2, 0.6, seed);
        var order = Enumerable.Range(0, 500).ToArray();
        new Random(seed + 100).Shuffle(order);
        Samples Px(Samples s) => s.Select(order);
        var o = new KsgOptions { TieJitter = 0 };
        Assert.Equal(MutualInformation.Ksg(x, y, o).Value.Nats, MutualInformation.Ksg(Px(x), Px(y), o).Value.Nats, 12);
        Assert.Equal(MutualInformation.Ksg(x, y, o with { Variant = KsgVariant.Two }).Value.Nats,
            MutualInformation.Ksg(Px(x), Px(y), o with { Variant = KsgVariant.Two }).Value.Nats, 12);
        var e = new KnnOptions { TieJitter = 0 };
        Assert.Equal(Entropy.KozachenkoLeonenko(x, e).Value.Nats, Entropy.KozachenkoLeonenko(Px(x), e).Value.Nats, 12);
        Assert.Equal(Entropy.WeightedKozachenkoLeonenko(x, e).Value.Nats, Entropy.WeightedKozachenkoLeonenko(Px(x), e).Value.Nats, 12);
        Assert.Equal(Divergence.KullbackLeibler(x, y, e).Value.Nats, Divergence.KullbackLeibler(Px(x), y, e).Value.Nats, 12);
    }

    [Fact]
    public void DuplicateRows_GiveFiniteValuesWithATiesWarningAndNoStandardError()
    {
        // Every row repeated 5 times (k = 3 neighbors all at distance 0): the default jitter keeps logs finite, and the
        // estimate says that it measures the jitter.
        var random = new Random(4);
        var rows = Enumerable.Range(0, 100).SelectMany(_ => Enumerable.Repeat(new[] { random.NextDouble(), random.NextDouble() }, 5)).ToList();
        var x = Samples.FromRows(rows);
        var y = Samples.FromRows(rows.Select(r => new[] { r[0] + r[1] }).ToList());
        var q = TestData.Gaussian(300, 2, 5);
        foreach (var e in new[]
        {
            Entropy.KozachenkoLeonenko(x), Entropy.WeightedKozachenkoLeonenko(x),
            MutualInformation.Ksg(x, y), MutualInformation.Ksg(x, y, 3, KsgVariant.Two),
            MutualInformation.KozachenkoLeonenko(x, y), Divergence.KullbackLeibler(x, q),
            MutualInformation.KsgConditional(x, y, y),
        })
        {
            Assert.True(double.IsFinite(e.Value.Nats), $"{e}");
            Assert.Null(e.StandardError);
            // One warning per space where the k-th neighbor is a copy (the MI from entropies has three).
            Assert.NotEmpty(e.Warnings);
            Assert.All(e.Warnings, w => Assert.Equal("ties", w.Code));
            Assert.Contains("500 of 500 observations", e.Warnings[0].Message);
            Assert.Contains("largest repeat count 5", e.Warnings[0].Message);
        }

        // KSG counts are finite without jitter too, and still warned about.
        var exact = MutualInformation.Ksg(x, y, new KsgOptions { TieJitter = 0 });
        Assert.True(double.IsFinite(exact.Value.Nats));
        Assert.Contains("TieJitter = 0", Assert.Single(exact.Warnings).Message);
        // Without jitter, a log of a zero distance is refused, not returned as −∞.
        var error = Assert.Throws<ArgumentException>(() => Entropy.KozachenkoLeonenko(x, new KnnOptions { TieJitter = 0 }));
        Assert.Contains("duplicate", error.Message);
        Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(x, q, new KnnOptions { TieJitter = 0 }));
    }

    [Fact]
    public void Jitter_IsSeededAndTiny()
    {
        var (x, y, _) = KnnTestData.CorrelatedPairs(300, 1, 0.5, 9);
        var a = MutualInformation.Ksg(x, y, new KsgOptions { Seed = 1 });
        var b = MutualInformation.Ksg(x, y, new KsgOptions { Seed = 1 });
        var exact = MutualInformation.Ksg(x, y, new KsgOptions { TieJitter = 0 });
        Assert.Equal(a.Value.Nats, b.Value.Nats);
        Assert.Equal(exact.Value.Nats, a.Value.Nats, 12); // continuous data: 1e-10 noise changes no count
    }

    [Fact]
    public void FloatSamples_EqualDoubleSamples()
    {
        var values = Enumerable.Range(0, 600).Select(i => (float)Math.Sin(i * 0.37) * 3).ToArray();
        var f = new Samples(values, 2);
        var d = new Samples(values.Select(v => (double)v).ToArray(), 2);
        Assert.Equal(Entropy.KozachenkoLeonenko(d).Value.Nats, Entropy.KozachenkoLeonenko(f).Value.Nats);
    }
}
