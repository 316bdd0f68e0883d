using System.Globalization;
using System.Numerics.Tensors;
using InfoTheory.Compute;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Eigenvalues (no eigenvectors) of real symmetric matrices, in managed code: Householder reduction to tridiagonal
/// form, then the root-free implicit QL iteration on the tridiagonal.
/// </summary>
/// <remarks>
/// <para><b>Algorithm.</b> (1) Householder tridiagonalisation (Golub &amp; Van Loan, <i>Matrix Computations</i>,
/// 4th ed., §8.3.1): n−2 reflectors H = I − τ v vᵀ, each applied as the symmetric rank-2 update A ← A − v wᵀ − w vᵀ
/// with w = τ A v − ½ τ² (vᵀ A v) v. Single-threaded (and below n = 1200) this is done one reflector at a time
/// (vectorised; each step's rank-2 update is fused with the next step's symmetric mat-vec, and one pass over a
/// lower-triangle row yields both its row and its column contribution, so the triangle is swept once per step).
/// With several cores from n = 1200 the reduction is blocked as in LAPACK dsytrd/dlatrd: a panel of 48 reflectors
/// is formed with the trailing matrix updated lazily, then the trailing matrix receives one cache-tiled rank-96
/// update; the mat-vecs and the rank-96 updates are split over the cores with a fixed partition (so results are
/// reproducible run to run). From n = 2600 on, the reduction is two-stage (LAPACK
/// dsytrd_2stage; Bischof, Lang &amp; Sun, ACM TOMS 26, 2000): dense → band of half-width 32 with blocked
/// Householder transformations in compact WY form (only matrix–matrix products touch the big matrix), then
/// band → tridiagonal by Householder bulge chasing in cache. (2) Eigenvalues of the tridiagonal by the
/// Pal–Walker–Kahan root-free implicit QL iteration with a Wilkinson-type shift (as in LAPACK dsterf; Golub &amp;
/// Van Loan §8.3.5), with a closed form for 2×2 blocks.</para>
/// <para><b>Cost.</b> 4n³/3 flops for the reduction, O(n²) for the QL iteration; O(n) extra memory besides the
/// matrix (plus panels of O(64·n) for blocked sizes), and none per call up to n = 320 after the first call on a
/// thread (a per-thread workspace is reused). Only the lower triangle (entries [i, j] with j ≤ i) is read; the
/// strict upper triangle is ignored and may hold anything. Measured on a 2-core AVX-512 machine: 128×128 in about
/// 0.3 ms, 2048×2048 in about 0.4 s with both cores (see docs/benchmarks.md).</para>
/// <para><b>Accuracy.</b> The method is backward stable: the computed eigenvalues are the exact eigenvalues of
/// A + E with ‖E‖₂ ≲ c·n·ε·‖A‖₂, so every eigenvalue has an absolute error of order n·ε·‖A‖₂ (ε = 2⁻⁵³); in the
/// tests the error is below 1e-13·‖A‖_F. Small eigenvalues are therefore accurate in absolute, not relative, terms,
/// and a positive semidefinite matrix may yield tiny negative eigenvalues of order ε·‖A‖.</para>
/// <para>Matrices whose entries lie far outside [1e-120, 1e120] are rescaled by a power of two first (exact).</para>
/// </remarks>
// Public, unlike the rest of Numerics/: users spectrum-analyse their own kernel matrices with it, a backend author can
// fall back to it, the ILGPU tests (no access to internals) check the device solver against it, and its speed against
// libtorch and MathNet is documented (docs/benchmarks.md). The eigendecomposition with vectors is the PCA's engine only.
public static class SymmetricEigenvalues
{
    // With several cores, the blocked (parallel) one-stage reduction from this order on; single-threaded, the
    // fused unblocked reduction is the faster one-stage method at every size (measured).
    internal const int BlockedMinimum = 1200;

    // Compute/ComputeBatch copy matrices up to this order into a reused per-thread workspace (no allocation).
    internal const int WorkspaceMaximum = 320;
    internal const int PanelWidth = 48;
    internal const int ParallelMinimum = BlockedMinimum;

    // At and above this order the two-stage (dense → band → tridiagonal) reduction is used: there the one-stage
    // method's mat-vecs stream a lower triangle that no longer fits in the last-level cache (measured crossover
    // between 2048 and 4096 on a 32 MiB-L3 machine).
    internal const int TwoStageMinimum = 2600;
    internal const int BandWidth = 32;

    [ThreadStatic]
    private static double[]? t_work;

    /// <summary>Eigenvalues, in ascending order, of the symmetric <paramref name="n"/>×<paramref name="n"/> matrix
    /// <paramref name="matrix"/> (row-major). The input is not modified.</summary>
    /// <param name="matrix">The matrix, row-major, at least n² values. Only the lower triangle (column ≤ row) is read.</param>
    /// <param name="n">The order of the matrix, at least 1.</param>
    /// <param name="cancellationToken">Stops the work (checked per panel of the reduction: at n = 4096, 128 panels, the
    /// longest about 0.1 s on a 2-core machine).</param>
    /// <returns>A new array of the n eigenvalues, ascending.</returns>
    /// <exception cref="ArgumentException">n &lt; 1, the span is too short, or the lower triangle holds NaN or ±∞.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>Copies the matrix (n² doubles); use <see cref="ComputeInPlace(Span{double}, int, Span{double}, bool, CancellationToken)"/> to avoid the copy. Runs on several
    /// cores for n ≥ 1200. See the type remarks for algorithm, cost and accuracy.</remarks>
    public static double[] Compute(ReadOnlySpan<double> matrix, int n, CancellationToken cancellationToken = default)
    {
        ValidateShape(matrix.Length, n, nameof(matrix));
        var result = new double[n];
        long size = (long)n * n;
        if (n <= WorkspaceMaximum)
        {
            double[] work = Workspace(n);
            matrix[..(int)size].CopyTo(work);
            ComputeCore(work.AsSpan(0, (int)size), n, result, threads: 1, PanelWidth, nameof(matrix), WorkTracker.Create(null, cancellationToken));
        }
        else
        {
            double[] copy = GC.AllocateUninitializedArray<double>((int)size);
            matrix[..(int)size].CopyTo(copy);
            ComputeCore(copy, n, result, DefaultThreads(n, true), PanelWidth, nameof(matrix), WorkTracker.Create(null, cancellationToken));
        }

        return result;
    }

    /// <summary>Eigenvalues, in ascending order, of the symmetric matrix, using <paramref name="matrix"/> as
    /// workspace (its contents are destroyed), which saves the n² copy of <see cref="Compute"/>.</summary>
    /// <param name="matrix">The matrix, row-major, at least n² values; only the lower triangle is read; overwritten.</param>
    /// <param name="n">The order of the matrix, at least 1.</param>
    /// <param name="eigenvalues">Receives the n eigenvalues, ascending, in its first n entries; length ≥ n.</param>
    /// <param name="parallel">Whether large matrices (n ≥ 1200) may use several cores. Smaller matrices always run on
    /// the calling thread, so callers may run many of them inside their own parallel loop.</param>
    /// <param name="cancellationToken">Stops the work (checked per panel of the reduction); the matrix is then left
    /// partly reduced.</param>
    /// <exception cref="ArgumentException">n &lt; 1, a span is too short, or the lower triangle holds NaN or ±∞.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static void ComputeInPlace(Span<double> matrix, int n, Span<double> eigenvalues, bool parallel = true,
        CancellationToken cancellationToken = default) =>
        ComputeInPlace(matrix, n, eigenvalues, parallel, WorkTracker.Create(null, cancellationToken));

    /// <summary>As the public <see cref="ComputeInPlace(Span{double}, int, Span{double}, bool, CancellationToken)"/>, with
    /// the reduction's columns counted to <paramref name="work"/> (n per matrix).</summary>
    internal static void ComputeInPlace(Span<double> matrix, int n, Span<double> eigenvalues, bool parallel, WorkTracker? work)
    {
        ValidateShape(matrix.Length, n, nameof(matrix));
        ValidateOutput(eigenvalues.Length, (long)n, nameof(eigenvalues));
        ComputeCore(matrix[..(n * n)], n, eigenvalues[..n], DefaultThreads(n, parallel), PanelWidth, nameof(matrix), work);
    }

    /// <summary>Eigenvalues of <paramref name="count"/> symmetric n×n matrices stored back to back (row-major). For
    /// 8 ≤ n ≤ 256, where 512-bit vectors are accelerated, the matrices are processed in groups of eight, one per SIMD
    /// lane, through the same Householder reduction and root-free QL iteration (<c>BatchedTridiagonal</c>), one group
    /// per core; otherwise one matrix per core at a time, each reduced in cache on its worker.</summary>
    /// <param name="matrices">count·n² values: matrix b occupies [b·n², (b+1)·n²). Lower triangles read; not modified.</param>
    /// <param name="n">The order of every matrix, at least 1.</param>
    /// <param name="count">The number of matrices, at least 0.</param>
    /// <param name="eigenvalues">Receives count·n values: matrix b's eigenvalues, ascending, at [b·n, (b+1)·n).</param>
    /// <param name="cancellationToken">Stops the work (checked per matrix or group of matrices, and per panel of a large
    /// one's reduction); the output is then partly written.</param>
    /// <exception cref="ArgumentException">n &lt; 1, count &lt; 0, a span is too short, or a matrix holds NaN or ±∞.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static void ComputeBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues,
        CancellationToken cancellationToken = default)
    {
        if (n < 1)
        {
            throw new ArgumentException($"n = {n} must be at least 1; pass the order of the matrices.", nameof(n));
        }

        if (count < 0)
        {
            throw new ArgumentException($"count = {count} must be at least 0; pass the number of matrices.", nameof(count));
        }

        long size = (long)n * n;
        if (matrices.Length < size * count)
        {
            throw new ArgumentException(
                $"matrices has {matrices.Length} values but {count} matrices of {n}×{n} need {size * count}; pass count·n² values.",
                nameof(matrices));
        }

        ValidateOutput(eigenvalues.Length, (long)n * count, nameof(eigenvalues));
        if (count == 0)
        {
            return;
        }

        // Validate everything before starting, so a bad matrix does not leave half the output written.
        for (int b = 0; b < count; b++)
        {
            CheckFinite(matrices.Slice((int)(b * size), (int)size), n, nameof(matrices), b);
        }

        var work = WorkTracker.Create(null, cancellationToken);
        var loop = work?.ParallelOptions ?? new ParallelOptions();

        unsafe
        {
            fixed (double* pm = matrices, pe = eigenvalues)
            {
                nint am = (nint)pm, ae = (nint)pe;
                int sz = (int)size;
                if (UseInterleaved(n, count))
                {
                    // Groups of four or eight matrices, one per SIMD lane (see BatchedTridiagonal), one group per core at a time.
                    int L = InterleavedLanes;
                    int groups = (count + L - 1) / L;
                    Parallel.For(0, groups, loop, g =>
                    {
                        work?.ThrowIfCancellationRequested();
                        int first = g * L, used = Math.Min(L, count - first);
                        double[] packed = InterleavedWorkspace(n);
                        for (int l = 0; l < L; l++)
                        {
                            if (l < used)
                            {
                                PackLane(new ReadOnlySpan<double>((double*)am + (long)(first + l) * sz, sz), n, packed, l);
                            }
                            else
                            {
                                ClearLane(n, packed, l);
                            }
                        }

                        ComputeInterleaved(packed, n, used, new Span<double>((double*)ae + (long)first * n, used * n), nameof(matrices), first);
                    });
                    return;
                }

                Parallel.For(0, count, loop, b =>
                {
                    work?.ThrowIfCancellationRequested();
                    var src = new ReadOnlySpan<double>((double*)am + (long)b * sz, sz);
                    var dst = new Span<double>((double*)ae + (long)b * n, n);
                    if (n <= WorkspaceMaximum)
                    {
                        double[] buffer = Workspace(n);
                        src.CopyTo(buffer);
                        Solve(buffer.AsSpan(0, sz), n, dst, threads: 1, PanelWidth, work: work);
                    }
                    else
                    {
                        double[] copy = GC.AllocateUninitializedArray<double>(sz);
                        src.CopyTo(copy);
                        Solve(copy, n, dst, threads: 1, PanelWidth, work: work);
                    }
                });
            }
        }
    }

    /// <summary>
    /// Eigenvalues of up to <see cref="InterleavedLanes"/> (8) symmetric n×n matrices stored interleaved, one per
    /// SIMD lane: entry (r, j) of matrix l at <c>packed[(r·n + j)·Lanes + l]</c> (lower triangle read; destroyed).
    /// Matrix l's eigenvalues, ascending, go to <c>eigenvalues[l·n .. (l+1)·n)</c>, for l &lt; <paramref name="used"/>;
    /// unused lanes must hold finite values (zeros) and are ignored.
    /// </summary>
    /// <remarks>The batched ("compact") reduction of <see cref="BatchedTridiagonal"/>, then the same root-free QL as
    /// the single-matrix path; matrices whose entries lie far outside [1e-120, 1e120] are rescaled exactly first.</remarks>
    internal static void ComputeInterleaved(Span<double> packed, int n, int used, Span<double> eigenvalues, string name = "matrices", int firstIndex = 0)
    {
        int lanes = InterleavedLanes;
        var lower = packed[..(n * n * lanes)];

        // Finite check and magnitude per lane over the lower triangle.
        Span<double> amax = stackalloc double[lanes];
        Span<double> sum = stackalloc double[lanes];
        amax.Clear();
        sum.Clear();
        for (int r = 0; r < n; r++)
        {
            var row = lower.Slice(r * n * lanes, (r + 1) * lanes);
            for (int j = 0; j < row.Length; j += lanes)
            {
                for (int l = 0; l < lanes; l++)
                {
                    double v = row[j + l];
                    sum[l] += v;
                    amax[l] = Math.Max(amax[l], Math.Abs(v));
                }
            }
        }

        for (int l = 0; l < used; l++)
        {
            if (!double.IsFinite(sum[l]) || !double.IsFinite(amax[l]))
            {
                var single = new double[n * n];
                for (int k = 0; k < single.Length; k++)
                {
                    single[k] = packed[k * lanes + l];
                }

                CheckFinite(single, n, name, firstIndex + l);
            }
        }

        Span<int> exponents = stackalloc int[lanes];
        for (int l = 0; l < lanes; l++)
        {
            double m = amax[l];
            exponents[l] = m != 0 && (m > 1e120 || m < 1e-120) ? Math.ILogB(m) : 0;
            if (exponents[l] != 0)
            {
                for (int r = 0; r < n; r++)
                {
                    for (int j = 0; j <= r; j++)
                    {
                        ref double v = ref lower[(r * n + j) * lanes + l];
                        v = Math.ScaleB(v, -exponents[l]);
                    }
                }
            }
        }

        double[] scratch = ScratchVector(4 * n * lanes);
        var a = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Runtime.Intrinsics.Vector512<double>>(lower);
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Runtime.Intrinsics.Vector512<double>>(scratch.AsSpan(0, 4 * n * lanes));
        BatchedTridiagonal.Reduce(a, n, vectors[..n], vectors.Slice(n, n), vectors.Slice(2 * n, 2 * n));
        BatchedTridiagonalQL.Eigenvalues(vectors[..n], vectors.Slice(n, n), n, used, eigenvalues);

        for (int l = 0; l < used; l++)
        {
            Span<double> dl = eigenvalues.Slice(l * n, n);
            dl.Sort();
            if (exponents[l] != 0)
            {
                for (int k = 0; k < n; k++)
                {
                    dl[k] = Math.ScaleB(dl[k], exponents[l]);
                }
            }
        }
    }

    // The interleaved batch path up to this order (a group's lower triangles, 4·n² doubles, stay within L2) and only
    // where 512-bit vectors are hardware-accelerated (elsewhere one matrix per core runs the single-matrix path).
    internal const int InterleavedMaximum = 256;

    /// <summary>Matrices per interleaved group: one per lane of a <see cref="System.Runtime.Intrinsics.Vector512{T}"/>.</summary>
    internal const int InterleavedLanes = BatchedTridiagonal.Lanes;

    internal static bool UseInterleaved(int n, int count) =>
        System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated && n >= 8 && n <= InterleavedMaximum && count >= 2;

    [ThreadStatic]
    private static double[]? t_interleaved;

    /// <summary>A per-thread buffer for one interleaved group of order n.</summary>
    internal static double[] InterleavedWorkspace(int n)
    {
        int size = n * n * InterleavedLanes;
        double[]? w = t_interleaved;
        if (w is null || w.Length < size)
        {
            w = new double[size];
            t_interleaved = w;
        }

        return w;
    }

    /// <summary>Copies the lower triangle of a row-major n×n matrix into lane <paramref name="lane"/> of an interleaved group.</summary>
    internal static void PackLane(ReadOnlySpan<double> matrix, int n, Span<double> packed, int lane)
    {
        int L = InterleavedLanes;
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<double> row = matrix.Slice(r * n, r + 1);
            Span<double> dst = packed.Slice(r * n * L + lane);
            for (int j = 0; j < row.Length; j++)
            {
                dst[j * L] = row[j];
            }
        }
    }

    /// <summary>Zeros the lower triangle of lane <paramref name="lane"/> (an unused lane: a zero matrix reduces trivially).</summary>
    internal static void ClearLane(int n, Span<double> packed, int lane)
    {
        int L = InterleavedLanes;
        for (int r = 0; r < n; r++)
        {
            Span<double> dst = packed.Slice(r * n * L + lane);
            for (int j = 0; j <= r; j++)
            {
                dst[j * L] = 0;
            }
        }
    }

    /// <summary>Validates values and solves; <paramref name="a"/> is exactly n² long and is destroyed.</summary>
    internal static void ComputeCore(Span<double> a, int n, Span<double> eigenvalues, int threads, int panelWidth, string name, WorkTracker? work)
    {
        CheckFinite(a, n, name, -1);
        Solve(a, n, eigenvalues, threads, panelWidth, work: work);
    }

    /// <summary>The solver proper, after validation. Two-stage from <see cref="TwoStageMinimum"/> (or with
    /// <paramref name="twoStageBand"/> &gt; 0), blocked with several threads from <see cref="BlockedMinimum"/> (or with
    /// <paramref name="forceBlocked"/>; tests use both to exercise panel edges on small matrices), else unblocked.
    /// With <paramref name="work"/>, the reductions check for cancellation per panel (or every few steps) and count the
    /// matrix's n columns to it.</summary>
    internal static void Solve(Span<double> a, int n, Span<double> eigenvalues, int threads, int panelWidth, bool forceBlocked = false,
        int twoStageBand = 0, bool forceUnblocked = false, WorkTracker? work = null)
    {
        var progress = work is null ? null : new ReductionProgress(work, n);
        progress?.ThrowIfCancellationRequested();
        if (n == 1)
        {
            eigenvalues[0] = a[0];
            progress?.Finish();
            return;
        }

        // Rescale (by a power of two, exactly) only when the entries are near the ends of the double range.
        double amax = 0;
        for (int r = 0; r < n; r++)
        {
            amax = Math.Max(amax, Math.Abs(TensorPrimitives.MaxMagnitude(a.Slice(r * n, r + 1))));
        }

        if (amax == 0)
        {
            eigenvalues[..n].Clear();
            progress?.Finish();
            return;
        }

        int exponent = 0;
        if (amax > 1e120 || amax < 1e-120)
        {
            exponent = Math.ILogB(amax);
            for (int r = 0; r < n; r++)
            {
                Span<double> row = a.Slice(r * n, r + 1);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = Math.ScaleB(row[j], -exponent);
                }
            }
        }

        Span<double> d = eigenvalues[..n];
        double[] scratch = ScratchVector(3 * n);
        Span<double> e = scratch.AsSpan(0, n);
        if (twoStageBand > 0 || (n >= TwoStageMinimum && !forceBlocked && !forceUnblocked))
        {
            TwoStageTridiagonal.Reduce(a, n, d, e, twoStageBand > 0 ? twoStageBand : BandWidth, threads, progress);
        }
        else if (forceBlocked || (threads > 1 && n >= BlockedMinimum && !forceUnblocked))
        {
            int finishBelow = forceBlocked ? Math.Min(2 * panelWidth, 64) : 2 * panelWidth;
            HouseholderTridiagonal.ReduceBlocked(a, n, d, e, panelWidth, threads, finishBelow, progress);
        }
        else
        {
            HouseholderTridiagonal.ReduceUnblocked(a, n, n, d, e, scratch.AsSpan(n, 2 * n), progress);
        }

        TridiagonalQL.Eigenvalues(d, e, n);
        d.Sort();
        if (exponent != 0)
        {
            for (int k = 0; k < n; k++)
            {
                d[k] = Math.ScaleB(d[k], exponent);
            }
        }

        progress?.Finish();
    }

    private static int DefaultThreads(int n, bool parallel) =>
        parallel && n >= ParallelMinimum ? Math.Clamp(Environment.ProcessorCount, 1, 8) : 1;

    [ThreadStatic]
    private static double[]? t_vector;

    private static double[] ScratchVector(int n)
    {
        double[]? v = t_vector;
        if (v is null || v.Length < n)
        {
            v = new double[Math.Max(n, 64)];
            t_vector = v;
        }

        return v;
    }

    private static double[] Workspace(int n)
    {
        int size = n * n;
        double[]? w = t_work;
        if (w is null || w.Length < size)
        {
            w = new double[size];
            t_work = w;
        }

        return w;
    }

    private static void ValidateShape(int length, int n, string name)
    {
        if (n < 1)
        {
            throw new ArgumentException($"n = {n} must be at least 1; pass the order of the square matrix.", nameof(n));
        }

        if (n > 46340)
        {
            throw new ArgumentException($"n = {n} is too large: n² must fit in a span (n ≤ 46340).", nameof(n));
        }

        if (length < (long)n * n)
        {
            throw new ArgumentException(
                $"{name} has {length} values but an {n}×{n} matrix needs {(long)n * n}; pass n² values in row-major order.", name);
        }
    }

    private static void ValidateOutput(int length, long needed, string name)
    {
        if (length < needed)
        {
            throw new ArgumentException(
                $"{name} has length {length} but {needed} eigenvalues will be written; pass a span of at least {needed}.", name);
        }
    }

    /// <summary>Throws on NaN/±∞ in the lower triangle (the only part that is read).</summary>
    private static void CheckFinite(ReadOnlySpan<double> a, int n, string name, int batchIndex)
    {
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<double> row = a.Slice(r * n, r + 1);

            // The sum is finite unless some entry is NaN/∞ (or it overflows); look closer only then.
            if (double.IsFinite(TensorPrimitives.Sum(row)))
            {
                continue;
            }

            for (int j = 0; j <= r; j++)
            {
                if (!double.IsFinite(row[j]))
                {
                    string which = batchIndex >= 0 ? $"matrix {batchIndex}, " : string.Empty;
                    throw new ArgumentException(
                        $"{name} contains {row[j].ToString(CultureInfo.InvariantCulture)} at {which}row {r}, column {j}; eigenvalues need finite entries: remove or impute non-finite values first.",
                        name);
                }
            }
        }
    }
}
