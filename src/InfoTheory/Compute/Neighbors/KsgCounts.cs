using System.Numerics;
using System.Runtime.InteropServices;

namespace InfoTheory.Compute;

/// <summary>
/// The CPU backend's KSG counts (<see cref="ComputeBackend.KsgNeighborCounts"/>) in subspaces of a joint space. Estimator
/// 1: the k-th neighbor distance ε(i) in the joint space, then in each subspace the number of OTHER points strictly
/// closer than ε(i). Estimator 2: in each subspace εₛ(i), the largest subspace distance from i to its k joint neighbors,
/// then the number of other points within εₛ(i) (≤). Memory O(N·d + N·spaces); no N×N matrix.
/// </summary>
internal static class KsgCounts
{
    /// <summary>
    /// counts[s][i] for each subspace s (a column range) of <paramref name="joint"/> (double precision). The joint
    /// columns are split into consecutive blocks ("atoms") at every range's ends; each subspace is a run of atoms.
    /// </summary>
    public static int[][] Compute(Samples joint, ReadOnlySpan<(int Start, int Length)> ranges, int k, KsgVariant variant, KnnNorm norm, NeighborSearch search)
    {
        int n = joint.Count, spaceCount = ranges.Length;
        // The atoms' boundaries: 0, d and both ends of every range, in order.
        var cuts = new SortedSet<int> { 0, joint.Dimensions };
        foreach (var (start, length) in ranges)
        {
            cuts.Add(start);
            cuts.Add(start + length);
        }

        var starts = cuts.ToArray();
        var spaces = new (int FirstAtom, int AtomCount)[spaceCount];
        for (int s = 0; s < spaceCount; s++)
        {
            int first = Array.IndexOf(starts, ranges[s].Start);
            spaces[s] = (first, Array.IndexOf(starts, ranges[s].Start + ranges[s].Length) - first);
        }

        if (!NeighborIndex.UseTree(n, joint.Dimensions, search))
        {
            return BruteForce(joint, starts, spaces, k, variant, norm);
        }

        var rangeArray = ranges.ToArray();

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
                var (start, length) = rangeArray[s];
                double widest = 0;
                for (int j = 0; j < k; j++)
                {
                    double m = ComputeBackend.Distance(row.Slice(start, length), joint.Row(ids[j]).Slice(start, length), norm);
                    if (m > widest) widest = m;
                }

                radius[s][i] = widest;
            }
        }, index.QueryOrder);

        var counts = new int[spaceCount][];
        for (int s = 0; s < spaceCount; s++)
        {
            var (start, length) = rangeArray[s];
            var marginal = ComputeBackend.Columns(joint, start, length);
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
    /// The brute-force path, fused: per query point, the distances to all points are computed once per atom (vectorised,
    /// O(N·atoms) scratch per worker), combined into the joint distance for the k-th neighbor, and the same stored
    /// atom distances are combined again for the subspace counts, so no distance is computed twice.
    /// </summary>
    private static int[][] BruteForce(Samples joint, int[] starts, (int FirstAtom, int AtomCount)[] spaces, int k, KsgVariant variant, KnnNorm norm)
    {
        int n = joint.Count, atomCount = starts.Length - 1;
        var atoms = new BruteForceIndex[atomCount];
        var atomPoints = new Samples[atomCount];
        for (int a = 0; a < atomCount; a++)
        {
            atomPoints[a] = ComputeBackend.Columns(joint, starts[a], starts[a + 1] - starts[a]);
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
}
