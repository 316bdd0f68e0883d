namespace InfoTheory.Tests.NearestNeighbors;

/// <summary>
/// Equality with independent implementations on fixed data (Reference/knn/make_knn_reference.py: scipy cKDTree +
/// scipy.special at formula level, and scikit-learn 1.2.1's own _compute_mi_cc). Jitter off, so the data are exactly
/// the stored ones; both searches must agree.
/// </summary>
public class ReferenceValueTests
{
    private const double Tolerance = 1e-11;

    public static TheoryData<NeighborSearch> Searches => [NeighborSearch.KdTree, NeighborSearch.BruteForce];

    [Theory]
    [MemberData(nameof(Searches))]
    public void Ksg1_OneDimensional_EqualsScikitLearn(NeighborSearch search)
    {
        var x = KnnTestData.Csv("data-x1.csv");
        var y = KnnTestData.Csv("data-y1.csv");
        var estimate = MutualInformation.Ksg(x, y, new KsgOptions { K = 3, TieJitter = 0, Search = search });
        Assert.Equal(KnnTestData.Value("sklearn_ksg1_1v1_k3"), estimate.Value.Nats, Tolerance);
        Assert.Equal(KnnTestData.Value("ksg1_1v1_k3"), estimate.Value.Nats, Tolerance);
    }

    [Theory]
    [InlineData(1, NeighborSearch.KdTree)]
    [InlineData(3, NeighborSearch.KdTree)]
    [InlineData(5, NeighborSearch.KdTree)]
    [InlineData(3, NeighborSearch.BruteForce)]
    public void Ksg_TwoPlusTwo_EqualsScipyFormula(int k, NeighborSearch search)
    {
        var x = KnnTestData.Csv("data-x2.csv");
        var y = KnnTestData.Csv("data-y2.csv");
        foreach (var variant in new[] { KsgVariant.One, KsgVariant.Two })
        {
            var estimate = MutualInformation.Ksg(x, y, new KsgOptions { K = k, Variant = variant, TieJitter = 0, Search = search });
            Assert.Equal(KnnTestData.Value($"ksg{(int)variant}_2v2_k{k}"), estimate.Value.Nats, Tolerance);
        }
    }

    [Fact]
    public void Ksg2_OneDimensional_EqualsScipyFormula() =>
        Assert.Equal(KnnTestData.Value("ksg2_1v1_k3"),
            MutualInformation.Ksg(KnnTestData.Csv("data-x1.csv"), KnnTestData.Csv("data-y1.csv"),
                new KsgOptions { Variant = KsgVariant.Two, TieJitter = 0 }).Value.Nats, Tolerance);

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void KozachenkoLeonenko_EqualsScipyFormula(int k)
    {
        var x = KnnTestData.Csv("data-e3.csv");
        foreach (var search in new[] { NeighborSearch.KdTree, NeighborSearch.BruteForce })
        {
            Assert.Equal(KnnTestData.Value($"kl_e3_euclid_k{k}"),
                Entropy.KozachenkoLeonenko(x, new KnnOptions { K = k, TieJitter = 0, Search = search }).Value.Nats, Tolerance);
            Assert.Equal(KnnTestData.Value($"kl_e3_max_k{k}"),
                Entropy.KozachenkoLeonenko(x, new KnnOptions { K = k, Norm = KnnNorm.Max, TieJitter = 0, Search = search }).Value.Nats, Tolerance);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void WeightedKozachenkoLeonenko_EqualsScipyFormula(int k)
    {
        var x = KnnTestData.Csv("data-e5.csv");
        Assert.Equal(KnnTestData.Value($"wkl_e5_euclid_k{k}"),
            Entropy.WeightedKozachenkoLeonenko(x, new KnnOptions { K = k, TieJitter = 0 }).Value.Nats, 1e-10);
    }

    [Fact]
    public void WeightedKozachenkoLeonenko_MaxNorm_EqualsScipyFormula() =>
        Assert.Equal(KnnTestData.Value("wkl_e5_max_k4"),
            Entropy.WeightedKozachenkoLeonenko(KnnTestData.Csv("data-e5.csv"), new KnnOptions { K = 4, Norm = KnnNorm.Max, TieJitter = 0 }).Value.Nats, 1e-10);

    [Theory]
    [InlineData(5, 2)]
    [InlineData(5, 4)]
    [InlineData(5, 8)]
    [InlineData(8, 3)]
    [InlineData(8, 10)]
    [InlineData(12, 6)]
    [InlineData(16, 12)]
    public void BerrettWeights_EqualNumpyLeastNorm(int d, int k)
    {
        var expected = KnnTestData.Reference.GetProperty($"weights_d{d}_k{k}").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var actual = WeightedKozachenkoLeonenkoEntropy.Weights(d, k);
        Assert.Equal(expected.Length, actual.Length);
        // Relative to the largest weight: for d = 16, k = 12 the weights reach ~260 and numpy's SVD carries ~1e-12 of that.
        double scale = expected.Max(Math.Abs);
        for (int j = 0; j < k; j++)
        {
            Assert.Equal(expected[j], actual[j], 1e-9 * scale);
        }

        // The constraints themselves: Σ w = 1 and the bias terms cancel.
        Assert.Equal(1, actual.Sum(), 1e-9);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void ConditionalMi_EqualsScipyFormula(int k)
    {
        var estimate = MutualInformation.KsgConditional(KnnTestData.Csv("data-cx.csv"), KnnTestData.Csv("data-cy.csv"), KnnTestData.Csv("data-cz.csv"),
            new KsgOptions { K = k, TieJitter = 0 });
        Assert.Equal(KnnTestData.Value($"cmi_fp_k{k}"), estimate.Value.Nats, Tolerance);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void KlDivergence_EqualsScipyFormula(int k)
    {
        var estimate = Divergence.KullbackLeibler(KnnTestData.Csv("data-p.csv"), KnnTestData.Csv("data-q.csv"), new KnnOptions { K = k, TieJitter = 0 });
        Assert.Equal(KnnTestData.Value($"wkv_pq_k{k}"), estimate.Value.Nats, Tolerance);
    }
}
