namespace InfoTheory.Tests.MatrixRenyi;

/// <summary><c>MatrixRenyiEntropy.EstimateSubsets</c>: shared Grams give exactly what the separate estimators give.</summary>
public class SubsetEstimateTests
{
    [Theory]
    [InlineData(1.01)]
    [InlineData(2.0)]
    [InlineData(0.5)]
    public void Subsets_equal_the_separate_entropies_and_mutual_informations(double alpha)
    {
        var x = TestData.Gaussian(90, 4, seed: 1);
        var t = TestData.Dependent(x, 3, seed: 2);
        var y = TestData.Dependent(t, 2, seed: 3);
        var options = new MatrixRenyiOptions { Alpha = alpha };
        var estimator = new MatrixRenyiEntropy(options);
        var all = estimator.EstimateSubsets([x, y, t], [[0], [1], [2], [0, 2], [2, 1], [0, 1, 2]]);

        Assert.Equal(6, all.Count);
        Assert.Equal(estimator.Estimate(x).Value.Nats, all[0].Value.Nats, 12);
        Assert.Equal(estimator.Estimate(y).Value.Nats, all[1].Value.Nats, 12);
        Assert.Equal(estimator.Estimate(t).Value.Nats, all[2].Value.Nats, 12);
        Assert.Equal(estimator.EstimateJoint(x, t).Value.Nats, all[3].Value.Nats, 12);
        Assert.Equal(estimator.EstimateJoint(x, y, t).Value.Nats, all[5].Value.Nats, 12);
        var mi = MatrixRenyiMutualInformation.FromEntropies(all[0].Value, all[2].Value, all[3].Value, x.Count);
        Assert.Equal(MutualInformation.MatrixRenyi(x, t, options).Value.Nats, mi.Nats, 12);
        Assert.Equal(3, all[0].DiagnosticsAs<RenyiDiagnostics>().Widths.Count);
    }

    [Fact]
    public void Bad_subsets_are_refused_with_the_fix()
    {
        var x = TestData.Gaussian(20, 2, seed: 1);
        var estimator = new MatrixRenyiEntropy();
        var ex = Assert.Throws<ArgumentException>(() => estimator.EstimateSubsets([x], [[0, 1]]));
        Assert.Equal("subsets", ex.ParamName);
        Assert.Contains("subsets[0] = [0, 1]", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => estimator.EstimateSubsets([x], [[]]));
        Assert.Throws<ArgumentException>(() => estimator.EstimateSubsets([x, x], [[1, 1]]));
        Assert.Throws<ArgumentException>(() => estimator.EstimateSubsets([], [[0]]));
        Assert.Throws<ArgumentException>(() => estimator.EstimateSubsets([x, TestData.Gaussian(21, 2, seed: 2)], [[0]]));
    }

    [Fact]
    public void From_entropies_trims_only_round_off_negatives()
    {
        var one = Information.FromNats(1);
        Assert.Equal(0, MatrixRenyiMutualInformation.FromEntropies(one, one, Information.FromNats(2 + 1e-12), 100).Nats);
        Assert.Equal(-1e-3, MatrixRenyiMutualInformation.FromEntropies(one, one, Information.FromNats(2 + 1e-3), 100).Nats, 15);
        Assert.Equal(0.5, MatrixRenyiMutualInformation.FromEntropies(one, one, Information.FromNats(1.5), 100).Nats, 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixRenyiMutualInformation.FromEntropies(one, one, one, 1));
    }
}
