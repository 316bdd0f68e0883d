using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The neighbor searches and counts of the k-NN estimators.</summary>
public abstract partial class ComputeBackend
{
    /// <summary>
    /// The k nearest neighbors of every observation among the others (j ≠ i), ascending by distance. Exact: the distances
    /// are the same on every backend; neighbors at equal distances may come in any order (a brute-force search keeps the
    /// smaller index first, a tree the one it meets first). Duplicates give distance 0. The Kozachenko–Leonenko and KSG
    /// estimators' search.
    /// </summary>
    /// <param name="samples">N observations, N &gt; k.</param>
    /// <param name="k">1 ≤ k &lt; N.</param>
    /// <param name="distances">N·k values, row i at [i·k, (i+1)·k), in the norm's units (squared for Euclidean).</param>
    /// <param name="indices">N·k neighbor indices, laid out as <paramref name="distances"/>.</param>
    /// <param name="norm">The max-norm or the Euclidean norm.</param>
    /// <param name="search">How the CPU finds them (a k-d tree, a sorted array or brute force; the result is the same); other backends may ignore it.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, k out of range, an unknown norm or search, or an output too short.</exception>
    public void NearestNeighbors(Samples samples, int k, Span<double> distances, Span<int> indices, KnnNorm norm, NeighborSearch search = NeighborSearch.Auto)
    {
        BackendGuard.Finite(samples, nameof(samples));
        BackendGuard.Neighbors(samples.Count, k, nameof(k));
        EnumGuard.Defined(norm);
        EnumGuard.Defined(search);
        int length = samples.Count * k;
        BackendGuard.Output(distances.Length, length, nameof(distances));
        BackendGuard.Output(indices.Length, length, nameof(indices));
        NearestNeighborsCore(samples, k, distances[..length], indices[..length], norm, search);
    }

    /// <summary>
    /// The k nearest distances from every query to a reference set (no observation excluded: the sets are different),
    /// ascending. The second search of the Wang–Kulkarni–Verdú divergence estimator.
    /// </summary>
    /// <param name="queries">M observations.</param>
    /// <param name="reference">N ≥ k observations of the same dimension.</param>
    /// <param name="k">1 ≤ k ≤ N.</param>
    /// <param name="distances">M·k values, row i at [i·k, (i+1)·k), in the norm's units.</param>
    /// <param name="norm">The max-norm or the Euclidean norm.</param>
    /// <param name="search">How the CPU finds them; other backends may ignore it.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, dimensions that differ, k out of range, an unknown norm or search, or the output too short.</exception>
    public void NearestNeighborDistances(Samples queries, Samples reference, int k, Span<double> distances, KnnNorm norm,
        NeighborSearch search = NeighborSearch.Auto)
    {
        BackendGuard.Finite(queries, nameof(queries));
        BackendGuard.Finite(reference, nameof(reference));
        BackendGuard.CrossNeighbors(queries, reference, k);
        EnumGuard.Defined(norm);
        EnumGuard.Defined(search);
        int length = queries.Count * k;
        BackendGuard.Output(distances.Length, length, nameof(distances));
        NearestNeighborDistancesCore(queries, reference, k, distances[..length], norm, search);
    }

    /// <summary>
    /// Neighbor counts: counts[i] = #{ j ≠ i : dist(xᵢ, xⱼ) &lt; radii[i] } (≤ when <paramref name="inclusive"/>).
    /// </summary>
    /// <param name="samples">N observations.</param>
    /// <param name="radii">N radii in the norm's units (squared for Euclidean), each finite and ≥ 0.</param>
    /// <param name="inclusive">Count distances equal to the radius too.</param>
    /// <param name="counts">Receives N counts.</param>
    /// <param name="norm">The max-norm or the Euclidean norm.</param>
    /// <param name="search">How the CPU counts (a k-d tree, a sorted array or brute force); other backends may ignore it.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, a radius negative or not finite, lengths that disagree, or an unknown norm or search.</exception>
    public void CountWithin(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, KnnNorm norm, NeighborSearch search = NeighborSearch.Auto)
    {
        BackendGuard.Finite(samples, nameof(samples));
        EnumGuard.Defined(norm);
        EnumGuard.Defined(search);
        int n = samples.Count;
        BackendGuard.Radii(radii, n);
        BackendGuard.Output(counts.Length, n, nameof(counts));
        CountWithinCore(samples, radii, inclusive, counts[..n], norm, search);
    }

    /// <summary>
    /// The marginal neighbor counts of the KSG estimators (Kraskov, Stögbauer &amp; Grassberger 2004,
    /// doi:10.1103/PhysRevE.69.066138) in subspaces of a joint space. Estimator 1: ε(i), the distance from i to its k-th
    /// neighbor in the joint space, then in each subspace the number of other points strictly closer than ε(i).
    /// Estimator 2: in each subspace εₛ(i), the largest subspace distance from i to its k joint neighbors, then the
    /// number of other points within εₛ(i) (≤). No N×N matrix.
    /// </summary>
    /// <param name="joint">N observations of the joint space, N &gt; k.</param>
    /// <param name="subspaces">Column ranges of <paramref name="joint"/> (each non-empty), e.g. <c>[0..dx, dx..(dx + dy)]</c>.</param>
    /// <param name="k">1 ≤ k &lt; N.</param>
    /// <param name="variant">Estimator 1 or 2.</param>
    /// <param name="counts">Receives subspaces.Length·N counts, subspace s at [s·N, (s+1)·N).</param>
    /// <param name="norm">The norm, in the joint space and in every subspace.</param>
    /// <param name="search">How the CPU searches and counts; other backends may ignore it.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, k out of range, no or a bad subspace, an unknown variant, norm or search, or the output too short.</exception>
    public void KsgNeighborCounts(Samples joint, ReadOnlySpan<Range> subspaces, int k, KsgVariant variant, Span<int> counts, KnnNorm norm,
        NeighborSearch search = NeighborSearch.Auto)
    {
        BackendGuard.Finite(joint, nameof(joint));
        BackendGuard.Neighbors(joint.Count, k, nameof(k));
        EnumGuard.Defined(variant);
        EnumGuard.Defined(norm);
        EnumGuard.Defined(search);
        var ranges = BackendGuard.Subspaces(subspaces, joint.Dimensions, nameof(subspaces));
        int length = ranges.Length * joint.Count;
        BackendGuard.Output(counts.Length, length, nameof(counts));
        KsgNeighborCountsCore(joint, ranges, k, variant, counts[..length], norm, search);
    }

    /// <summary>Writes <see cref="NearestNeighbors"/> (arguments checked; outputs exactly N·k).</summary>
    /// <param name="samples">N finite observations.</param>
    /// <param name="k">1 ≤ k &lt; N.</param>
    /// <param name="distances">N·k values.</param>
    /// <param name="indices">N·k indices.</param>
    /// <param name="norm">The norm.</param>
    /// <param name="search">The CPU's search.</param>
    protected abstract void NearestNeighborsCore(Samples samples, int k, Span<double> distances, Span<int> indices, KnnNorm norm, NeighborSearch search);

    /// <summary>Writes <see cref="NearestNeighborDistances"/> (arguments checked; output exactly M·k).</summary>
    /// <param name="queries">M finite observations.</param>
    /// <param name="reference">N ≥ k finite observations.</param>
    /// <param name="k">1 ≤ k ≤ N.</param>
    /// <param name="distances">M·k values.</param>
    /// <param name="norm">The norm.</param>
    /// <param name="search">The CPU's search.</param>
    protected abstract void NearestNeighborDistancesCore(Samples queries, Samples reference, int k, Span<double> distances, KnnNorm norm, NeighborSearch search);

    /// <summary>Writes <see cref="CountWithin"/> (arguments checked; counts exactly N).</summary>
    /// <param name="samples">N finite observations.</param>
    /// <param name="radii">N radii.</param>
    /// <param name="inclusive">≤ instead of &lt;.</param>
    /// <param name="counts">N counts.</param>
    /// <param name="norm">The norm.</param>
    /// <param name="search">The CPU's search.</param>
    protected abstract void CountWithinCore(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, KnnNorm norm, NeighborSearch search);

    /// <summary>
    /// Writes <see cref="KsgNeighborCounts"/> (arguments checked; ranges absolute and non-empty; counts exactly
    /// ranges·N). By default: <see cref="NearestNeighborsCore"/> in the joint space, the radii on the host, then one
    /// <see cref="CountWithinCore"/> per subspace.
    /// </summary>
    /// <param name="joint">N finite observations.</param>
    /// <param name="subspaces">Column ranges (start and length resolved).</param>
    /// <param name="k">1 ≤ k &lt; N.</param>
    /// <param name="variant">Estimator 1 or 2.</param>
    /// <param name="counts">ranges·N counts.</param>
    /// <param name="norm">The norm.</param>
    /// <param name="search">The CPU's search.</param>
    protected virtual void KsgNeighborCountsCore(Samples joint, ReadOnlySpan<(int Start, int Length)> subspaces, int k, KsgVariant variant,
        Span<int> counts, KnnNorm norm, NeighborSearch search)
    {
        int n = joint.Count;
        var distances = new double[n * k];
        var ids = new int[n * k];
        NearestNeighborsCore(joint, k, distances, ids, norm, search);
        var radius = new double[n];
        for (int s = 0; s < subspaces.Length; s++)
        {
            var (start, length) = subspaces[s];
            var marginal = Columns(joint, start, length);
            for (int i = 0; i < n; i++)
            {
                if (variant == KsgVariant.One)
                {
                    radius[i] = distances[i * k + k - 1];
                    continue;
                }

                double widest = 0;
                for (int j = 0; j < k; j++)
                {
                    widest = Math.Max(widest, Distance(marginal.Row(i), marginal.Row(ids[i * k + j]), norm));
                }

                radius[i] = widest;
            }

            CountWithinCore(marginal, radius, variant == KsgVariant.Two, counts.Slice(s * n, n), norm, search);
        }
    }

    /// <summary>The distance between two rows in the norm's units (max-norm, or squared Euclidean), coordinates in order.</summary>
    internal static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, KnnNorm norm)
    {
        double m = 0;
        for (int f = 0; f < a.Length; f++)
        {
            double t = a[f] - b[f];
            m = norm == KnnNorm.Max ? Math.Max(m, Math.Abs(t)) : m + t * t;
        }

        return m;
    }

    /// <summary>The columns [start, start + length) of <paramref name="samples"/> as a new double-precision sample.</summary>
    internal static Samples Columns(Samples samples, int start, int length)
    {
        int n = samples.Count, d = samples.Dimensions;
        var row = new double[d];
        var values = new double[n * length];
        for (int i = 0; i < n; i++)
        {
            samples.CopyRowTo(i, row);
            row.AsSpan(start, length).CopyTo(values.AsSpan(i * length, length));
        }

        return new Samples(values, length);
    }
}
