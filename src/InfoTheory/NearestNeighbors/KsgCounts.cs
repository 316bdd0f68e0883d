using System.Numerics;
using System.Runtime.InteropServices;

namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The neighbour counts of the KSG family in subspaces of a joint space (contiguous column ranges). Estimator 1: the
/// k-th neighbour distance ε(i) in the joint space, then in each subspace the number of OTHER points strictly closer
/// than ε(i). Estimator 2: in each subspace εₛ(i), the largest subspace distance from i to its k joint neighbours, then
/// the number of other points within εₛ(i) (≤). Memory O(N·d + N·spaces); no N×N matrix.
/// </summary>
internal static class KsgCounts
{
    /// <summary>
    /// counts[s][i] for each subspace s of <paramref name="joint"/>. The joint columns are split into consecutive
    /// blocks ("atoms", of the sizes given); each subspace is a run of consecutive atoms (first atom, atom count).
    /// </summary>
    public static int[][] Compute(PointSet joint, int[] atoms, ReadOnlySpan<(int FirstAtom, int AtomCount)> spaces, int k, KsgVariant variant,
        KnnNorm norm, NeighborSearch search, ComputeBackend backend)
    {
        int n = joint.Count, spaceCount = spaces.Length;
        var starts = new int[atoms.Length + 1];
        for (int a = 0; a < atoms.Length; a++)
        {
            starts[a + 1] = starts[a] + atoms[a];
        }

        if (BackendNeighbors.Use(backend))
        {
            return OnBackend(backend, joint, starts, spaces.ToArray(), k, variant, norm);
        }

        if (!NeighborIndex.UseTree(n, joint.Dimensions, search))
        {
            return BruteForce(joint, starts, spaces.ToArray(), k, variant, norm);
        }

        var ranges = new (int Start, int Length)[spaceCount];
        for (int s = 0; s < spaceCount; s++)
        {
            var (first, count) = spaces[s];
            ranges[s] = (starts[first], starts[first + count] - starts[first]);
        }

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
        }, index.QueryOrder);

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
            }, sub.QueryOrder);
        }

        return counts;
    }

    /// <summary>
    /// The same counts from a backend's brute-force primitives: the joint k nearest neighbours (with their indices for
    /// estimator 2, whose radii are per subspace), then one radius count per subspace. Self is excluded by the backend.
    /// </summary>
    private static int[][] OnBackend(ComputeBackend backend, PointSet joint, int[] starts, (int FirstAtom, int AtomCount)[] spaces, int k,
        KsgVariant variant, KnnNorm norm)
    {
        int n = joint.Count;
        var metric = BackendNeighbors.Metric(norm);
        var distances = new double[(long)n * k];
        var ids = new int[(long)n * k];
        backend.NearestNeighbours(BackendNeighbors.AsSamples(joint), k, distances, ids, metric);
        var counts = new int[spaces.Length][];
        var radius = new double[n];
        for (int s = 0; s < spaces.Length; s++)
        {
            var (first, count) = spaces[s];
            int start = starts[first], length = starts[first + count] - start;
            var marginal = joint.Columns(start, length);
            for (int i = 0; i < n; i++)
            {
                if (variant == KsgVariant.One)
                {
                    radius[i] = distances[(long)i * k + k - 1];
                    continue;
                }

                double widest = 0;
                for (int j = 0; j < k; j++)
                {
                    widest = Math.Max(widest, Metric(marginal.Row(i), marginal.Row(ids[(long)i * k + j]), norm));
                }

                radius[i] = widest;
            }

            counts[s] = new int[n];
            backend.CountWithin(BackendNeighbors.AsSamples(marginal), radius, inclusive: variant == KsgVariant.Two, counts[s], metric);
        }

        return counts;
    }

    /// <summary>
    /// The brute-force path, fused: per query point, the distances to all points are computed once per atom (vectorised,
    /// O(N·atoms) scratch per worker), combined into the joint distance for the k-th neighbour, and the same stored
    /// atom distances are combined again for the subspace counts, so no distance is computed twice.
    /// </summary>
    private static int[][] BruteForce(PointSet joint, int[] starts, (int FirstAtom, int AtomCount)[] spaces, int k, KsgVariant variant, KnnNorm norm)
    {
        int n = joint.Count, atomCount = starts.Length - 1;
        var atoms = new BruteForceIndex[atomCount];
        var atomPoints = new PointSet[atomCount];
        for (int a = 0; a < atomCount; a++)
        {
            atomPoints[a] = joint.Columns(starts[a], starts[a + 1] - starts[a]);
            atoms[a] = new BruteForceIndex(atomPoints[a], norm);
        }

        bool max = norm == KnnNorm.Max;
        var counts = new int[spaces.Length][];
        for (int s = 0; s < spaces.Length; s++)
        {
            counts[s] = new int[n];
        }

        ParallelQueries.For(n, () => (new double[atomCount][], new double[n], new double[k], new int[k]), (i, scratch) =>
        {
            var (perAtom, combined, best, ids) = scratch;
            for (int a = 0; a < atomCount; a++)
            {
                perAtom[a] ??= new double[n];
                atoms[a].Distances(atomPoints[a].Row(i), 0, perAtom[a]);
            }

            Combine(perAtom, 0, atomCount, combined, max);
            int found = 0;
            double worst = double.PositiveInfinity;
            var lanes = MemoryMarshal.Cast<double, Vector<double>>(combined.AsSpan());
            int width = Vector<double>.Count;
            for (int b = 0; b < lanes.Length; b++)
            {
                // Most blocks hold no candidate once k are found: one vector compare skips them.
                if (!Vector.LessThanAny(lanes[b], new Vector<double>(worst)))
                {
                    continue;
                }

                for (int j = b * width; j < (b + 1) * width; j++)
                {
                    if (combined[j] < worst && j != i)
                    {
                        NeighborIndex.Insert(best, ids, ref found, combined[j], j);
                        worst = found < k ? double.PositiveInfinity : best[k - 1];
                    }
                }
            }

            for (int j = lanes.Length * width; j < n; j++)
            {
                if (combined[j] < worst && j != i)
                {
                    NeighborIndex.Insert(best, ids, ref found, combined[j], j);
                    worst = found < k ? double.PositiveInfinity : best[k - 1];
                }
            }

            bool inclusive = variant == KsgVariant.Two;
            for (int s = 0; s < spaces.Length; s++)
            {
                var (first, count) = spaces[s];
                var space = combined;
                if (count == 1)
                {
                    space = perAtom[first];
                }
                else
                {
                    Combine(perAtom, first, count, combined, max);
                }

                double r = best[k - 1];
                if (inclusive)
                {
                    r = 0;
                    for (int j = 0; j < k; j++)
                    {
                        r = Math.Max(r, space[ids[j]]);
                    }
                }

                int c = CountBelow(space, r, inclusive);
                counts[s][i] = inclusive || r > 0 ? c - 1 : c;
            }
        });

        return counts;
    }

    // The number of values < r (≤ r when inclusive), vectorised.
    private static int CountBelow(double[] values, double r, bool inclusive)
    {
        var lanes = MemoryMarshal.Cast<double, Vector<double>>(values.AsSpan());
        var vr = new Vector<double>(r);
        var acc = Vector<long>.Zero;
        for (int b = 0; b < lanes.Length; b++)
        {
            acc -= inclusive ? Vector.LessThanOrEqual(lanes[b], vr) : Vector.LessThan(lanes[b], vr);
        }

        int c = (int)Vector.Sum(acc);
        for (int j = lanes.Length * Vector<double>.Count; j < values.Length; j++)
        {
            c += (inclusive ? values[j] <= r : values[j] < r) ? 1 : 0;
        }

        return c;
    }

    // combined = max (or sum) of the atoms' metric distances [first, first + count).
    private static void Combine(double[][] perAtom, int first, int count, double[] combined, bool max)
    {
        perAtom[first].CopyTo(combined, 0);
        for (int a = first + 1; a < first + count; a++)
        {
            if (max)
            {
                System.Numerics.Tensors.TensorPrimitives.Max(combined, perAtom[a], combined);
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Add(combined, perAtom[a], combined);
            }
        }
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
