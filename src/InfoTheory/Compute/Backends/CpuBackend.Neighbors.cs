using InfoTheory.Compute;

namespace InfoTheory;

/// <summary>
/// The CPU's neighbor searches: per space a k-d tree, a sorted array (1-D) or vectorised brute force, as
/// <see cref="NeighborSearch"/> decides (<see cref="NeighborIndex"/>), queried in parallel in a cache-friendly order.
/// </summary>
internal sealed partial class CpuBackend
{
    protected override void NearestNeighborsCore(Samples samples, int k, Span<double> distances, Span<int> indices, KnnNorm norm, NeighborSearch search)
    {
        var points = samples.ToDouble();
        int n = points.Count;
        var d = new double[n * k];
        var ids = new int[n * k];
        var index = NeighborIndex.Create(points, norm, search);
        ParallelQueries.For(n, () => 0, (i, _) => index.Nearest(points.Row(i), i, d.AsSpan(i * k, k), ids.AsSpan(i * k, k)), index.QueryOrder);
        d.CopyTo(distances);
        ids.CopyTo(indices);
    }

    protected override void NearestNeighborDistancesCore(Samples queries, Samples reference, int k, Span<double> distances, KnnNorm norm, NeighborSearch search)
    {
        var q = queries.ToDouble();
        var index = NeighborIndex.Create(reference.ToDouble(), norm, search);
        var d = new double[q.Count * k];
        ParallelQueries.For(q.Count, () => new int[k], (i, ids) => index.Nearest(q.Row(i), -1, d.AsSpan(i * k, k), ids));
        d.CopyTo(distances);
    }

    protected override void CountWithinCore(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, KnnNorm norm, NeighborSearch search)
    {
        var points = samples.ToDouble();
        var r = radii.ToArray();
        var c = new int[points.Count];
        var index = NeighborIndex.Create(points, norm, search);
        ParallelQueries.For(points.Count, () => 0, (i, _) =>
        {
            int found = index.CountWithin(points.Row(i), r[i], inclusive);
            // The point itself is at distance 0: counted when 0 < r (strict) or always (≤).
            c[i] = inclusive || r[i] > 0 ? found - 1 : found;
        }, index.QueryOrder);
        c.CopyTo(counts);
    }

    /// <summary>
    /// The fused counts of <see cref="KsgCounts"/>: trees for the joint search and each subspace's counts, or, where the
    /// joint space falls to brute force, one pass over the data per point that reuses each atom's distance row for the
    /// joint k-th neighbor and every subspace count.
    /// </summary>
    protected override void KsgNeighborCountsCore(Samples joint, ReadOnlySpan<(int Start, int Length)> subspaces, int k, KsgVariant variant, Span<int> counts,
        KnnNorm norm, NeighborSearch search)
    {
        var result = KsgCounts.Compute(joint.ToDouble(), subspaces, k, variant, norm, search);
        int n = joint.Count;
        for (int s = 0; s < result.Length; s++)
        {
            result[s].CopyTo(counts.Slice(s * n, n));
        }
    }
}
