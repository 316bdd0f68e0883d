namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The neighbour counts of the KSG family in subspaces of a joint space (contiguous column ranges). Estimator 1: the
/// k-th neighbour distance ε(i) in the joint space, then in each subspace the number of OTHER points strictly closer
/// than ε(i). Estimator 2: in each subspace εₛ(i), the largest subspace distance from i to its k joint neighbours, then
/// the number of other points within εₛ(i) (≤). Memory O(N·d + N·spaces); no N×N matrix.
/// </summary>
internal static class KsgCounts
{
    /// <summary>counts[s][i] for each subspace s = (start, length) of <paramref name="joint"/>.</summary>
    public static int[][] Compute(PointSet joint, ReadOnlySpan<(int Start, int Length)> spaces, int k, KsgVariant variant,
        KnnNorm norm, NeighborSearch search)
    {
        int n = joint.Count, d = joint.Dimensions, spaceCount = spaces.Length;
        var ranges = spaces.ToArray();
        // radius[s][i]: the metric radius to count within in space s (estimator 1: the same joint ε for every s).
        var radius = new double[variant == KsgVariant.One ? 1 : spaceCount][];
        for (int s = 0; s < radius.Length; s++)
        {
            radius[s] = new double[n];
        }

        var index = NeighborIndex.Create(joint, norm, search);
        ParallelQueries.For(n, () => (new double[k], new int[k]), (i, scratch) =>
        {
            var (dist, ids) = scratch;
            var row = joint.Row(i);
            index.Nearest(row, i, dist, ids);
            if (variant == KsgVariant.One)
            {
                radius[0][i] = dist[k - 1];
                return;
            }

            for (int s = 0; s < spaceCount; s++)
            {
                var (start, length) = ranges[s];
                double widest = 0;
                for (int j = 0; j < k; j++)
                {
                    double m = Metric(row.Slice(start, length), joint.Row(ids[j]).Slice(start, length), norm);
                    if (m > widest) widest = m;
                }

                radius[s][i] = widest;
            }
        });

        var counts = new int[spaceCount][];
        for (int s = 0; s < spaceCount; s++)
        {
            var (start, length) = ranges[s];
            var marginal = joint.Columns(start, length);
            var sub = NeighborIndex.Create(marginal, norm, search);
            var r = radius[variant == KsgVariant.One ? 0 : s];
            var c = counts[s] = new int[n];
            bool inclusive = variant == KsgVariant.Two;
            ParallelQueries.For(n, () => 0, (i, _) =>
            {
                int found = sub.CountWithin(marginal.Row(i), r[i], inclusive);
                // The point itself is at distance 0: counted when 0 < r (strict) or always (≤).
                c[i] = inclusive || r[i] > 0 ? found - 1 : found;
            });
        }

        return counts;
    }

    /// <summary>The metric distance (max-norm, or squared Euclidean) between two rows.</summary>
    public static double Metric(ReadOnlySpan<double> a, ReadOnlySpan<double> b, KnnNorm norm)
    {
        double m = 0;
        for (int f = 0; f < a.Length; f++)
        {
            double t = a[f] - b[f];
            m = norm == KnnNorm.Max ? Math.Max(m, Math.Abs(t)) : m + t * t;
        }

        return m;
    }
}
