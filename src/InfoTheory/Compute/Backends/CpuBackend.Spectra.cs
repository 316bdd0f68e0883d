using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>The CPU's spectra: one matrix with every core, or a batch one matrix per core or eight per 512-bit vector.</summary>
internal sealed partial class CpuBackend
{
    protected override void EigenvaluesCore(Span<double> matrix, int n, Span<double> eigenvalues, ComputeContext context) =>
        SymmetricEigenvalues.ComputeInPlace(matrix, n, eigenvalues, context.Parallel, context.Work);

    protected override void EigenvaluesBatchCore(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, ComputeContext context)
    {
        SymmetricEigenvalues.ComputeBatch(matrices, n, count, eigenvalues, context.CancellationToken);
        context.Advance(count);
    }

    /// <summary>
    /// With 512-bit vectors and 8 ≤ N ≤ 256: the products formed straight into the interleaved layout, eight per group,
    /// one group per core (<see cref="SymmetricEigenvalues"/>' batched path); otherwise one product per core, each
    /// spectrum on its core. Each spectrum also checks the token per panel of its own reduction.
    /// </summary>
    protected override void SubsetSpectraCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues,
        ComputeContext context)
    {
        var result = new double[subsets.Count * n];
        if (SymmetricEigenvalues.UseInterleaved(n, subsets.Count))
        {
            SpectraInterleaved(matrices, n, subsets, result, context);
        }
        else
        {
            var inner = context.WithoutProgress.Work;
            PerCore(matrices, n, subsets, context, (s, product) =>
                SymmetricEigenvalues.ComputeInPlace(product, n, result.AsSpan(s * n, n), parallel: false, inner));
        }

        result.CopyTo(eigenvalues);
    }

    protected override void SubsetSquaredNormsCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms,
        ComputeContext context)
    {
        var result = new double[subsets.Count];
        PerCore(matrices, n, subsets, context, (s, product) => result[s] = TensorPrimitives.SumOfSquares(product));
        result.CopyTo(squaredNorms);
    }

    /// <summary>
    /// One spectrum: the reduction's panels (<see cref="EigenWorkspaceBytes"/>). A batch: the larger of one product matrix per
    /// core (with its reduction's workspace) and, where the interleaved path runs, one group of eight per core.
    /// </summary>
    protected override long SpectraWorkspaceBytesCore(int n, int count)
    {
        if (count <= 1)
        {
            return EigenWorkspaceBytes(n);
        }

        long matrix = (long)n * n * sizeof(double);
        long perCore = Math.Min(count, Environment.ProcessorCount) * matrix + EigenWorkspaceBytes(n);
        if (!SymmetricEigenvalues.UseInterleaved(n, count))
        {
            return perCore;
        }

        int lanes = SymmetricEigenvalues.InterleavedLanes;
        long groups = Math.Min((count + lanes - 1) / lanes, Environment.ProcessorCount);
        return Math.Max(perCore, groups * (lanes * matrix + 4L * n * lanes * sizeof(double)));
    }

    /// <summary>The eigen solvers' workspace besides the matrix itself: panels of 32 to 64 columns per thread.</summary>
    internal static long EigenWorkspaceBytes(int n) => (long)n * 64 * (4 + Environment.ProcessorCount) * sizeof(double);

    /// <summary>
    /// <paramref name="use"/>(s, product) for every subset s, the product formed in a per-worker N×N matrix; one subset per
    /// core at a time, each counted to the context when done.
    /// </summary>
    private static void PerCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, ComputeContext context, Action<int, double[]> use)
    {
        var loop = new ParallelOptions
        {
            MaxDegreeOfParallelism = context.Parallel ? Environment.ProcessorCount : 1,
            CancellationToken = context.CancellationToken,
        };
        Parallel.For(0, subsets.Count, loop, () => new double[n * n], (s, _, product) =>
        {
            context.ThrowIfCancellationRequested();
            Instance.HadamardProductCore(matrices, subsets[s], n, product);
            use(s, product);
            context.Advance(1);
            return product;
        }, _ => { });
    }

    /// <summary>
    /// The spectra eight (or four) at a time, one Hadamard product per SIMD lane (<see cref="SymmetricEigenvalues"/>'s
    /// interleaved batch path), one group per core: the products are formed straight into the interleaved layout.
    /// </summary>
    private static void SpectraInterleaved(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, double[] eigenvalues, ComputeContext context)
    {
        int L = SymmetricEigenvalues.InterleavedLanes;
        int jobs = subsets.Count, groups = (jobs + L - 1) / L;
        var loop = new ParallelOptions
        {
            MaxDegreeOfParallelism = context.Parallel ? Environment.ProcessorCount : 1,
            CancellationToken = context.CancellationToken,
        };
        Parallel.For(0, groups, loop, g =>
        {
            context.ThrowIfCancellationRequested();
            int first = g * L, used = Math.Min(L, jobs - first);
            double[] packed = SymmetricEigenvalues.InterleavedWorkspace(n);
            for (int l = 0; l < L; l++)
            {
                if (l < used)
                {
                    PackProduct(matrices, subsets[first + l], n, packed, l);
                }
                else
                {
                    SymmetricEigenvalues.ClearLane(n, packed, l);
                }
            }

            SymmetricEigenvalues.ComputeInterleaved(packed, n, used, eigenvalues.AsSpan(first * n, used * n));
            context.Advance(used);
        });
    }

    /// <summary>Lane <paramref name="lane"/> ← lower triangle of the Hadamard product of the matrices <paramref name="subset"/> names.</summary>
    private static void PackProduct(IReadOnlyList<double[]> matrices, int[] subset, int n, double[] packed, int lane)
    {
        int L = SymmetricEigenvalues.InterleavedLanes;
        Span<double> row = n <= 512 ? stackalloc double[n] : new double[n];
        for (int r = 0; r < n; r++)
        {
            Span<double> part = row[..(r + 1)];
            matrices[subset[0]].AsSpan(r * n, r + 1).CopyTo(part);
            for (int k = 1; k < subset.Length; k++)
            {
                TensorPrimitives.Multiply(part, matrices[subset[k]].AsSpan(r * n, r + 1), part);
            }

            Span<double> dst = packed.AsSpan(r * n * L + lane);
            for (int j = 0; j <= r; j++)
            {
                dst[j * L] = part[j];
            }
        }
    }
}
