using System.Globalization;
using ILGPU;
using ILGPU.Runtime;

namespace InfoTheory.Ilgpu;

/// <summary>
/// The eigenvalue orchestration: batches of small matrices through one of the batched solvers, large matrices through
/// the blocked tridiagonalisation and bisection, and the Hadamard products of the subset spectra formed on the device.
/// </summary>
public sealed partial class IlgpuBackend
{
    // Single matrices up to this order go to the batched solver (one launch or two); larger ones to the per-column path.
    private const int JacobiSingleMaximum = 32;
    private const int MaxJacobiSweeps = 40;

    /// <inheritdoc />
    protected override void EigenvaluesCore(Span<double> matrix, int n, Span<double> eigenvalues, ComputeContext context)
    {
        MirrorLower(matrix, n);
        if (n <= JacobiSingleMaximum)
        {
            EigenvaluesBatch(matrix, n, 1, eigenvalues, _options.BatchedEigenSolver);
        }
        else if (!Fits(LargeEigenBytes(n), nameof(Eigenvalues)))
        {
            Cpu.EigenvaluesInPlace(matrix, n, eigenvalues, context);
            return;
        }
        else
        {
            int exponent = ScaleToUnit(matrix);
            lock (_gate)
            {
                var k = Ready();
                using var a = Upload(matrix);
                Tridiagonal(k, a.View, n, exponent).CopyTo(eigenvalues);
            }
        }

        context.Advance(n);
    }

    /// <inheritdoc />
    protected override void EigenvaluesBatchCore(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, ComputeContext context)
    {
        EigenvaluesBatch(matrices, n, count, eigenvalues, _options.BatchedEigenSolver);
        context.Advance(count);
    }

    /// <summary>
    /// <see cref="ComputeBackend.EigenvaluesBatch"/> with the given batched solver, for count ≥ 1 matrices whose lower
    /// triangles are finite (tests compare the two solvers).
    /// </summary>
    internal void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, IlgpuBatchedEigenSolver solver)
    {
        long nn = (long)n * n;
        var copy = matrices[..(int)(nn * count)].ToArray();
        for (int b = 0; b < count; b++)
        {
            MirrorLower(copy.AsSpan((int)(b * nn), (int)nn), n);
        }

        if (n > DeviceKernels.MaxBatchedOrder)
        {
            for (int b = 0; b < count; b++)
            {
                EigenvaluesCore(copy.AsSpan((int)(b * nn), (int)nn), n, eigenvalues.Slice(b * n, n), ComputeContext.Default);
            }

            return;
        }

        long perMatrix = 8L * nn + SolverBytes(n, solver);
        int chunk = ChunkFor(count, perMatrix, 0);
        if (chunk < 1)
        {
            Fallback(nameof(EigenvaluesBatch), perMatrix, Available());
            Cpu.EigenvaluesBatch(matrices, n, count, eigenvalues);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var batch = _accelerator.Allocate1D<double>(chunk * nn);
            using var buffers = new SolverBuffers(_accelerator, chunk, n, solver);
            for (int start = 0; start < count; start += chunk)
            {
                int m = Math.Min(chunk, count - start);
                FromHost(batch.View.SubView(0, m * nn), copy.AsSpan((int)(start * nn), (int)(m * nn)));
                SolveBatch(k, batch.View, n, m, buffers, start, eigenvalues.Slice(start * n, m * n));
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The Grams go up once; each chunk of products is formed on the device and solved there (batched solver up
    /// to order 1024, else one matrix at a time through the blocked path). Counts each chunk when it returns.</remarks>
    protected override void SubsetSpectraCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues,
        ComputeContext context)
    {
        long nn = (long)n * n, stackBytes = 8L * nn * matrices.Count;
        bool large = n > DeviceKernels.MaxBatchedOrder;
        var solver = _options.BatchedEigenSolver;
        long perMatrix = large ? LargeEigenBytes(n) : 8L * nn + SolverBytes(n, solver);
        int chunk = large ? (Available() >= stackBytes + perMatrix ? 1 : 0) : ChunkFor(subsets.Count, perMatrix, stackBytes);
        if (chunk < 1)
        {
            Fallback(nameof(SubsetSpectra), stackBytes + perMatrix, Available());
            Cpu.SubsetSpectra(matrices, n, subsets, eigenvalues, context);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var stack = UploadStack(matrices, nn);
            using var batch = _accelerator.Allocate1D<double>(chunk * nn);
            using var buffers = new SolverBuffers(_accelerator, large ? 0 : chunk, n, solver);
            for (int start = 0; start < subsets.Count; start += chunk)
            {
                context.ThrowIfCancellationRequested();
                int m = Math.Min(chunk, subsets.Count - start);
                Products(k, stack, Slice(subsets, start, m), n, batch.View.SubView(0, m * nn));
                if (large)
                {
                    Tridiagonal(k, batch.View, n, 0).CopyTo(eigenvalues.Slice(start * n, n));
                }
                else
                {
                    SolveBatch(k, batch.View, n, m, buffers, start, eigenvalues.Slice(start * n, m * n));
                }

                context.Advance(m);
            }
        }
    }

    /// <inheritdoc />
    protected override void SubsetSquaredNormsCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms,
        ComputeContext context)
    {
        long nn = (long)n * n, stackBytes = 8L * nn * matrices.Count;
        int chunk = ChunkFor(subsets.Count, 8L * (nn + 1), stackBytes);
        if (chunk < 1)
        {
            Fallback(nameof(SubsetSquaredNorms), stackBytes + 8L * (nn + 1), Available());
            Cpu.SubsetSquaredNorms(matrices, n, subsets, squaredNorms, context);
            return;
        }

        lock (_gate)
        {
            var k = Ready();
            using var stack = UploadStack(matrices, nn);
            using var batch = _accelerator.Allocate1D<double>(chunk * nn);
            using var sums = _accelerator.Allocate1D<double>(chunk);
            for (int start = 0; start < subsets.Count; start += chunk)
            {
                context.ThrowIfCancellationRequested();
                int m = Math.Min(chunk, subsets.Count - start);
                Products(k, stack, Slice(subsets, start, m), n, batch.View.SubView(0, m * nn));
                k.SquaredNormBatch(new KernelConfig(m, _group), batch.View, n, sums.View);
                ToHost(sums.View.SubView(0, m), squaredNorms.Slice(start, m));
                context.Advance(m);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The products and the solvers' buffers live on the device; on the host only the outputs.</remarks>
    protected override long SpectraWorkspaceBytesCore(int n, int count) => 0;

    /// <summary>Eigenvalues of one matrix by the batched Jacobi kernel (tests compare the two device paths).</summary>
    internal double[] EigenvaluesByJacobi(double[] matrix, int n)
    {
        var result = new double[n];
        var copy = (double[])matrix.Clone();
        MirrorLower(copy, n);
        lock (_gate)
        {
            var k = Ready();
            using var batch = Upload(copy);
            using var values = _accelerator.Allocate1D<double>(n);
            using var sweeps = _accelerator.Allocate1D<int>(1);
            Jacobi(k, batch.View, n, 1, values.View, sweeps.View, result);
        }

        return result;
    }

    /// <summary>Eigenvalues of one matrix by device tridiagonalisation and host QL (tests compare the two device paths).</summary>
    internal double[] EigenvaluesByTridiagonal(double[] matrix, int n)
    {
        var copy = (double[])matrix.Clone();
        MirrorLower(copy, n);
        int exponent = ScaleToUnit(copy);
        lock (_gate)
        {
            var k = Ready();
            using var a = Upload(copy);
            return Tridiagonal(k, a.View, n, exponent);
        }
    }

    /// <summary>Runs the batched Jacobi kernel on m matrices and writes their sorted eigenvalues to the host.</summary>
    private void Jacobi(CompiledKernels k, ArrayView<double> batch, int n, int m, ArrayView<double> values, ArrayView<int> sweeps, Span<double> destination)
    {
        // Stop at an off-diagonal norm of max(1e-15, n·ε)·‖A‖_F: below the backward error of the CPU solver (≈ n·ε·‖A‖),
        // and reachable in rounding arithmetic (fused multiply-adds included).
        k.JacobiBatch(new KernelConfig(m, _group), batch, n, values, MaxJacobiSweeps, Math.Max(1e-15, n * 2.220446049250313e-16), sweeps);
        ToHost(values.SubView(0, (long)m * n), destination[..(m * n)]);
        for (int b = 0; b < m; b++)
        {
            destination.Slice(b * n, n).Sort();
        }
    }

    /// <summary>The m matrices of <paramref name="batch"/> (destroyed) by the buffers' solver; sorted eigenvalues to the host.</summary>
    private void SolveBatch(CompiledKernels k, ArrayView<double> batch, int n, int m, SolverBuffers buffers, int first, Span<double> destination)
    {
        if (buffers.Solver == IlgpuBatchedEigenSolver.Jacobi)
        {
            Jacobi(k, batch, n, m, buffers.Values.View, buffers.Status.View, destination);
        }
        else
        {
            TridiagonalBatch(k, batch, n, m, buffers, first, destination);
        }
    }

    /// <summary>
    /// Householder tridiagonalisation of the m matrices (one launch, one group each), root-free QL (one launch, one
    /// thread per matrix), then each matrix's eigenvalues sorted ascending on the host, as the Jacobi path returns them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The QL iteration did not converge for a matrix (as on the CPU).</exception>
    /// <exception cref="ArithmeticException">The tridiagonal is not finite (entries near the float64 limit).</exception>
    private void TridiagonalBatch(CompiledKernels k, ArrayView<double> batch, int n, int m, SolverBuffers buffers, int first, Span<double> destination)
    {
        long length = (long)m * n;
        var d = buffers.Values.View.SubView(0, length);
        var e = buffers.OffDiagonals!.View.SubView(0, length);
        var status = buffers.Status.View.SubView(0, m);
        k.TridiagonalizeBatch(new KernelConfig(m, _group), batch, n, buffers.Work!.View, d, e);
        k.TridiagonalQLBatch(m, d, e, n, m, status);
        var flags = status.GetAsArray1D();
        for (int b = 0; b < m; b++)
        {
            if (flags[b] == 1)
            {
                throw new InvalidOperationException(
                    $"The tridiagonal QL iteration did not converge in {30 * n} sweeps (n = {n}, matrix {first + b} of the batch); the matrix may contain values near the floating-point limits.");
            }

            if (flags[b] == 2)
            {
                throw new ArithmeticException(
                    $"The Householder reduction of matrix {first + b} of the batch (n = {n}) overflowed: its tridiagonal form has values beyond the float64 range (entries near 1.8e308); scale the matrices down first.");
            }
        }

        // Interleaved on the device (element i of matrix b at i·m + b): transpose, then sort each matrix's values.
        var interleaved = new double[length];
        ToHost(d, interleaved);
        for (int b = 0; b < m; b++)
        {
            var values = destination.Slice(b * n, n);
            for (int i = 0; i < n; i++)
            {
                values[i] = interleaved[(long)i * m + b];
            }

            values.Sort();
        }
    }

    /// <summary>
    /// Scales a matrix in place by the power of two 2^−e that brings its largest entry into [1, 2) (exact), and returns
    /// e: the sums of squares of the reflectors then neither overflow (entries near 1e200) nor underflow (near 1e−200).
    /// </summary>
    private static int ScaleToUnit(Span<double> matrix)
    {
        double largest = 0;
        foreach (double v in matrix)
        {
            largest = Math.Max(largest, Math.Abs(v));
        }

        if (largest == 0)
        {
            return 0;
        }

        int exponent = Math.ILogB(largest);
        for (int i = 0; i < matrix.Length; i++)
        {
            matrix[i] = Math.ScaleB(matrix[i], -exponent);
        }

        return exponent;
    }

    /// <summary>
    /// Householder tridiagonalisation of the symmetric matrix in <paramref name="a"/> on the device (destroyed; both
    /// triangles are read and kept), then the tridiagonal's eigenvalues by bisection on the device; ascending, and
    /// multiplied by 2^<paramref name="exponent"/> (undoing <see cref="ScaleToUnit"/>).
    /// </summary>
    private double[] Tridiagonal(CompiledKernels k, ArrayView<double> a, int n, int exponent)
    {
        var d = new double[n];
        var e = new double[Math.Max(1, n)];
        if (n == 1)
        {
            ToHost(a.SubView(0, 1), d.AsSpan());
            return [Math.ScaleB(d[0], exponent)];
        }

        // Panels of b reflectors (blocked reduction, see DeviceKernels.BlockedTridiagonal.cs): per reflector the panel's
        // row correction + reflector, the mat-vec of the panel-start trailing block with its correction, and w; per
        // panel one rank-2b update of the trailing block.
        int b = Math.Min(_options.TridiagonalPanel, Math.Max(1, n - 2));
        using var ut = _accelerator.Allocate1D<double>((long)b * n);
        using var wt = _accelerator.Allocate1D<double>((long)b * n);
        using var dots = _accelerator.Allocate1D<double>(2L * b);
        using var dd = _accelerator.Allocate1D<double>(n);
        using var ee = _accelerator.Allocate1D<double>(n);
        using var partials = _accelerator.Allocate1D<double>(Math.Max(1, SymvPartials(n)));
        for (int start = 0; start < n - 2; start += b)
        {
            int count = Math.Min(b, n - 2 - start);
            for (int j = 0; j < count; j++)
            {
                int step = start + j, trailing = n - step - 1;
                var u = ut.View.SubView((long)j * n, n);
                var w = wt.View.SubView((long)j * n, n);
                k.PanelReflector(new KernelConfig(1, _group), a, n, step, ut.View, wt.View, j, dd.View, ee.View);
                // The symmetric mat-vec over the lower triangle of the trailing block, one group per tile.
                long blocks = (trailing + DeviceKernels.SymvTile - 1) / DeviceKernels.SymvTile;
                k.SymvTiles(new KernelConfig((int)(blocks * (blocks + 1) / 2), DeviceKernels.SymvTile), a, n, step + 1, u, partials.View);
                if (j > 0)
                {
                    k.PanelDots(new KernelConfig(2 * j, _group), ut.View, wt.View, n, step, j, dots.View);
                }

                k.SymvSum(trailing, partials.View, n, step + 1, (int)blocks, ut.View, wt.View, j, dots.View);
                k.RankTwoVector(new KernelConfig(1, _group), u, w, n, step);
            }

            int from = start + count, m = n - from, tiles = (m + 3) / 4;
            k.PanelUpdate(new Index2D(tiles, tiles), a, n, from, ut.View, wt.View, count);
        }

        if (n > 2)
        {
            ToHost(dd.View.SubView(0, n - 2), d.AsSpan(0, n - 2));
            ToHost(ee.View.SubView(0, n - 2), e.AsSpan(0, n - 2));
        }

        var corner = new double[4];
        ToHost(a.SubView((long)(n - 2) * n + n - 2, 2), corner.AsSpan(0, 2));
        ToHost(a.SubView((long)(n - 1) * n + n - 2, 2), corner.AsSpan(2, 2));
        d[n - 2] = corner[0];
        d[n - 1] = corner[3];
        e[n - 2] = corner[2];
        var values = TridiagonalOnDevice(k, d, e);
        for (int i = 0; i < n; i++)
        {
            values[i] = Math.ScaleB(values[i], exponent);
        }

        return values;
    }

    /// <summary>
    /// Eigenvalues of the tridiagonal (d, e) by bisection on the device, one thread per eigenvalue, ascending. The
    /// bracket is Gershgorin's, widened as dstebz does; the tolerance is 2ε·‖T‖ — the size of the rounding errors of
    /// the reduction that produced T, so no eigenvalue is less accurate than the QL iteration would make it.
    /// </summary>
    private double[] TridiagonalOnDevice(CompiledKernels k, double[] d, double[] e)
    {
        // T comes from a matrix of unit size (ScaleToUnit, or a trace-normalised product), so e² neither overflows nor
        // underflows harmfully; pivmin guards the Sturm recurrence against the rest.
        int n = d.Length;
        const double Epsilon = 2.220446049250313e-16, SafeMinimum = 2.2250738585072014e-308;
        double lower = double.PositiveInfinity, upper = double.NegativeInfinity, largestSquare = 0;
        var e2 = new double[Math.Max(1, n - 1)];
        for (int i = 0; i < n; i++)
        {
            RequireFinite(d[i]);
            double left = i > 0 ? Math.Abs(e[i - 1]) : 0, right = 0;
            if (i < n - 1)
            {
                RequireFinite(e[i]);
                right = Math.Abs(e[i]);
                e2[i] = e[i] * e[i];
                largestSquare = Math.Max(largestSquare, e2[i]);
            }

            lower = Math.Min(lower, d[i] - left - right);
            upper = Math.Max(upper, d[i] + left + right);
        }

        if (largestSquare == 0)
        {
            // Already diagonal (e.g. a zero matrix): the eigenvalues are d, exactly.
            var diagonal = d.ToArray();
            Array.Sort(diagonal);
            return diagonal;
        }

        double norm = Math.Max(Math.Abs(lower), Math.Abs(upper));
        double pivmin = SafeMinimum * Math.Max(1, largestSquare);
        double widen = 2.1 * Epsilon * norm * n + 4 * pivmin;
        lower -= widen;
        upper += widen;
        double tolerance = 2 * Epsilon * norm + 2 * pivmin;
        var result = new double[n];
        using var dd = Upload(d);
        using var ee = Upload(e2);
        using var values = _accelerator.Allocate1D<double>(n);
        k.Bisection(n, dd.View, ee.View, n, lower, upper, tolerance, pivmin, values.View);
        ToHost(values.View, result);
        return result;
    }

    /// <summary>Copies the strict lower triangle onto the upper one (the device kernels read both).</summary>
    private static void MirrorLower(Span<double> matrix, int n)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                matrix[j * n + i] = matrix[i * n + j];
            }
        }
    }

    /// <summary>The tridiagonal of a finite matrix is finite unless the reduction overflowed (entries near the float64 limit).</summary>
    private static void RequireFinite(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArithmeticException(
                $"The Householder reduction gave {value.ToString(CultureInfo.InvariantCulture)} in the tridiagonal: the matrix has entries near the float64 limit; scale it down first.");
        }
    }

    private static int[][] Slice(IReadOnlyList<int[]> subsets, int start, int count)
    {
        var part = new int[count][];
        for (int s = 0; s < count; s++)
        {
            part[s] = subsets[start + s];
        }

        return part;
    }
}
