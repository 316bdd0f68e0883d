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
        int n = samples.Count;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        PairwiseDistances.Squared(samples.ToDouble(), parallel: true).CopyTo(destination);
    }

    public override void UnitGram(Samples samples, IKernel kernel, double width, Span<double> destination)
    {
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

    public override double SquaredFrobeniusNorm(ReadOnlySpan<double> values) => TensorPrimitives.SumOfSquares(values);

    public override void Eigenvalues(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues)
    {
        BackendGuard.Output(eigenvalues.Length, n, nameof(eigenvalues));
        SymmetricEigenvalues.Compute(matrix, n).CopyTo(eigenvalues);
    }

    public override void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues) =>
        SymmetricEigenvalues.ComputeBatch(matrices, n, count, eigenvalues);

    public override void NearestNeighbourDistances(Samples samples, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean)
    {
        int n = samples.Count, d = samples.Dimensions;
        BackendGuard.Neighbours(n, k, nameof(k));
        BackendGuard.Metric(metric);
        bool chebyshev = metric == NeighbourMetric.Chebyshev;
        BackendGuard.Output(destination.Length, (long)n * k, nameof(destination));
        var x = samples.ToDouble().ToArray();
        var result = new double[(long)n * k];
        Parallel.For(0, n, i =>
        {
            var best = result.AsSpan(i * k, k);
            best.Fill(double.PositiveInfinity);
            var xi = x.AsSpan(i * d, d);
            for (int j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var xj = x.AsSpan(j * d, d);
                double sum = 0;
                for (int c = 0; c < d; c++)
                {
                    double diff = xi[c] - xj[c];
                    sum = chebyshev ? Math.Max(sum, Math.Abs(diff)) : sum + diff * diff;
                }

                InsertSorted(best, sum);
            }
        });
        result.CopyTo(destination);
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

    /// <summary>Inserts <paramref name="value"/> into the ascending list <paramref name="best"/> if it is smaller than the last.</summary>
    internal static void InsertSorted(Span<double> best, double value)
    {
        int at = best.Length - 1;
        if (!(value < best[at]))
        {
            return;
        }

        while (at > 0 && best[at - 1] > value)
        {
            best[at] = best[at - 1];
            at--;
        }

        best[at] = value;
    }
}
