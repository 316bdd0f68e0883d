using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>The CPU's streamed pair sums of α = 2: no N×N matrix, the rows in fixed blocks.</summary>
internal sealed partial class CpuBackend
{
    // Rows per block of the streamed sums: fixed, so the sums do not depend on the number of threads.
    private const int RowBlock = 64;

    /// <summary>Adds row <c>i</c>'s contribution to each of the sums.</summary>
    private delegate void RowTerm(int row, Span<double> sums);

    protected override double GaussianPairSumCore(Samples samples, ComputeContext context)
    {
        int n = samples.Count;
        var distances = new PairwiseDistances(samples.ToDouble());
        return SumOverRows(n, 1, context, () =>
        {
            var scratch = new double[n];
            return (i, sums) => sums[0] += distances.SumOfNegativeExponentials(i, scratch);
        })[0];
    }

    /// <summary>Per row, the kernel rows of every variable (κ/κ(0)), then per subset the sum of squares of their product.</summary>
    protected override void KernelPairSumsCore(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, IReadOnlyList<int[]> subsets,
        Span<double> sums, ComputeContext context)
    {
        int n = variables[0].Count, v = variables.Count;
        var distances = new PairwiseDistances[v];
        var k0 = new double[v];
        var width = widths.ToArray();
        for (int p = 0; p < v; p++)
        {
            distances[p] = new PairwiseDistances(variables[p]);
            k0[p] = kernel.Evaluate(0, width[p]);
        }

        var total = SumOverRows(n, subsets.Count, context, () =>
        {
            var rows = new double[v * n];
            var product = new double[n];
            return (i, sums) =>
            {
                for (int p = 0; p < v; p++)
                {
                    var row = rows.AsSpan(p * n, i);
                    distances[p].LowerRow(i, row);
                    kernel.Evaluate(row, width[p], row);
                    if (k0[p] != 1)
                    {
                        TensorPrimitives.Divide(row, k0[p], row);
                    }
                }

                for (int s = 0; s < subsets.Count; s++)
                {
                    var prod = product.AsSpan(0, i);
                    var subset = subsets[s];
                    rows.AsSpan(subset[0] * n, i).CopyTo(prod);
                    for (int q = 1; q < subset.Length; q++)
                    {
                        TensorPrimitives.Multiply(prod, rows.AsSpan(subset[q] * n, i), prod);
                    }

                    sums[s] += TensorPrimitives.SumOfSquares(prod);
                }
            };
        });
        total.CopyTo(sums);
    }

    /// <summary>
    /// Σ over rows of <paramref name="width"/> sums, rows taken in fixed blocks, each block summed in order and the blocks
    /// then added in order: the result does not depend on the number of threads. <paramref name="newWorker"/> gives each
    /// block its own scratch buffers. Each block's rows are counted to the context when it is done (a block of 64 rows
    /// takes milliseconds, which bounds how late a cancellation is seen).
    /// </summary>
    private static double[] SumOverRows(int n, int width, ComputeContext context, Func<RowTerm> newWorker)
    {
        int blocks = (n + RowBlock - 1) / RowBlock;
        var partial = new double[blocks * width];
        void Block(int b)
        {
            var term = newWorker();
            var sums = partial.AsSpan(b * width, width);
            int end = Math.Min(n, (b + 1) * RowBlock);
            for (int i = b * RowBlock; i < end; i++)
            {
                term(i, sums);
            }

            context.Advance(end - b * RowBlock);
        }

        if (context.Parallel && blocks > 1)
        {
            Parallel.For(0, blocks, context.Work?.ParallelOptions ?? new ParallelOptions(), Block);
        }
        else
        {
            for (int b = 0; b < blocks; b++)
            {
                Block(b);
            }
        }

        var total = new double[width];
        for (int b = 0; b < blocks; b++)
        {
            for (int s = 0; s < width; s++)
            {
                total[s] += partial[b * width + s];
            }
        }

        return total;
    }
}
