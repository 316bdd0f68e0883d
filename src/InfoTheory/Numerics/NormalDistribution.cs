namespace InfoTheory.Internal;

/// <summary>
/// The standard normal distribution function Φ (the synthetic tasks' normal-CDF map) and its inverse (asymptotic
/// confidence intervals, the map's inverse); draws are <see cref="RandomDraws.StandardNormal"/>. Checked against mpmath
/// in tests/InfoTheory.Tests/Reference/numerics/.
/// </summary>
internal static class NormalDistribution
{
    /// <summary>
    /// Φ(z), the standard normal CDF: relative error below 2·10⁻¹⁵ in the lower tail (checked to z = −37, where Φ is
    /// 6·10⁻³⁰⁰), absolute error about 10⁻¹⁶ in the upper.
    /// </summary>
    public static double Cdf(double z)
    {
        double tail = 0.5 * Erfc(Math.Abs(z)); // P(Z > |z|)
        return z >= 0 ? 1 - tail : tail;
    }

    /// <summary>
    /// erfc(|z|/√2) for z ≥ 0. Below x = |z|/√2 = 1: 1 − erf by the Maclaurin series of erf, where erfc ≥ 0.16 so the
    /// subtraction loses at most a factor 5.4. Above: Lentz's continued fraction (at most ~190 steps at x = 1), with
    /// exp(−z²/2) from z itself, not from the rounded x² (that rounding alone costs 10⁻¹³ relative at z = −37).
    /// </summary>
    private static double Erfc(double z)
    {
        double x = z / Math.Sqrt(2);
        if (x < 1)
        {
            // erf(x) = 2/√π Σ (−1)^n x^{2n+1} / (n! (2n+1)).
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x2 / n;
                double add = term / (2 * n + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }
            }

            return 1 - 2 / Math.Sqrt(Math.PI) * sum;
        }

        // erfc(x) = exp(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))) (Abramowitz & Stegun 7.1.14), by modified Lentz.
        const double tiny = 1e-300;
        double f = x, c = x, d = 0;
        for (int k = 1; k < 500; k++)
        {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.Abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        // x² = z²/2 = (hi + lo)/2 exactly (hi = z·z rounded, lo its rounding error), and exp(−lo/2) ≈ 1 − lo/2.
        double hi = z * z, lo = Math.FusedMultiplyAdd(z, z, -hi);
        return Math.Exp(-0.5 * hi) * (1 - 0.5 * lo) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>
    /// Φ⁻¹(p) by Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988, doi:10.2307/2347330),
    /// relative error about 1e-16.
    /// </summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"p = {p}: a probability strictly between 0 and 1 is needed.");
        }

        double q = p - 0.5;
        if (Math.Abs(q) <= 0.425)
        {
            double r = 0.180625 - q * q;
            return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
                        + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                        + 133.14166789178437745) * r + 3.387132872796366608)
                   / (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
                        + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                        + 42.313330701600911252) * r + 1.0);
        }

        double rr = q < 0 ? p : 1 - p;
        rr = Math.Sqrt(-Math.Log(rr));
        double x;
        if (rr <= 5)
        {
            rr -= 1.6;
            x = (((((((7.7454501427834140764e-4 * rr + 0.0227238449892691845833) * rr + 0.24178072517745061177) * rr
                    + 1.27045825245236838258) * rr + 3.64784832476320460504) * rr + 5.7694972214606914055) * rr
                    + 4.6303378461565452959) * rr + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * rr + 5.475938084995344946e-4) * rr + 0.0151986665636164571966) * rr
                    + 0.14810397642748007459) * rr + 0.68976733498510000455) * rr + 1.6763848301838038494) * rr
                    + 2.05319162663775882187) * rr + 1.0);
        }
        else
        {
            rr -= 5;
            x = (((((((2.01033439929228813265e-7 * rr + 2.71155556874348757815e-5) * rr + 0.0012426609473880784386) * rr
                    + 0.026532189526576123093) * rr + 0.29656057182850489123) * rr + 1.7848265399172913358) * rr
                    + 5.4637849111641143699) * rr + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * rr + 1.4215117583164458887e-7) * rr + 1.8463183175100546818e-5) * rr
                    + 7.868691311456132591e-4) * rr + 0.0148753612908506148525) * rr + 0.13692988092273580531) * rr
                    + 0.59983220655588793769) * rr + 1.0);
        }

        return q < 0 ? -x : x;
    }
}
