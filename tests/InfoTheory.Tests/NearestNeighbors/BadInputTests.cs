namespace InfoTheory.Tests.NearestNeighbors;

/// <summary>Bad input is refused with an ArgumentException that names the parameter, the value and the fix.</summary>
public class BadInputTests
{
    private static readonly Samples Ten = TestData.Gaussian(10, 2, 1);
    private static readonly Samples TenY = TestData.Gaussian(10, 1, 2);

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void KBelowOne(int k)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => new KnnOptions { K = k });
        Assert.Contains($"k = {k}", e.Message);
        Assert.ThrowsAny<ArgumentException>(() => new KsgOptions { K = k });
        Assert.ThrowsAny<ArgumentException>(() => Entropy.KozachenkoLeonenko(Ten, k));
        Assert.ThrowsAny<ArgumentException>(() => MutualInformation.Ksg(Ten, TenY, k));
        Assert.ThrowsAny<ArgumentException>(() => Divergence.KullbackLeibler(Ten, Ten, k));
    }

    [Theory]
    [InlineData(10)]
    [InlineData(25)]
    public void KNotBelowN(int k)
    {
        var e = Assert.Throws<ArgumentException>(() => Entropy.KozachenkoLeonenko(Ten, k));
        Assert.Contains($"k = {k}", e.Message);
        Assert.Contains("10 observation", e.Message);
        Assert.Equal("k", e.ParamName); // k is what to change (the message names both)
        Assert.Throws<ArgumentException>(() => MutualInformation.Ksg(Ten, TenY, k));
        Assert.Throws<ArgumentException>(() => Entropy.WeightedKozachenkoLeonenko(Ten, k));
        Assert.Throws<ArgumentException>(() => MutualInformation.KsgConditional(Ten, TenY, TenY, new KsgOptions { K = k }));
        Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(Ten, Ten, k));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFinite(double bad)
    {
        var values = Ten.ToArray();
        values[7] = bad;
        var x = new Samples(values, 2);
        var e = Assert.Throws<ArgumentException>(() => Entropy.KozachenkoLeonenko(x));
        Assert.Contains("observation 3", e.Message);
        Assert.Throws<ArgumentException>(() => MutualInformation.Ksg(TestData.Gaussian(10, 2, 3), x));
        Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(Ten, x));
    }

    [Fact]
    public void MismatchedRows()
    {
        var e = Assert.Throws<ArgumentException>(() => MutualInformation.Ksg(Ten, TestData.Gaussian(11, 1, 3)));
        Assert.Contains("11", e.Message);
        Assert.Throws<ArgumentException>(() => MutualInformation.KozachenkoLeonenko(Ten, TestData.Gaussian(9, 1, 3)));
        Assert.Throws<ArgumentException>(() => MutualInformation.KsgConditional(Ten, TenY, TestData.Gaussian(9, 1, 3)));
    }

    [Fact]
    public void TooFewSamples()
    {
        var one = TestData.Gaussian(1, 2, 1);
        Assert.Throws<ArgumentException>(() => Entropy.KozachenkoLeonenko(one, 1));
        Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(Ten, TestData.Gaussian(2, 2, 1), 3));
    }

    [Fact]
    public void DivergenceDimensionsDiffer()
    {
        var e = Assert.Throws<ArgumentException>(() => Divergence.KullbackLeibler(Ten, TestData.Gaussian(10, 3, 1)));
        Assert.Contains("dimension 2", e.Message);
        Assert.Contains("dimension 3", e.Message);
        Assert.Equal("q", e.ParamName);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData(8, 2)]
    [InlineData(12, 3)]
    public void WeightedKozachenkoLeonenko_RefusesKTooSmallForD(int d, int k)
    {
        Assert.Equal(k + 1, WeightedKozachenkoLeonenkoEntropy.MinimumK(d));
        var x = TestData.Gaussian(50, d, 1);
        var e = Assert.Throws<ArgumentException>(() => Entropy.WeightedKozachenkoLeonenko(x, k));
        Assert.Contains($"k ≥ {k + 1}", e.Message);
        Assert.Contains($"d = {d}", e.Message);
        // One more neighbor is enough.
        Assert.True(double.IsFinite(Entropy.WeightedKozachenkoLeonenko(x, k + 1).Value.Nats));
    }

    [Fact]
    public void BadSettings()
    {
        Assert.ThrowsAny<ArgumentException>(() => new KnnOptions { TieJitter = -1 });
        Assert.ThrowsAny<ArgumentException>(() => new KsgOptions { TieJitter = double.NaN });
        Assert.ThrowsAny<ArgumentException>(() => new KsgOptions { Variant = (KsgVariant)3 });
        Assert.Throws<ArgumentException>(() => new KsgConditionalMutualInformation(new KsgOptions { Variant = KsgVariant.Two }));
        var e = Assert.Throws<ArgumentNullException>(() => new KnnOptions { Backend = null! });
        Assert.Equal("Backend", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => new KsgOptions { Backend = null! });
    }
}
