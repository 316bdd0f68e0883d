namespace InfoTheory.Ilgpu;

/// <summary>
/// Brute-force neighbor searches and radius counts on the device, one thread per query (O(N²·d) work in parallel where
/// the CPU would use a k-d tree); the KSG counts combine the two through <see cref="ComputeBackend"/>'s default.
/// </summary>
public sealed partial class IlgpuBackend
{
    /// <inheritdoc />
    protected override void NearestNeighborsCore(Samples samples, int k, Span<double> distances, Span<int> indices, KnnNorm norm, NeighborSearch search)
    {
        if (!Neighbors(samples, samples, k, excludeSelf: true, norm, distances, indices, nameof(NearestNeighbors)))
        {
            Cpu.NearestNeighbors(samples, k, distances, indices, norm, search);
        }
    }

    /// <inheritdoc />
    protected override void NearestNeighborDistancesCore(Samples queries, Samples reference, int k, Span<double> distances, KnnNorm norm, NeighborSearch search)
    {
        var ids = new int[queries.Count * k];
        if (!Neighbors(queries, reference, k, excludeSelf: false, norm, distances, ids, nameof(NearestNeighborDistances)))
        {
            Cpu.NearestNeighborDistances(queries, reference, k, distances, norm, search);
        }
    }

    /// <inheritdoc />
    protected override void CountWithinCore(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, KnnNorm norm, NeighborSearch search)
    {
        int n = samples.Count, d = samples.Dimensions;
        if (!Fits(8L * n * d + 12L * n, nameof(CountWithin)))
        {
            Cpu.CountWithin(samples, radii, inclusive, counts, norm, search);
            return;
        }

        lock (_gate)
        {
            var kernels = Ready();
            using var x = Upload(samples.ToArray());
            using var r = Upload(radii);
            using var c = _accelerator.Allocate1D<int>(n);
            kernels.CountWithin(n, x.View, n, d, r.View, inclusive ? 1 : 0, norm == KnnNorm.Max ? 1 : 0, c.View);
            ToHost(c.View, counts);
        }
    }

    /// <summary>The k nearest reference rows of every query on the device; false when it does not fit and the policy allows the CPU.</summary>
    private bool Neighbors(Samples queries, Samples reference, int k, bool excludeSelf, KnnNorm norm, Span<double> distances, Span<int> indices,
        string operation)
    {
        int m = queries.Count, n = reference.Count, d = queries.Dimensions;
        long bytes = 8L * ((long)(excludeSelf ? n : m + n) * d) + 12L * m * k;
        if (!Fits(bytes, operation))
        {
            return false;
        }

        lock (_gate)
        {
            var kernels = Ready();
            using var r = Upload(reference.ToArray());
            using var q = excludeSelf ? null : Upload(queries.ToArray());
            using var dist = _accelerator.Allocate1D<double>((long)m * k);
            using var ids = _accelerator.Allocate1D<int>((long)m * k);
            kernels.Nearest(m, (q ?? r).View, r.View, n, d, k, excludeSelf ? 1 : 0, norm == KnnNorm.Max ? 1 : 0, dist.View, ids.View);
            ToHost(dist.View, distances[..(m * k)]);
            ToHost(ids.View, indices[..(m * k)]);
        }

        return true;
    }
}
