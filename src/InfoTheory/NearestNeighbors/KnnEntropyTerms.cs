namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The per-observation terms of the (weighted) Kozachenko–Leonenko estimator:
/// tᵢ = Σⱼ wⱼ·[ψ(N) − ψ(j) + ln V_d + d·ln ρ_{j,i}], ρ_{j,i} the distance from observation i to its j-th nearest other
/// observation, V_d the volume of the unit-radius ball of the norm. The estimate is their mean.
/// </summary>
internal static class KnnEntropyTerms
{
    /// <summary>The terms; <paramref name="weights"/> has length k (the plain estimator is the unit vector e_k).</summary>
    /// <exception cref="ArgumentException">A zero k-th distance (exact duplicates without jitter).</exception>
    public static double[] Compute(PointSet points, ReadOnlySpan<double> weights, KnnNorm norm, NeighborSearch search, ComputeBackend backend, string name)
    {
        int n = points.Count, d = points.Dimensions, k = weights.Length;
        // The constant part Σⱼ wⱼ·(ψ(N) − ψ(j) + ln V_d), and the first j with a non-zero weight (only those need ρ > 0).
        double constant = 0;
        int firstUsed = k;
        for (int j = 1; j <= k; j++)
        {
            double w = weights[j - 1];
            constant += w * (KnnMath.Digamma(n) - KnnMath.Digamma(j) + KnnMath.LogUnitBallVolume(d, norm));
            if (w != 0 && firstUsed == k)
            {
                firstUsed = j - 1;
            }
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

        if (BackendNeighbors.Use(backend))
        {
            var all = BackendNeighbors.Distances(backend, points, k, norm);
            for (int i = 0; i < n; i++)
            {
                Term(i, all.AsSpan(i * k, k));
            }
        }
        else
        {
            var index = NeighborIndex.Create(points, norm, search);
            ParallelQueries.For(n, () => (new double[k], new int[k]), (i, scratch) =>
            {
                var (dist, ids) = scratch;
                index.Nearest(points.Row(i), i, dist, ids);
                Term(i, dist);
            }, index.QueryOrder);
        }

        if (zeroAt >= 0)
        {
            KnnGuard.ThrowZeroDistance(name, zeroAt, firstUsed + 1);
        }

        return terms;
    }

    /// <summary>The unit vector e_k: the plain Kozachenko–Leonenko estimator with the k-th neighbour.</summary>
    public static double[] Plain(int k)
    {
        var w = new double[k];
        w[k - 1] = 1;
        return w;
    }
}
