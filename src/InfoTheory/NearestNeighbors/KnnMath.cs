namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The special functions and conventions the k-NN estimators share. Internally a "metric" distance is the max-norm
/// distance itself, or the SQUARED Euclidean distance (so no square roots in the searches); both are monotone in the
/// true distance, so comparisons, k-th neighbours and strict counts are the same.
/// </summary>
internal static class KnnMath
{
    /// <summary>The digamma function ψ(x) for x &gt; 0: recurrence up to x ≥ 10, then the asymptotic series (error &lt; 1e-15).</summary>
    public static double Digamma(double x)
    {
        double result = 0;
        while (x < 10)
        {
            result -= 1 / x;
            x += 1;
        }

        double inv = 1 / x, inv2 = inv * inv;
        // ln x − 1/(2x) − Σ B₂ₙ/(2n·x^(2n)), n = 1..6.
        double series = inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132 - inv2 * (691.0 / 32760))))));
        return result + Math.Log(x) - 0.5 * inv - series;
    }

    /// <summary>ln Γ(x) for x &gt; 0: recurrence up to x ≥ 10, then Stirling's series (error &lt; 1e-14).</summary>
    public static double LogGamma(double x)
    {
        double shift = 0;
        while (x < 10)
        {
            shift -= Math.Log(x);
            x += 1;
        }

        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 * (1.0 / 1260 - inv2 * (1.0 / 1680))));
        return shift + (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + series;
    }

    /// <summary>
    /// log V_d, the volume of the unit-RADIUS ball of the norm: d·ln 2 for the max-norm (the cube [−1, 1]^d), and
    /// (d/2)·ln π − ln Γ(d/2 + 1) for the Euclidean norm (Γ of a half-integer by its exact recurrence).
    /// </summary>
    public static double LogUnitBallVolume(int d, KnnNorm norm)
    {
        if (norm == KnnNorm.Max)
        {
            return d * Math.Log(2);
        }

        // ln Γ(d/2 + 1): start from Γ(1) = 1 (d even) or Γ(3/2) = √π/2 (d odd) and climb in steps of 1.
        double logGamma = d % 2 == 0 ? 0 : Math.Log(Math.Sqrt(Math.PI) / 2);
        for (double a = d % 2 == 0 ? 1 : 1.5; a < d / 2.0 + 1 - 0.25; a += 1)
        {
            logGamma += Math.Log(a);
        }

        return 0.5 * d * Math.Log(Math.PI) - logGamma;
    }

    /// <summary>The true distance from a metric distance.</summary>
    public static double Distance(double metric, KnnNorm norm) => norm == KnnNorm.Max ? metric : Math.Sqrt(metric);

    /// <summary>ln of the true distance from a metric distance.</summary>
    public static double LogDistance(double metric, KnnNorm norm) => norm == KnnNorm.Max ? Math.Log(metric) : 0.5 * Math.Log(metric);

    /// <summary>
    /// The mean of per-sample terms and its standard error: the sample standard deviation (N − 1 in the denominator)
    /// over √N, the delta-method form Butakov et al. use for their 95% intervals.
    /// </summary>
    public static InformationEstimate Estimate(ReadOnlySpan<double> terms)
    {
        int n = terms.Length;
        double mean = 0;
        foreach (double t in terms)
        {
            mean += t;
        }

        mean /= n;
        double ss = 0;
        foreach (double t in terms)
        {
            double u = t - mean;
            ss += u * u;
        }

        double se = n > 1 ? Math.Sqrt(ss / (n - 1) / n) : 0;
        if (!double.IsFinite(mean) || !double.IsFinite(se))
        {
            throw new InvalidOperationException("Internal error: a k-NN estimate was not finite; please report the data that caused it.");
        }

        return new InformationEstimate(Information.FromNats(mean), Information.FromNats(se), n);
    }
}
