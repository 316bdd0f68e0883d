namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>Cases small enough to work out on paper.</summary>
public class HandWorkedCaseTests
{
    private static MatrixRenyiOptions Fixed(double sigma, double alpha) => new() { Alpha = alpha, Bandwidth = Bandwidth.Fixed(sigma) };

    // Two points at distance δ: K̃ = [[1,k],[k,1]] with k = exp(−δ²/(2σ²)); A = K̃/2 has eigenvalues (1 ± k)/2.
    [Theory]
    [InlineData(0.5, 1.0, 1.0)]
    [InlineData(1.01, 1.0, 0.7)]
    [InlineData(2.0, 2.0, 1.5)]
    [InlineData(3.0, 0.3, 1.0)]
    public void TwoPoints(double alpha, double delta, double sigma)
    {
        double k = Math.Exp(-delta * delta / (2 * sigma * sigma));
        double l1 = (1 + k) / 2, l2 = (1 - k) / 2;
        double expected = Math.Log(Math.Pow(l1, alpha) + Math.Pow(l2, alpha)) / (1 - alpha);
        var x = new Samples(new[] { 0.0, delta }, 1);
        var h = Entropy.MatrixRenyi(x, Fixed(sigma, alpha));
        Assert.Equal(expected, h.Value.Nats, 12);
        Assert.Equal(sigma, Assert.Single(h.DiagnosticsAs<RenyiDiagnostics>().Widths));
    }

    [Fact]
    public void TwoPointsVonNeumann()
    {
        double k = Math.Exp(-1.0 / 2);
        double l1 = (1 + k) / 2, l2 = (1 - k) / 2;
        double expected = -(l1 * Math.Log(l1)) - (l2 * Math.Log(l2));
        var h = Entropy.MatrixRenyi(new Samples(new[] { 0.0, 1.0 }, 1), Fixed(1, 1));
        Assert.Equal(expected, h.Value.Nats, 12);
    }

    // Equilateral triangle of side s in 2-D: K̃ = (1−k)I + k·11ᵀ; A = K̃/3 has eigenvalues (1+2k)/3 and (1−k)/3 (twice).
    [Theory]
    [InlineData(1.01)]
    [InlineData(2.0)]
    [InlineData(0.7)]
    public void EquilateralTriangle(double alpha)
    {
        double side = 1.2, sigma = 0.9;
        double k = Math.Exp(-side * side / (2 * sigma * sigma));
        double big = (1 + 2 * k) / 3, small = (1 - k) / 3;
        double expected = Math.Log(Math.Pow(big, alpha) + 2 * Math.Pow(small, alpha)) / (1 - alpha);
        var x = new Samples(new[] { 0, 0, side, 0, side / 2, side * Math.Sqrt(3) / 2 }, 2);
        Assert.Equal(expected, Entropy.MatrixRenyi(x, Fixed(sigma, alpha)).Value.Nats, 12);
    }

    [Fact]
    public void IdenticalPointsHaveNoEntropy()
    {
        var x = new Samples(new[] { 3.0, 3.0, 3.0, 3.0 }, 1);
        Assert.Equal(0, Entropy.MatrixRenyi(x, 1.01).Value.Nats, 12);
        Assert.Equal(0, Entropy.MatrixRenyi(x, 2).Value.Nats, 12);
    }

    [Fact]
    public void FarApartPointsReachLogN()
    {
        var x = new Samples(new[] { 0.0, 100, 200, 300, 400 }, 1);
        var h = Entropy.MatrixRenyi(x, Fixed(1, 1.01));
        Assert.Equal(Math.Log2(5), h.Value.Bits, 10);
    }

    [Fact]
    public void InformationBetweenAVariableAndItselfIsItsEntropy()
    {
        // A∘A with the same σ: for N = 2 points, joint has k², so I = S(k) + S(k) − S(k²), worked by hand.
        double alpha = 2, delta = 1, sigma = 1;
        double k = Math.Exp(-delta * delta / (2 * sigma * sigma));
        double S(double kk) => -Math.Log((Math.Pow((1 + kk) / 2, 2) + Math.Pow((1 - kk) / 2, 2)));
        var x = new Samples(new[] { 0.0, delta }, 1);
        var mi = MutualInformation.MatrixRenyi(x, x, Fixed(sigma, alpha));
        Assert.Equal(2 * S(k) - S(k * k), mi.Value.Nats, 12);
    }

    [Fact]
    public void BitsAreTheBaseTwoForm()
    {
        var x = TestData.Gaussian(30, 2, 1);
        var h = Entropy.MatrixRenyi(x);
        Assert.Equal(h.Value.Nats / Math.Log(2), h.Value.Bits, 12);
    }

    [Fact]
    public void GaussianClosedForms()
    {
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * Math.E * 4), Entropy.Gaussian(new double[,] { { 4 } }).Nats, 12);
        Assert.Equal(-0.5 * Math.Log(1 - 0.81), MultivariateNormal.Bivariate(0.9).MutualInformation(1).Nats, 12);
        // Independent blocks carry no information.
        Assert.Equal(0, MutualInformation.Gaussian(new double[,] { { 2, 0 }, { 0, 3 } }, 1).Nats, 12);
        // det of [[2,1],[1,2]] = 3: h = ½ ln((2πe)²·3).
        Assert.Equal(0.5 * (2 * Math.Log(2 * Math.PI * Math.E) + Math.Log(3)), Entropy.Gaussian(new double[,] { { 2, 1 }, { 1, 2 } }).Nats, 12);
    }

    [Fact]
    public void GaussianSamplerMatchesItsCovariance()
    {
        var normal = new MultivariateNormal([1, -2], new double[,] { { 2, 0.8 }, { 0.8, 1 } });
        var s = normal.Sample(20000, seed: 7);
        double m0 = 0, m1 = 0;
        for (int i = 0; i < s.Count; i++)
        {
            m0 += s[i, 0];
            m1 += s[i, 1];
        }

        m0 /= s.Count;
        m1 /= s.Count;
        double c00 = 0, c01 = 0, c11 = 0;
        for (int i = 0; i < s.Count; i++)
        {
            c00 += (s[i, 0] - m0) * (s[i, 0] - m0);
            c01 += (s[i, 0] - m0) * (s[i, 1] - m1);
            c11 += (s[i, 1] - m1) * (s[i, 1] - m1);
        }

        // Standard errors at N = 20000 are about 0.01–0.02; 5 of them as the tolerance.
        Assert.InRange(m0, 0.9, 1.1);
        Assert.InRange(m1, -2.1, -1.9);
        Assert.InRange(c00 / s.Count, 1.9, 2.1);
        Assert.InRange(c01 / s.Count, 0.72, 0.88);
        Assert.InRange(c11 / s.Count, 0.93, 1.07);
        Assert.Equal(s.ToArray(), normal.Sample(20000, seed: 7).ToArray());
    }
}
