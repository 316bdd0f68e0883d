using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>
/// The managed CPU backend: the library's own vectorised, multi-core code (<see cref="PairwiseDistances"/>,
/// <see cref="SymmetricEigenvalues"/>). Stateless and thread-safe.
/// </summary>
internal sealed class CpuBackend : ComputeBackend
{
    // Spectra of matrices up to this order run one matrix per core; larger ones use every core inside one matrix.
    private const int SmallOrder = 512;

    private CpuBackend()
    {
    }

    public static CpuBackend Instance { get; } = new();

    public override string Name => "cpu";

    internal override bool IsManagedCpu => true;

    public override void SquaredDistances(Samples samples, Span<double> destination)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        PairwiseDistances.Squared(samples.ToDouble(), parallel: true).CopyTo(destination);
    }

    public override void UnitGram(Samples samples, IKernel kernel, double width, Span<double> destination)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        double k0 = BackendGuard.KernelAtZero(kernel, width);
        var k = new double[(long)n * n];
        var distances = new PairwiseDistances(samples.ToDouble());
        PairwiseDistances.Rows(n, true, i =>
        {
            var row = k.AsSpan(i * n, i);
            distances.LowerRow(i, row);
            kernel.Evaluate(row, width, row);
            if (k0 != 1)
            {
                TensorPrimitives.Divide(row, k0, row);
            }

            k[i * n + i] = 1;
        });
        PairwiseDistances.MirrorLower(k, n);
        k.CopyTo(destination);
    }

    public override void NormalizedHadamard(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        BackendGuard.Subset(matrices, subset, n, nameof(subset));
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        var dst = destination[..(n * n)];
        matrices[subset[0]].AsSpan(0, n * n).CopyTo(dst);
        for (int q = 1; q < subset.Length; q++)
        {
            TensorPrimitives.Multiply(dst, matrices[subset[q]].AsSpan(0, n * n), dst);
        }

        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            trace += dst[i * n + i];
        }

        BackendGuard.Trace(trace, nameof(subset));
        TensorPrimitives.Divide(dst, trace, dst);
    }

    public override double SquaredFrobeniusNorm(ReadOnlySpan<double> values) => BackendGuard.FiniteSum(TensorPrimitives.SumOfSquares(values), nameof(values));

    public override double GaussianPairSum(Samples samples)
    {
        BackendGuard.Finite(samples, nameof(samples));
        return RenyiEngine.GaussianPairSum(samples, parallel: true);
    }

    public override void Eigenvalues(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues)
    {
        BackendGuard.Output(eigenvalues.Length, n, nameof(eigenvalues));
        SymmetricEigenvalues.Compute(matrix, n).CopyTo(eigenvalues);
    }

    public override void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues) =>
        SymmetricEigenvalues.ComputeBatch(matrices, n, count, eigenvalues);

    public override void NearestNeighbourDistances(Samples samples, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(samples, nameof(samples));
        BackendGuard.Neighbours(samples.Count, k, nameof(k));
        BackendGuard.Metric(metric);
        BackendGuard.Output(destination.Length, (long)samples.Count * k, nameof(destination));
        var x = samples.ToDouble().ToArray();
        var distances = new double[(long)samples.Count * k];
        Scan(x, x, samples.Dimensions, k, excludeSelf: true, metric == NeighbourMetric.Chebyshev, distances, null);
        distances.CopyTo(destination);
    }

    public override void NearestNeighbours(Samples samples, int k, Span<double> distances, Span<int> indices, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(samples, nameof(samples));
        BackendGuard.Neighbours(samples.Count, k, nameof(k));
        BackendGuard.Metric(metric);
        long length = (long)samples.Count * k;
        BackendGuard.Output(distances.Length, length, nameof(distances));
        BackendGuard.Output(indices.Length, length, nameof(indices));
        var x = samples.ToDouble().ToArray();
        var d = new double[length];
        var ids = new int[length];
        Scan(x, x, samples.Dimensions, k, excludeSelf: true, metric == NeighbourMetric.Chebyshev, d, ids);
        d.CopyTo(distances);
        ids.CopyTo(indices);
    }

    public override void NearestNeighbourDistances(Samples queries, Samples reference, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(queries, nameof(queries));
        BackendGuard.Finite(reference, nameof(reference));
        BackendGuard.CrossNeighbours(queries, reference, k);
        BackendGuard.Metric(metric);
        BackendGuard.Output(destination.Length, (long)queries.Count * k, nameof(destination));
        var distances = new double[(long)queries.Count * k];
        Scan(queries.ToDouble().ToArray(), reference.ToDouble().ToArray(), queries.Dimensions, k, excludeSelf: false,
            metric == NeighbourMetric.Chebyshev, distances, null);
        distances.CopyTo(destination);
    }

    public override void CountWithin(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count, d = samples.Dimensions;
        BackendGuard.Metric(metric);
        BackendGuard.Radii(radii, n);
        BackendGuard.Output(counts.Length, n, nameof(counts));
        bool chebyshev = metric == NeighbourMetric.Chebyshev;
        var x = samples.ToDouble().ToArray();
        var r = radii.ToArray();
        var result = new int[n];
        Parallel.For(0, n, i =>
        {
            var xi = x.AsSpan(i * d, d);
            int c = 0;
            for (int j = 0; j < n; j++)
            {
                double m = Distance(xi, x.AsSpan(j * d, d), chebyshev);
                c += j != i && (inclusive ? m <= r[i] : m < r[i]) ? 1 : 0;
            }

            result[i] = c;
        });
        result.CopyTo(counts);
    }

    public override void SubsetSpectra(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        if (n > SmallOrder)
        {
            base.SubsetSpectra(matrices, n, subsets, eigenvalues);
            return;
        }

        BackendGuard.Output(eigenvalues.Length, (long)subsets.Count * n, nameof(eigenvalues));
        foreach (var subset in subsets)
        {
            BackendGuard.Subset(matrices, subset, n, nameof(subsets));
        }

        var result = new double[subsets.Count * n];
        Parallel.For(0, subsets.Count, () => new double[n * n], (s, _, work) =>
        {
            NormalizedHadamard(matrices, subsets[s], n, work);
            SymmetricEigenvalues.ComputeInPlace(work, n, result.AsSpan(s * n, n), parallel: false);
            return work;
        }, _ => { });
        result.CopyTo(eigenvalues);
    }

    /// <summary>
    /// For every query row, the k nearest reference rows (skipping the same index when <paramref name="excludeSelf"/>),
    /// by insertion: a later candidate must be strictly closer to pass an earlier one, so ties keep the smaller index.
    /// </summary>
    private static void Scan(double[] queries, double[] reference, int d, int k, bool excludeSelf, bool chebyshev, double[] distances, int[]? indices)
    {
        int m = queries.Length / Math.Max(d, 1), n = reference.Length / Math.Max(d, 1);
        Parallel.For(0, m, i =>
        {
            var best = distances.AsSpan(i * k, k);
            var ids = indices is null ? Span<int>.Empty : indices.AsSpan(i * k, k);
            best.Fill(double.PositiveInfinity);
            ids.Fill(-1);
            var xi = queries.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                if (excludeSelf && j == i)
                {
                    continue;
                }

                double value = Distance(xi, reference.AsSpan(j * d, d), chebyshev);
                int at = k - 1;
                if (!(value < best[at]))
                {
                    continue;
                }

                while (at > 0 && best[at - 1] > value)
                {
                    best[at] = best[at - 1];
                    if (!ids.IsEmpty)
                    {
                        ids[at] = ids[at - 1];
                    }

                    at--;
                }

                best[at] = value;
                if (!ids.IsEmpty)
                {
                    ids[at] = j;
                }
            }
        });
    }

    /// <summary>Squared Euclidean or max-norm distance, coordinates in order (the device kernels sum in the same order).</summary>
    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b, bool chebyshev)
    {
        double sum = 0;
        for (int c = 0; c < a.Length; c++)
        {
            double diff = a[c] - b[c];
            sum = chebyshev ? Math.Max(sum, Math.Abs(diff)) : sum + diff * diff;
        }

        return sum;
    }
}
