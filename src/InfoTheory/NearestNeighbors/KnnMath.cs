namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The conventions the k-NN estimators share (their special functions are <see cref="SpecialFunctions"/>). Internally a "metric" distance is the max-norm
/// distance itself, or the SQUARED Euclidean distance (so no square roots in the searches); both are monotone in the
/// true distance, so comparisons, k-th neighbours and strict counts are the same.
/// </summary>
internal static class KnnMath
{
    /// <summary>
    /// log V_d, the volume of the unit-RADIUS ball of the norm: d·ln 2 for the max-norm (the cube [−1, 1]^d), and
    /// (d/2)·ln π − ln Γ(d/2 + 1) for the Euclidean norm.
    /// </summary>
    public static double LogUnitBallVolume(int d, KnnNorm norm) =>
        norm == KnnNorm.Max ? d * Math.Log(2) : 0.5 * d * Math.Log(Math.PI) - SpecialFunctions.LogGamma(d / 2.0 + 1);

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
