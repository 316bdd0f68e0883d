namespace InfoTheory;

/// <summary>The spectra and norms of the matrix-based Rényi estimators.</summary>
public abstract partial class ComputeBackend
{
    /// <summary>
    /// The eigenvalues, ascending, of one symmetric N×N matrix (only its lower triangle is read; the matrix is not
    /// modified: a copy is taken, see <see cref="EigenvaluesInPlace"/>). Progress: N units (columns of the reduction).
    /// </summary>
    /// <param name="matrix">N² values, row-major.</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="eigenvalues">Receives N values.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">Spans too short, N &lt; 1, or non-finite entries in the lower triangle.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void Eigenvalues(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues, ComputeContext? context = null)
    {
        CheckSpectrum(matrix, n, eigenvalues.Length, nameof(matrix));
        var copy = matrix[..(n * n)].ToArray();
        EigenvaluesCore(copy, n, eigenvalues[..n], context ?? ComputeContext.Default);
    }

    /// <summary>
    /// The eigenvalues, ascending, of one symmetric N×N matrix, using the matrix as workspace (its contents are
    /// destroyed): the estimators' path, which needs no second N×N matrix. Only the lower triangle is read. Progress: N
    /// units (columns of the reduction).
    /// </summary>
    /// <param name="matrix">N² values, row-major; overwritten.</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="eigenvalues">Receives N values.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">Spans too short, N &lt; 1, or non-finite entries in the lower triangle.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void EigenvaluesInPlace(Span<double> matrix, int n, Span<double> eigenvalues, ComputeContext? context = null)
    {
        CheckSpectrum(matrix, n, eigenvalues.Length, nameof(matrix));
        EigenvaluesCore(matrix[..(n * n)], n, eigenvalues[..n], context ?? ComputeContext.Default);
    }

    /// <summary>
    /// The eigenvalues, ascending, of <paramref name="count"/> symmetric N×N matrices stored back to back (lower triangles
    /// read, not modified). Progress: one unit per matrix.
    /// </summary>
    /// <param name="matrices">count·N² values; matrix b at [b·N², (b+1)·N²).</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="count">The number of matrices, ≥ 0.</param>
    /// <param name="eigenvalues">Receives count·N values, matrix b's at [b·N, (b+1)·N).</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">Spans too short, N &lt; 1, count &lt; 0, or non-finite entries.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, ComputeContext? context = null)
    {
        BackendGuard.Batch(matrices.Length, n, count, nameof(matrices));
        BackendGuard.Output(eigenvalues.Length, (long)n * count, nameof(eigenvalues));
        int nn = n * n;
        for (int b = 0; b < count; b++)
        {
            BackendGuard.FiniteLower(matrices.Slice(b * nn, nn), n, nameof(matrices), count > 1 ? b : -1);
        }

        if (count > 0)
        {
            EigenvaluesBatchCore(matrices[..(count * nn)], n, count, eigenvalues[..(count * n)], context ?? ComputeContext.Default);
        }
    }

    /// <summary>
    /// For each subset, the N eigenvalues (ascending) of the Hadamard product of the matrices it names (as
    /// <see cref="HadamardProduct"/>, not normalised): the spectra behind the joint entropies of a batch (the
    /// partial-information pass). A backend keeps the products on its device. Progress: one unit per subset.
    /// </summary>
    /// <param name="matrices">N×N symmetric matrices, finite (usually unit-diagonal Grams; each at least N² long).</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="subsets">Index lists into <paramref name="matrices"/> (each at least one index).</param>
    /// <param name="eigenvalues">Receives subsets.Count·N values, subset s at [s·N, (s+1)·N).</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">A bad subset, a non-finite matrix, or spans too short.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void SubsetSpectra(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues, ComputeContext? context = null)
    {
        CheckSubsets(matrices, n, subsets);
        BackendGuard.Output(eigenvalues.Length, (long)subsets.Count * n, nameof(eigenvalues));
        if (subsets.Count > 0)
        {
            SubsetSpectraCore(matrices, n, subsets, eigenvalues[..(subsets.Count * n)], context ?? ComputeContext.Default);
        }
    }

    /// <summary>
    /// For each subset, ‖∘ₚ Mₚ‖²_F of the Hadamard product of the matrices it names (not normalised): of unit-diagonal
    /// Grams, S₂ = 2·ln N − ln of it. Progress: one unit per subset.
    /// </summary>
    /// <param name="matrices">N×N matrices, finite (each at least N² long).</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="subsets">Index lists into <paramref name="matrices"/> (each at least one index).</param>
    /// <param name="squaredNorms">Receives subsets.Count values.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">A bad subset, a non-finite matrix, spans too short, or a product whose squares overflow.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void SubsetSquaredNorms(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms, ComputeContext? context = null)
    {
        CheckSubsets(matrices, n, subsets);
        BackendGuard.Output(squaredNorms.Length, subsets.Count, nameof(squaredNorms));
        if (subsets.Count == 0)
        {
            return;
        }

        var norms = squaredNorms[..subsets.Count];
        SubsetSquaredNormsCore(matrices, n, subsets, norms, context ?? ComputeContext.Default);
        foreach (double norm in norms)
        {
            BackendGuard.FiniteSum(norm, nameof(matrices));
        }
    }

    /// <summary>
    /// The host memory, in bytes, that the spectrum operations allocate beyond their arguments for matrices of order N:
    /// <see cref="EigenvaluesInPlace"/> when <paramref name="count"/> is 1, <see cref="SubsetSpectra"/> or
    /// <see cref="SubsetSquaredNorms"/> over <paramref name="count"/> subsets otherwise. The estimators add it to their
    /// memory plan (<c>MatrixRenyiOptions.MaxMemoryBytes</c>) before they allocate anything.
    /// </summary>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="count">Matrices or subsets, ≥ 1.</param>
    /// <returns>Bytes, ≥ 0.</returns>
    /// <exception cref="ArgumentException">N or count below 1.</exception>
    public long SpectraWorkspaceBytes(int n, int count)
    {
        if (n < 1)
        {
            throw new ArgumentException($"n = {n} must be at least 1; pass the order of the matrices.", nameof(n));
        }

        if (count < 1)
        {
            throw new ArgumentException($"count = {count} must be at least 1; pass the number of matrices or subsets.", nameof(count));
        }

        return Math.Max(0, SpectraWorkspaceBytesCore(n, count));
    }

    /// <summary>Writes the eigenvalues of <paramref name="matrix"/> (exactly N² finite values, destroyed) ascending; advance N columns.</summary>
    /// <param name="matrix">The matrix; only its lower triangle is meaningful.</param>
    /// <param name="n">N.</param>
    /// <param name="eigenvalues">N values.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected abstract void EigenvaluesCore(Span<double> matrix, int n, Span<double> eigenvalues, ComputeContext context);

    /// <summary>
    /// Writes <see cref="EigenvaluesBatch"/> (count ≥ 1, checked; advance one unit per matrix). By default one matrix at a
    /// time through <see cref="EigenvaluesCore"/>.
    /// </summary>
    /// <param name="matrices">count·N² values.</param>
    /// <param name="n">N.</param>
    /// <param name="count">The number of matrices.</param>
    /// <param name="eigenvalues">count·N values.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected virtual void EigenvaluesBatchCore(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues, ComputeContext context)
    {
        int nn = n * n;
        var work = new double[nn];
        for (int b = 0; b < count; b++)
        {
            matrices.Slice(b * nn, nn).CopyTo(work);
            EigenvaluesCore(work, n, eigenvalues.Slice(b * n, n), context.WithoutProgress);
            context.Advance(1);
        }
    }

    /// <summary>
    /// Writes <see cref="SubsetSpectra"/> (subsets checked, at least one; advance one unit per subset). By default one
    /// product at a time through <see cref="HadamardProductCore"/> and <see cref="EigenvaluesCore"/>, in one N×N workspace.
    /// </summary>
    /// <param name="matrices">The matrices.</param>
    /// <param name="n">N.</param>
    /// <param name="subsets">The subsets.</param>
    /// <param name="eigenvalues">subsets.Count·N values.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected virtual void SubsetSpectraCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues, ComputeContext context)
    {
        var work = new double[n * n];
        for (int s = 0; s < subsets.Count; s++)
        {
            HadamardProductCore(matrices, subsets[s], n, work);
            EigenvaluesCore(work, n, eigenvalues.Slice(s * n, n), context.WithoutProgress);
            context.Advance(1);
        }
    }

    /// <summary>
    /// Writes <see cref="SubsetSquaredNorms"/> (subsets checked, at least one; advance one unit per subset). By default one
    /// product at a time through <see cref="HadamardProductCore"/> and <see cref="SquaredFrobeniusNormCore"/>.
    /// </summary>
    /// <param name="matrices">The matrices.</param>
    /// <param name="n">N.</param>
    /// <param name="subsets">The subsets.</param>
    /// <param name="squaredNorms">subsets.Count values.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected virtual void SubsetSquaredNormsCore(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms, ComputeContext context)
    {
        var work = new double[n * n];
        for (int s = 0; s < subsets.Count; s++)
        {
            HadamardProductCore(matrices, subsets[s], n, work);
            squaredNorms[s] = SquaredFrobeniusNormCore(work);
            context.Advance(1);
        }
    }

    /// <summary>
    /// Returns <see cref="SpectraWorkspaceBytes"/> (N, count ≥ 1). By default: one N×N product matrix for several
    /// subsets (the default <see cref="SubsetSpectraCore"/>) and nothing for a single matrix.
    /// </summary>
    /// <param name="n">N.</param>
    /// <param name="count">Matrices or subsets.</param>
    /// <returns>Bytes.</returns>
    protected virtual long SpectraWorkspaceBytesCore(int n, int count) => count > 1 ? (long)n * n * sizeof(double) : 0;

    private static void CheckSpectrum(ReadOnlySpan<double> matrix, int n, int eigenvalues, string name)
    {
        BackendGuard.Matrix(matrix.Length, n, name);
        BackendGuard.Output(eigenvalues, n, nameof(eigenvalues));
        BackendGuard.FiniteLower(matrix, n, name, -1);
    }

    private static void CheckSubsets(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        BackendGuard.Subsets(subsets, matrices.Count, nameof(subsets));
        var used = new bool[matrices.Count];
        foreach (var subset in subsets)
        {
            BackendGuard.Subset(matrices, subset, n, nameof(subsets));
            foreach (int p in subset)
            {
                // Each matrix checked once, however many subsets name it (the PID pass names every Gram many times).
                if (!used[p])
                {
                    used[p] = true;
                    BackendGuard.FiniteAll(matrices[p].AsSpan(0, n * n), $"matrices[{p}]");
                }
            }
        }
    }
}
