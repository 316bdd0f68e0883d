namespace InfoTheory.Tests.MatrixRenyi;

public class BadInputTests
{
    private static readonly Samples Good = TestData.Gaussian(20, 2, 3);

    [Fact]
    public void NaNIsLocated()
    {
        var values = Good.ToArray();
        values[17 * 2 + 1] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(new Samples(values, 2)));
        Assert.Contains("NaN at observation 17, dimension 1", e.Message);
        Assert.Equal("samples", e.ParamName);
    }

    [Fact]
    public void InfinityIsLocatedInFloatInput()
    {
        var values = Good.ToArray().Select(v => (float)v).ToArray();
        values[3] = float.PositiveInfinity;
        var e = Assert.Throws<ArgumentException>(() => MutualInformation.MatrixRenyi(new Samples(values, 2), Good));
        Assert.Contains("observation 1, dimension 1", e.Message);
        Assert.Equal("x", e.ParamName);
    }

    [Fact]
    public void MismatchedCountsNameBothSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => MutualInformation.MatrixRenyi(Good, TestData.Gaussian(19, 2, 4)));
        Assert.Contains("x has 20 samples but y has 19", e.Message);
        Assert.Equal("y", e.ParamName);
    }

    [Fact]
    public void OneObservationIsTooFew()
    {
        var e = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(new Samples(new[] { 1.0, 2.0 }, 2)));
        Assert.Contains("at least 2", e.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void AlphaMustBePositive(double alpha)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.MatrixRenyi(Good, alpha));
        Assert.Equal("Alpha", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(double.PositiveInfinity)]
    public void SigmaMustBePositive(double sigma)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.Fixed(sigma));
        Assert.Equal("sigma", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.Silverman(sigma));
    }

    [Fact]
    public void PidNeedsTwoMaps()
    {
        var layer = TestData.Layer(Good, 1, 4, 5);
        var e = Assert.Throws<ArgumentException>(() => PartialInformation.Proxies(Good, layer));
        Assert.Contains("1 feature map", e.Message);
        Assert.Equal("layer", e.ParamName);
    }

    [Fact]
    public void GramOverBudgetIsRefusedBeforeAllocation()
    {
        var options = new MatrixRenyiOptions { MaxMemoryBytes = 1000 };
        var e = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(Good, options));
        Assert.Contains("N = 20 observations: ", e.Message);
        Assert.Contains("MaxMemoryBytes", e.Message);
    }

    [Fact]
    public void MedianRuleRefusesCoincidentData()
    {
        var x = new Samples(new double[] { 1, 1, 1, 1, 2 }, 1);
        var e = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(x, 1.01, Bandwidth.Median()));
        Assert.Contains("median pairwise distance is 0", e.Message);
    }
}
