namespace InfoTheory.Tests.NearestNeighbors;

/// <summary>
/// Tasks of the BMI benchmark (Czyż et al., NeurIPS 2023) with known MI, N = 5000: "solved" means
/// |ln(estimate/truth)| &lt; ln 1.5, their criterion. The truths are the closed forms (0.4133 for 1v1 ρ = 0.75;
/// 0.2939 / 0.4133 / 0.5928 for the dense 2×2 / 3×3 / 5×5 multinormals with every off-diagonal correlation 0.5;
/// 0.2242 for the Student t with one degree of freedom, 1×1).
/// </summary>
public class BmiBenchmarkTests
{
    private static void Solved(double estimate, double truth, string what) =>
        Assert.True(Math.Abs(Math.Log(estimate / truth)) < Math.Log(1.5), $"{what}: {estimate} vs {truth}");

    [Fact]
    public void OneVsOne_Rho075()
    {
        var (x, y, truth) = KnnTestData.CorrelatedPairs(5000, 1, 0.75, 2023);
        Assert.Equal(0.4133, truth, 4);
        Solved(MutualInformation.Ksg(x, y).Value.Nats, truth, "KSG1");
        Solved(MutualInformation.Ksg(x, y, 3, KsgVariant.Two).Value.Nats, truth, "KSG2");
        Solved(MutualInformation.KozachenkoLeonenko(x, y).Value.Nats, truth, "KL");
        // The monotone transform of the benchmark (x ↦ x³-like maps keep MI).
        Solved(MutualInformation.Ksg(KnnTestData.Map(x, v => v * v * v), KnnTestData.Map(y, Math.Exp)).Value.Nats, truth, "KSG1 mapped");
    }

    [Fact]
    public void StudentT_Dof1_OneVsOne()
    {
        // Bivariate Student t with ν = 1 and identity scatter: X = Z₁/|G|, Y = Z₂/|G| (a shared χ₁ scale), I = 0.2242
        // (Czyż et al.'s value). Uncorrelated yet dependent, with heavy tails.
        var random = new Random(7);
        int n = 5000;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            double scale = Math.Abs(RandomDraws.StandardNormal(random));
            x[i] = RandomDraws.StandardNormal(random) / scale;
            y[i] = RandomDraws.StandardNormal(random) / scale;
        }

        Solved(MutualInformation.Ksg(Samples.FromColumn(x), Samples.FromColumn(y)).Value.Nats, 0.2242, "KSG1");
        Solved(MutualInformation.KozachenkoLeonenko(Samples.FromColumn(x), Samples.FromColumn(y)).Value.Nats, 0.2242, "KL");
    }

    [Theory]
    [InlineData(2, 0.2939)]
    [InlineData(3, 0.4133)]
    [InlineData(5, 0.5928)]
    public void DenseMultinormal(int d, double expected)
    {
        var (x, y, truth) = KnnTestData.Dense(5000, d, d, 2023 + d);
        Assert.Equal(expected, truth, 4);
        Solved(MutualInformation.Ksg(x, y).Value.Nats, truth, "KSG1");
        Solved(MutualInformation.Ksg(x, y, 3, KsgVariant.Two).Value.Nats, truth, "KSG2");
        Solved(MutualInformation.KozachenkoLeonenko(x, y, new KnnOptions { K = 5 }, weighted: true).Value.Nats, truth, "wKL");
    }
}
