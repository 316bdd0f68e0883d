using InfoTheory.Compute;

namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The per-observation terms of the (weighted) Kozachenko–Leonenko estimator:
/// tᵢ = Σⱼ wⱼ·[ψ(N) − ψ(j) + ln V_d + d·ln ρ_{j,i}], ρ_{j,i} the distance from observation i to its j-th nearest other
/// observation, V_d the volume of the unit-radius ball of the norm. The estimate is their mean.
/// </summary>
internal static class KnnEntropyTerms
{
    /// <summary>
    /// The (weighted) Kozachenko–Leonenko entropy of one variable with every check: N &gt; k and finite values, a
    /// constant column refused (h = −∞), the data normalised (<see cref="PointSet.Normalise"/>), column scales the norm
    /// cannot see together and exact repeats at the used neighbors warned about, then jitter, the terms with the
    /// log-Jacobian of the normalisation added back, and their mean.
    /// </summary>
    public static InformationEstimate Entropy(in Samples samples, double[] weights, KnnOptions options, string name, string tieAdvice)
    {
        int d = samples.Dimensions;
        var points = PointSet.Copy([samples]);
        var checks = new KnnChecks(KnnChecks.ColumnNames((name, d)), options.TieJitter);
        var stats = PointSet.Normalise([points], options.Standardize);
        checks.RefuseConstantColumns(stats, 0, d, name);
        if (!options.Standardize)
        {
            checks.Anisotropy(stats, 0, d, samples.Count, weights.Length);
        }

        if (options.TieJitter > 0)
        {
            // Without jitter a zero distance is refused by Compute instead.
            checks.Ties(points, 0, d, FirstUsed(weights) + 1, name, tieAdvice);
        }

        points.Jitter(options.TieJitter, options.Seed);
        // The log-Jacobian is added to the mean, not to each term: the terms and the standard error are then those of the
        // normalised data, bit-identical for the data times any power of two.
        var e = KnnMath.Estimate(Compute(points, weights, options.Norm, options.Search, options.Backend, name, 0));
        return checks.Finish(new InformationEstimate(e.Value + Information.FromNats(points.LogJacobian(0, d)), e.StandardError, e.SampleCount));
    }

    /// <summary>The index (0-based) of the first non-zero weight: neighbors before it do not enter the estimate.</summary>
    public static int FirstUsed(ReadOnlySpan<double> weights)
    {
        int j = 0;
        while (j < weights.Length - 1 && weights[j] == 0)
        {
            j++;
        }

        return j;
    }

    /// <summary>
    /// The terms; <paramref name="weights"/> has length k (the plain estimator is the unit vector e_k), and
    /// <paramref name="logJacobian"/> (Σ ln of the factors the columns were divided by) is added to each, so the terms
    /// are those of the raw data.
    /// </summary>
    /// <exception cref="ArgumentException">A zero k-th distance (exact duplicates without jitter).</exception>
    public static double[] Compute(PointSet points, ReadOnlySpan<double> weights, KnnNorm norm, NeighborSearch search, ComputeBackend backend, string name,
        double logJacobian)
    {
        int n = points.Count, d = points.Dimensions, k = weights.Length;
        // The constant part Σⱼ wⱼ·(ψ(N) − ψ(j) + ln V_d) + the log-Jacobian (Σⱼ wⱼ = 1), and the first j with a non-zero
        // weight (only those need ρ > 0).
        double constant = logJacobian;
        int firstUsed = FirstUsed(weights);
        for (int j = 1; j <= k; j++)
        {
            constant += weights[j - 1] * (SpecialFunctions.Digamma(n) - SpecialFunctions.Digamma(j) + KnnMath.LogUnitBallVolume(d, norm));
        }

        var w8 = weights.ToArray();
        var terms = new double[n];
        int zeroAt = -1;
        void Term(int i, ReadOnlySpan<double> dist)
        {
            if (dist[firstUsed] == 0)
            {
                zeroAt = i;
                return;
            }

            double s = 0;
            for (int j = firstUsed; j < k; j++)
            {
                if (w8[j] != 0)
                {
                    s += w8[j] * KnnMath.LogDistance(dist[j], norm);
                }
            }

            terms[i] = constant + d * s;
        }

        var distances = new double[n * k];
        backend.NearestNeighbors(points.AsSamples(), k, distances, new int[n * k], norm, search);
        ParallelQueries.For(n, () => 0, (i, _) => Term(i, distances.AsSpan(i * k, k)));

        if (zeroAt >= 0)
        {
            KnnGuard.ThrowZeroDistance(name, zeroAt, firstUsed + 1);
        }

        return terms;
    }

    /// <summary>The unit vector e_k: the plain Kozachenko–Leonenko estimator with the k-th neighbor.</summary>
    public static double[] Plain(int k)
    {
        var w = new double[k];
        w[k - 1] = 1;
        return w;
    }
}
