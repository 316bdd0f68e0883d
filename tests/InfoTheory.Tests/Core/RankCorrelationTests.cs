namespace InfoTheory.Tests.Core;

public class RankCorrelationTests
{
    [Fact]
    public void TiesShareTheMeanOfTheirRanks()
    {
        Assert.Equal(new[] { 2, 3.5, 3.5, 1 }, RankCorrelation.Ranks([10, 20, 20, 5]));
        Assert.Equal(new[] { 2.0, 2, 2 }, RankCorrelation.Ranks([7, 7, 7]));
        Assert.Empty(RankCorrelation.Ranks([]));
    }

    [Fact]
    public void HandWorkedValues()
    {
        // No ties: ρ = 1 − 6Σd²/(n(n² − 1)); d = (0, −1, 1, 0), so 1 − 12/60.
        Assert.Equal(0.8, RankCorrelation.Spearman([1, 2, 3, 4], [1, 3, 2, 4]), 14);

        // Ties in y: ranks (1, 2, 3.5, 5, 3.5) against (1, …, 5), deviations from 3 give Σdxdy = 8, Σdx² = 10, Σdy² = 9.5.
        Assert.Equal(8 / Math.Sqrt(95), RankCorrelation.Spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 14);
    }

    [Fact]
    public void SameOrderIsOneReversedIsMinusOneWhateverTheScale()
    {
        double[] x = [0.3, 1.7, 0.9, 2.5, 2.4, 0.1];
        Assert.Equal(1.0, RankCorrelation.Spearman(x, x));
        Assert.Equal(1.0, RankCorrelation.Spearman(x, [.. x.Select(Math.Exp)]));
        Assert.Equal(-1.0, RankCorrelation.Spearman(x, [.. x.Select(v => -3 * v)]));
    }

    [Fact]
    public void ConstantSequenceHasNoCorrelation() =>
        Assert.True(double.IsNaN(RankCorrelation.Spearman([1, 2, 3], [4, 4, 4])));

    // Reference values: scipy 1.10.1 (Debian 12 python3-scipy), computed with
    //   /usr/bin/python3 -c "from scipy.stats import spearmanr; print(repr(spearmanr(X, Y).statistic))"
    // for the X and Y of each row (pasted as written here).
    [Theory]
    [InlineData(new[] { 0.12, 0.5, 0.5, 0.91, 0.33, 0.7, 0.7, 0.7, 0.05, 1.2 }, new[] { 2.0, 1.1, 3.4, 3.4, 0.2, 5.0, 4.1, 2.2, 0.9, 4.4 }, 0.7747504023720218)]
    [InlineData(new[] { 3.1, 4.1, 5.9, 2.6, 5.3, 5.8, 9.7, 9.3, 2.3, 8.4, 6.2, 6.4 }, new[] { 2.7, 1.8, 2.8, 1.8, 2.8, 4.5, 9.0, 4.5, 2.3, 5.3, 6.0, 2.8 }, 0.8445704238245623)]
    [InlineData(new[] { 1.0, 2, 3, 4, 5 }, new[] { 5.0, 6, 7, 8, 7 }, 0.8207826816681233)]
    public void MatchesScipy(double[] x, double[] y, double scipy) =>
        Assert.Equal(scipy, RankCorrelation.Spearman(x, y), 14);

    [Fact]
    public void BadInputNamesTheParameterAndTheFix()
    {
        var lengths = Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, 2, 3], [1, 2]));
        Assert.Equal("y", lengths.ParamName);
        Assert.Contains("same length", lengths.Message);

        var one = Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1], [1]));
        Assert.Equal("x", one.ParamName);
        Assert.Contains("at least 2", one.Message);

        var nan = Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([1, double.NaN, 3], [1, 2, 3]));
        Assert.Equal("x", nan.ParamName);
        Assert.Contains("x[1] is NaN", nan.Message);
        Assert.Equal("values", Assert.Throws<ArgumentException>(() => RankCorrelation.Ranks([double.PositiveInfinity])).ParamName);
    }
}
