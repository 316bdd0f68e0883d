namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>
/// The bivariate-Gaussian check of Lee &amp; Jo (Entropy 23(7) 862, 2021, appendix A): with their estimator
/// (σ = γ·N^(−1/(4+d)), γ = 2, α = 1.01) on N = 1000 samples of a standard bivariate normal with correlation ρ, the
/// estimate must rise monotonically with the closed-form MI −½·log(1 − ρ²) as ρ goes from 0 to 0.9.
/// The table is recorded in docs/accuracy.md.
/// </summary>
public class LeeJoGaussianCheckTests
{
    public static readonly double[] Correlations = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    public static IReadOnlyList<(double Rho, double ClosedFormBits, double EstimateBits)> Table()
    {
        var options = new MatrixRenyiOptions { Alpha = 1.01, Bandwidth = Bandwidth.Scott(2) };
        return Correlations.Select(rho =>
        {
            var normal = MultivariateNormal.Bivariate(rho);
            var xy = normal.Sample(1000, seed: 2021);
            var all = xy.ToArray();
            var x = new Samples(all.Where((_, k) => k % 2 == 0).ToArray(), 1);
            var y = new Samples(all.Where((_, k) => k % 2 == 1).ToArray(), 1);
            return (rho, normal.MutualInformation(1).Bits, MutualInformation.MatrixRenyi(x, y, options).Value.Bits);
        }).ToArray();
    }

    [Fact]
    public void EstimateRisesWithTheTrueInformation()
    {
        var table = Table();
        for (int k = 1; k < table.Count; k++)
        {
            Assert.True(table[k].EstimateBits > table[k - 1].EstimateBits,
                $"estimate at ρ = {table[k].Rho} ({table[k].EstimateBits:F4} bits) is not above ρ = {table[k - 1].Rho} ({table[k - 1].EstimateBits:F4})");
        }

        // Independent at ρ = 0: the estimate is small next to its value at ρ = 0.9.
        Assert.True(table[0].EstimateBits < 0.1 * table[^1].EstimateBits);
    }
}
