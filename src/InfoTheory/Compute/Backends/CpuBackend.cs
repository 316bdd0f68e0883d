using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>
/// The managed CPU backend: the library's own vectorised, multi-core code. Grams are built over the lower triangle (the
/// distance pass in blocks of rows where the dimension is high) and the kernel pass over the same matrix (<see cref="PairwiseDistances"/>); a single
/// spectrum is reduced in place with every core (<see cref="SymmetricEigenvalues"/>); batches of spectra run one matrix
/// per core, or eight at a time in the lanes of a 512-bit vector; α = 2 streams pair sums with no N×N matrix; neighbor
/// searches and counts use a k-d tree, a sorted array or vectorised brute force (<see cref="NeighborSearch"/>).
/// Stateless and thread-safe.
/// </summary>
internal sealed partial class CpuBackend : ComputeBackend
{
    private CpuBackend()
    {
    }

    public static CpuBackend Instance { get; } = new();

    public override string Name => "cpu";

    /// <summary>The body of <see cref="ForEachRow"/>: row <c>row</c> of <c>matrix</c> (a span a lambda cannot capture).</summary>
    private delegate void MatrixRow(Span<double> matrix, int row);

    protected override void SquaredDistancesCore(Samples samples, Span<double> destination, ComputeContext context)
    {
        int n = samples.Count;
        new PairwiseDistances(samples).FillLower(destination, context.Parallel, context.Work);
        for (int i = 0; i < n; i++)
        {
            destination[i * n + i] = 0;
        }

        PairwiseDistances.MirrorLower(destination, n);
    }

    protected override void UnitGramCore(Samples samples, IKernel kernel, double width, Span<double> destination, ComputeContext context)
    {
        // The distance pass counts the rows; the kernel pass over the same lower triangle only checks for cancellation.
        int n = samples.Count;
        new PairwiseDistances(samples).FillLower(destination, context.Parallel, context.Work);
        KernelRows(destination, n, kernel, width, context.WithoutProgress);
    }

    protected override void UnitGramFromSquaredDistancesCore(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext context) =>
        KernelRows(matrix, n, kernel, width, context);

    protected override void HadamardProductCore(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        int nn = n * n;
        var first = matrices[subset[0]].AsSpan(0, nn);
        if (!(destination.Overlaps(first, out int offset) && offset == 0))
        {
            first.CopyTo(destination);
        }

        for (int q = 1; q < subset.Length; q++)
        {
            TensorPrimitives.Multiply(destination, matrices[subset[q]].AsSpan(0, nn), destination);
        }
    }

    protected override double SquaredFrobeniusNormCore(ReadOnlySpan<double> values) => TensorPrimitives.SumOfSquares(values);

    /// <summary>K̃ from squared distances in the strict lower triangle: κ/κ(0) row by row, a unit diagonal, then mirrored.</summary>
    private static void KernelRows(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext context)
    {
        double k0 = kernel.Evaluate(0, width);
        ForEachRow(matrix, n, context.Parallel, (k, i) =>
        {
            var row = k.Slice(i * n, i);
            kernel.Evaluate(row, width, row);
            if (k0 != 1)
            {
                TensorPrimitives.Divide(row, k0, row);
            }

            k[i * n + i] = 1;
        }, context);
        PairwiseDistances.MirrorLower(matrix, n);
    }

    /// <summary>
    /// <see cref="PairwiseDistances.Rows"/> over a matrix given as a span: rows interleaved across cores, each row
    /// counted to the context (which throws there once cancelled).
    /// </summary>
    private static unsafe void ForEachRow(Span<double> matrix, int n, bool parallel, MatrixRow body, ComputeContext context)
    {
        fixed (double* start = matrix)
        {
            nint address = (nint)start;
            int length = matrix.Length;
            PairwiseDistances.Rows(n, parallel, i => body(new Span<double>((void*)address, length), i), context.Work);
        }
    }
}
