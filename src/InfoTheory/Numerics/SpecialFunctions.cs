namespace InfoTheory;

/// <summary>
/// ln Γ and the digamma function ψ, once for the library: the k-NN constants and weights, the Gaussian-fit bias
/// correction and the closed forms of the synthetic tasks all call these. Both keep their relative accuracy near their
/// zeros (ln Γ at 1 and 2, ψ at 1.4616…): within 2·10⁻¹⁵ relative of mpmath over the tabulated arguments; the checks and the
/// script that made them are in tests/InfoTheory.Tests/Reference/numerics/ (its <c>--constants</c> prints the series
/// coefficients below).
/// </summary>
internal static class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.9189385332046728;   // ½ ln(2π)
    private const double OneMinusEulerGamma = 0.42278433509846713; // 1 − γ

    // (ζ(k) − 1)/k, k = 2..29: ln Γ(2 + t) = (1 − γ)t + Σₖ (ζ(k) − 1)/k · (−t)ᵏ for |t| < 2 (DLMF 5.7.3, with
    // ln Γ(1 + t) + ln(1 + t)); the terms fall like 4⁻ᵏ/k at |t| = ½.
    private static readonly double[] LogGammaSeries =
    [
        0.3224670334241132, 0.0673523010531981, 0.020580808427784546, 0.007385551028673986, 0.0028905103307415234,
        0.001192753911703261, 0.0005096695247430425, 0.00022315475845357939, 9.945751278180853e-05, 4.492623673813314e-05,
        2.050721277567069e-05, 9.439488275268397e-06, 4.374866789907488e-06, 2.039215753801366e-06, 9.55141213040742e-07,
        4.492469198764566e-07, 2.1207184805554665e-07, 1.0043224823968099e-07, 4.7698101693639804e-08, 2.2711094608943164e-08,
        1.0838659214896955e-08, 5.183475041970047e-09, 2.4836745438024785e-09, 1.1921401405860912e-09, 5.731367241678862e-10,
        2.7595228851242334e-10, 1.330476437424449e-10, 6.4229645638381e-11,
    ];

    // The positive zero of ψ, x₀ = 1.46163 21449 68362 34126 … (DLMF 5.4.19), as RootHi + RootLo, and the Taylor
    // coefficients ψ⁽ⁿ⁾(x₀)/n!, n = 1..26, used within NearRoot of it: there ψ is small and the recurrence below would
    // lose its relative accuracy to cancellation. The series converges for |t| < x₀ (the pole at 0), at |t| ≤ ¼ like 0.17ⁿ.
    private const double RootHi = 1.4616321449683622;
    private const double RootLo = 9.549995429965697e-17;
    private const double NearRoot = 0.25;

    private static readonly double[] DigammaRootSeries =
    [
        0.9676722454476212, -0.4427631689835921, 0.258499760955651, -0.16394270544240652, 0.10782405069126237,
        -0.07219956125645471, 0.04880428816414311, -0.03316112647484736, 0.022597648232218104, -0.01542476590494896,
        0.010538791616612175, -0.007204534386356869, 0.004926781395729853, -0.003369801655439328, 0.002305126326734928,
        -0.0015769367714301972, 0.0010788252019162967, -0.0007380709389960052, 0.000504953265834602, -0.0003454680251063077,
        0.00023635601564027053, -0.00016170622091974803, 0.0001106337276874741, -7.569179582195066e-05, 5.178575795222081e-05,
        -3.5430070947659604e-05,
    ];

    /// <summary>
    /// ln |Γ(x)|. x ≥ 10: Stirling's series to x⁻¹⁵ (DLMF 5.11.1). Below: the recurrence Γ(x + 1) = xΓ(x), down (or up)
    /// to [1.5, 2.5) as one product, then the series of ln Γ(2 + t), which keeps the relative accuracy near the zeros
    /// at 1 and 2. x &lt; 0: reflection Γ(x)Γ(1 − x) = π / sin(πx) (DLMF 5.5.3). +∞ at the poles 0, −1, −2, …; NaN for
    /// NaN and −∞.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            if (double.IsNaN(x) || double.IsNegativeInfinity(x))
            {
                return double.NaN;
            }

            return x == Math.Floor(x) ? double.PositiveInfinity : Math.Log(Math.PI / Math.Abs(double.SinPi(x))) - LogGamma(1 - x);
        }

        if (x >= 10)
        {
            if (double.IsPositiveInfinity(x))
            {
                return x; // (x − ½)·ln x − x would be ∞ − ∞
            }

            double inv = 1 / x, inv2 = inv * inv;
            double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680 - inv2 * (1.0 / 1188
                - inv2 * (691.0 / 360360 - inv2 * (1.0 / 156 - inv2 * (3617.0 / 122400))))))));
            return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series;
        }

        if (x < 0.5)
        {
            return LogGammaTwoPlus(x) - Math.Log(x * (x + 1)); // Γ(x) = Γ(x + 2) / (x(x + 1))
        }

        if (x < 1.5)
        {
            return LogGammaTwoPlus(x - 1) - Math.Log(x); // Γ(x) = Γ(x + 1) / x; x − 1 is exact
        }

        double product = 1;
        while (x >= 2.5)
        {
            x -= 1; // exact
            product *= x;
        }

        return LogGammaTwoPlus(x - 2) + Math.Log(product);
    }

    /// <summary>
    /// ψ(x) = d ln Γ(x)/dx. Near its zero x₀: the Taylor series about x₀. Otherwise the recurrence ψ(x) = ψ(x + 1) − 1/x
    /// up to x ≥ 10, then the asymptotic series ln x − 1/(2x) − Σ B₂ₙ/(2n·x²ⁿ) to x⁻¹⁴ (DLMF 5.11.2; truncation below
    /// 3·10⁻¹⁷ at x = 10). x &lt; 0: reflection ψ(1 − x) − ψ(x) = π cot(πx) (DLMF 5.5.4). −1/x at ±0 (the one-sided
    /// limits), NaN at the poles −1, −2, …, at −∞ and for NaN.
    /// </summary>
    public static double Digamma(double x)
    {
        if (!(x > 0))
        {
            if (x == 0)
            {
                return -1 / x;
            }

            if (double.IsNaN(x) || x == Math.Floor(x))
            {
                return double.NaN;
            }

            return Digamma(1 - x) - Math.PI * double.CosPi(x) / double.SinPi(x);
        }

        if (Math.Abs(x - RootHi) < NearRoot)
        {
            double t = (x - RootHi) - RootLo; // x − RootHi is exact here
            double sum = DigammaRootSeries[^1];
            for (int n = DigammaRootSeries.Length - 2; n >= 0; n--)
            {
                sum = Math.FusedMultiplyAdd(sum, t, DigammaRootSeries[n]);
            }

            return sum * t;
        }

        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }

        double inv = 1 / x, inv2 = inv * inv;
        double tail = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132
            - inv2 * (691.0 / 32760 - inv2 * (1.0 / 12)))))));
        return result + Math.Log(x) - 0.5 * inv - tail;
    }

    /// <summary>ln Γ(2 + t) for |t| ≤ ½ (see <see cref="LogGammaSeries"/>).</summary>
    private static double LogGammaTwoPlus(double t)
    {
        double u = -t, sum = LogGammaSeries[^1];
        for (int k = LogGammaSeries.Length - 2; k >= 0; k--)
        {
            sum = Math.FusedMultiplyAdd(sum, u, LogGammaSeries[k]);
        }

        return t * Math.FusedMultiplyAdd(t, sum, OneMinusEulerGamma); // (1 − γ)t + t²·Σₖ (ζ(k) − 1)/k · (−t)ᵏ⁻²
    }
}
