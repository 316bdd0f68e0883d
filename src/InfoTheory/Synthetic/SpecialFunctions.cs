namespace InfoTheory;

/// <summary>ln Γ, digamma, the standard normal CDF and seeded gamma draws, for the closed forms and samplers of the tasks.</summary>
internal static class SpecialFunctions
{
    // Lanczos approximation with g = 7 and nine coefficients (Press et al., Numerical Recipes 3rd ed., §6.1; ~15 digits).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1−x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        double a = Lanczos[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    /// <summary>ψ(x) = d ln Γ(x)/dx for x &gt; 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, then the asymptotic series.</summary>
    public static double Digamma(double x)
    {
        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }

        double f = 1 / (x * x);
        // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ/(2k x^{2k}).
        double series = f * (1.0 / 12 - f * (1.0 / 120 - f * (1.0 / 252 - f * (1.0 / 240 - f * (1.0 / 132)))));
        return result + Math.Log(x) - 0.5 / x - series;
    }

    /// <summary>Φ(z), the standard normal CDF, to about 1e-15 relative accuracy in both tails.</summary>
    public static double NormalCdf(double z)
    {
        double x = Math.Abs(z) / Math.Sqrt(2);
        double tail = 0.5 * Erfc(x); // P(Z > |z|)
        return z >= 0 ? 1 - tail : tail;
    }

    /// <summary>erfc(x) for x ≥ 0: the Maclaurin series of erf below 2.5, Lentz's continued fraction above.</summary>
    private static double Erfc(double x)
    {
        if (x < 2.5)
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

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }

    /// <summary>A Gamma(shape, 1) draw (Marsaglia &amp; Tsang, ACM TOMS 26(3), 2000, doi:10.1145/358407.358414).</summary>
    public static double Gamma(Random random, double shape)
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1)·U^{1/a}.
            double u = 1.0 - random.NextDouble();
            return Gamma(random, shape + 1) * Math.Pow(u, 1 / shape);
        }

        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = MultivariateNormal.StandardNormal(random);
            double v = 1 + c * z;
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            double u = 1.0 - random.NextDouble();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v))
            {
                return d * v;
            }
        }
    }

    /// <summary>Mixes a seed with a stream number so that the generators of one draw are independent of each other.</summary>
    public static int Stream(int seed, int stream) => unchecked((int)((uint)seed * 2654435761u ^ (uint)(stream * 40503 + 0x5bd1e995)));
}
