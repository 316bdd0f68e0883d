namespace InfoTheory.NearestNeighbors;

/// <summary>
/// The k-NN estimators' searches on a <see cref="ComputeBackend"/> other than the managed CPU path: brute-force
/// neighbours and radius counts, O(N²·d), which a GPU runs in parallel where the CPU path would use a k-d tree.
/// Distances are in the metric's units, as everywhere in this folder (squared for Euclidean).
/// </summary>
internal static class BackendNeighbors
{
    /// <summary>True when the searches go to <paramref name="backend"/> rather than the tree/brute-force CPU indexes.</summary>
    public static bool Use(ComputeBackend backend) => !backend.IsManagedCpu;

    /// <summary>The backend metric of a norm.</summary>
    public static NeighbourMetric Metric(KnnNorm norm) => norm == KnnNorm.Max ? NeighbourMetric.Chebyshev : NeighbourMetric.SquaredEuclidean;

    /// <summary>A point set as samples (no copy).</summary>
    public static Samples AsSamples(PointSet points) => new(points.Data, points.Dimensions);

    /// <summary>The k nearest distances of every point to the others (N·k, ascending per row).</summary>
    public static double[] Distances(ComputeBackend backend, PointSet points, int k, KnnNorm norm)
    {
        var distances = new double[(long)points.Count * k];
        backend.NearestNeighbourDistances(AsSamples(points), k, distances, Metric(norm));
        return distances;
    }
}
