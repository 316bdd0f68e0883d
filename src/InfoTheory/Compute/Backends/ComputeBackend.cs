namespace InfoTheory;

/// <summary>
/// Where the heavy work of the estimators runs: Gram matrices, their Hadamard products, spectra and norms (matrix-based
/// Rényi, PID), streamed kernel pair sums (α = 2), and the neighbor searches and counts of the k-NN family. Every
/// estimator does this work through the backend of its options (<c>MatrixRenyiOptions.Backend</c>,
/// <c>KnnOptions.Backend</c>), by default <see cref="Cpu"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Cpu"/> is the managed path (vectorised, multi-core). The package InfoTheory.Ilgpu adds a GPU backend
/// (CUDA or OpenCL through ILGPU). Every backend must give the results of <see cref="Cpu"/> up to floating-point rounding
/// (neighbor searches: exactly); the contract tests of InfoTheory.Ilgpu check each backend against a plain reference.</para>
/// <para><b>Writing a backend.</b> Each public operation checks its arguments (finite samples, lengths, ranges, a usable
/// kernel) and then calls its protected <c>…Core</c> member, which a backend overrides; a Core member receives
/// arguments that passed these checks, output spans of exactly the length it writes, and a non-null
/// <see cref="ComputeContext"/>. The batched operations (<see cref="SubsetSpectra"/>, <see cref="SubsetSquaredNorms"/>,
/// <see cref="EigenvaluesBatch"/>, <see cref="KsgNeighborCounts"/>) have Core members built from the single ones, which a
/// backend may override to keep the work on its device.</para>
/// <para>All matrices are dense, row-major, N×N doubles in host memory; a backend may keep intermediate results on its
/// device inside one call. Distances of the neighbor operations are in the units of the <see cref="KnnNorm"/>: the
/// max-norm itself, or the squared Euclidean norm (no square roots).</para>
/// <para>Implementations must be safe to call from one thread at a time at least; <see cref="Cpu"/> is thread-safe.</para>
/// </remarks>
public abstract partial class ComputeBackend
{
    /// <summary>For derived backends.</summary>
    protected ComputeBackend()
    {
    }

    /// <summary>The managed CPU path (the default of every estimator). Thread-safe, stateless.</summary>
    public static ComputeBackend Cpu => CpuBackend.Instance;

    /// <summary>A short name for reports, e.g. <c>cpu</c> or <c>ilgpu-cuda (NVIDIA H100)</c>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The N×N matrix of squared Euclidean distances ‖xᵢ − xⱼ‖² (zero diagonal, symmetric). Progress: N units (rows).
    /// </summary>
    /// <param name="samples">N observations.</param>
    /// <param name="destination">At least N² values, row-major; the first N² are written.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, or <paramref name="destination"/> shorter than N².</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void SquaredDistances(Samples samples, Span<double> destination, ComputeContext? context = null)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        SquaredDistancesCore(samples, destination[..(n * n)], context ?? ComputeContext.Default);
    }

    /// <summary>
    /// The unit-diagonal Gram matrix K̃ᵢⱼ = κ(xᵢ, xⱼ)/κ(x, x) of a radial kernel with width σ: row-major N×N, symmetric,
    /// K̃ᵢᵢ = 1. The trace-normalised Gram of Sanchez Giraldo et al. (doi:10.1109/TIT.2014.2370058) is K̃/N. Progress:
    /// N units (rows).
    /// </summary>
    /// <param name="samples">N observations.</param>
    /// <param name="kernel">The kernel; κ(0) must be finite and positive.</param>
    /// <param name="width">σ &gt; 0.</param>
    /// <param name="destination">At least N² values; the first N² are written.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, <paramref name="destination"/> too short, a bad width, or κ(0) not finite and positive.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void UnitGram(Samples samples, IKernel kernel, double width, Span<double> destination, ComputeContext? context = null)
    {
        BackendGuard.Finite(samples, nameof(samples));
        int n = samples.Count;
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        BackendGuard.KernelAtZero(kernel, width);
        UnitGramCore(samples, kernel, width, destination[..(n * n)], context ?? ComputeContext.Default);
    }

    /// <summary>
    /// Turns a matrix of squared distances (as <see cref="SquaredDistances"/> writes it) into the unit-diagonal Gram of
    /// <see cref="UnitGram"/>, in place: the path of a width read from the distances themselves (the median rule), with
    /// no second distance pass. Only the strict lower triangle is read. Progress: N units (rows).
    /// </summary>
    /// <param name="matrix">N² squared distances, finite and ≥ 0 (not checked again); overwritten by K̃.</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="kernel">The kernel; κ(0) must be finite and positive.</param>
    /// <param name="width">σ &gt; 0.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">N &lt; 1, <paramref name="matrix"/> shorter than N², a bad width, or κ(0) not finite and positive.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void UnitGramFromSquaredDistances(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext? context = null)
    {
        BackendGuard.Matrix(matrix.Length, n, nameof(matrix));
        BackendGuard.KernelAtZero(kernel, width);
        UnitGramFromSquaredDistancesCore(matrix[..(n * n)], n, kernel, width, context ?? ComputeContext.Default);
    }

    /// <summary>
    /// destination = ∘ₚ Mₚ, the entry-wise (Hadamard) product of the N×N matrices named by <paramref name="subset"/>, not
    /// normalised. Of unit-diagonal Grams it is the unit-diagonal Gram of the joint variable, whose trace normalisation
    /// (÷N) defines the joint entropy (Yu et al., doi:10.1109/TPAMI.2019.2932976).
    /// </summary>
    /// <param name="matrices">N×N matrices (each at least N² long; the first N² values are read).</param>
    /// <param name="subset">Indices into <paramref name="matrices"/> (at least one; repeats multiply again).</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="destination">At least N² values; may be one of the named matrices (then it is updated in place).</param>
    /// <exception cref="ArgumentException">Empty subset, an index out of range, a matrix or the destination too short.</exception>
    public void HadamardProduct(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination)
    {
        BackendGuard.Subset(matrices, subset, n, nameof(subset));
        BackendGuard.Output(destination.Length, (long)n * n, nameof(destination));
        HadamardProductCore(matrices, subset, n, destination[..(n * n)]);
    }

    /// <summary>‖A‖²_F = Σᵢⱼ Aᵢⱼ²; of a unit-diagonal Gram K̃, S₂(K̃/N) = 2·ln N − ln ‖K̃‖²_F.</summary>
    /// <param name="values">The entries (any length).</param>
    /// <returns>The sum of squares.</returns>
    /// <exception cref="ArgumentException">A NaN/±∞ entry, or entries whose squares overflow.</exception>
    public double SquaredFrobeniusNorm(ReadOnlySpan<double> values) =>
        values.IsEmpty ? 0 : BackendGuard.FiniteSum(SquaredFrobeniusNormCore(values), nameof(values));

    /// <summary>
    /// Σ_{i&gt;j} exp(−‖xᵢ − xⱼ‖²) over all pairs of observations, with no N×N matrix. On uᵢ = xᵢ/σ,
    /// exp(−‖uᵢ − uⱼ‖²) = κ(xᵢ, xⱼ)² for the Gaussian κ = exp(−‖x − y‖²/(2σ²)), so S₂ = 2·ln N − ln(N + 2·Σ) of the
    /// unit Gram needs only this sum (and the Hadamard product of several Gaussian Grams is the Gram of the concatenated
    /// scaled variables). O(N²·d) work, O(N·d) memory. Progress: N units (rows).
    /// </summary>
    /// <param name="samples">N observations, already divided by their widths.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <returns>The sum over the N(N−1)/2 pairs.</returns>
    /// <exception cref="ArgumentException">A NaN/±∞ value.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public double GaussianPairSum(Samples samples, ComputeContext? context = null)
    {
        BackendGuard.Finite(samples, nameof(samples));
        return samples.Count < 2 ? 0 : GaussianPairSumCore(samples, context ?? ComputeContext.Default);
    }

    /// <summary>
    /// For each subset s, Σ_{i&gt;j} Πₚ K̃ₚ(xᵢ, xⱼ)² over p in s, with K̃ₚ the unit-diagonal Gram of variable p with width
    /// σₚ (see <see cref="UnitGram"/>): the off-diagonal half of ‖∘ₚ K̃ₚ‖²_F, so S₂ = 2·ln N − ln(N + 2·sum), for any
    /// kernel and with no N×N matrix (one pass over the rows for all subsets; O(N²·Σd) work, O(N·Σd) memory). For the
    /// Gaussian kernel <see cref="GaussianPairSum"/> gives the same sums with one exponential per pair. Progress: N
    /// units (rows, for all subsets together).
    /// </summary>
    /// <param name="variables">The variables, each N observations.</param>
    /// <param name="widths">σₚ of each variable (&gt; 0).</param>
    /// <param name="kernel">The kernel; κ(0) must be finite and positive at every width.</param>
    /// <param name="subsets">Index lists into <paramref name="variables"/> (each at least one index).</param>
    /// <param name="sums">Receives one sum per subset.</param>
    /// <param name="context">Cancellation, progress and parallelism; null for none.</param>
    /// <exception cref="ArgumentException">No variables, counts that differ, a NaN/±∞ value, a bad width or kernel, a bad subset, or <paramref name="sums"/> too short.</exception>
    /// <exception cref="OperationCanceledException">The context's token was cancelled.</exception>
    public void KernelPairSums(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, IReadOnlyList<int[]> subsets,
        Span<double> sums, ComputeContext? context = null)
    {
        BackendGuard.Variables(variables, widths, kernel, nameof(variables));
        BackendGuard.Subsets(subsets, variables.Count, nameof(subsets));
        BackendGuard.Output(sums.Length, subsets.Count, nameof(sums));
        KernelPairSumsCore(variables, widths, kernel, subsets, sums[..subsets.Count], context ?? ComputeContext.Default);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    /// <summary>Writes <see cref="SquaredDistances"/> (destination exactly N²; advance N rows).</summary>
    /// <param name="samples">N finite observations.</param>
    /// <param name="destination">N² values.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected abstract void SquaredDistancesCore(Samples samples, Span<double> destination, ComputeContext context);

    /// <summary>Writes <see cref="UnitGram"/> (destination exactly N²; κ(0) checked; advance N rows).</summary>
    /// <param name="samples">N finite observations.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="width">σ.</param>
    /// <param name="destination">N² values.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected abstract void UnitGramCore(Samples samples, IKernel kernel, double width, Span<double> destination, ComputeContext context);

    /// <summary>Does <see cref="UnitGramFromSquaredDistances"/> (matrix exactly N²; advance N rows).</summary>
    /// <param name="matrix">N² squared distances, overwritten by K̃.</param>
    /// <param name="n">N.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="width">σ.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected abstract void UnitGramFromSquaredDistancesCore(Span<double> matrix, int n, IKernel kernel, double width, ComputeContext context);

    /// <summary>Writes <see cref="HadamardProduct"/> (destination exactly N², possibly one of the named matrices).</summary>
    /// <param name="matrices">The matrices.</param>
    /// <param name="subset">A checked, non-empty subset.</param>
    /// <param name="n">N.</param>
    /// <param name="destination">N² values.</param>
    protected abstract void HadamardProductCore(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination);

    /// <summary>Returns Σ values² (checked finite by the caller).</summary>
    /// <param name="values">At least one value.</param>
    /// <returns>The sum of squares.</returns>
    protected abstract double SquaredFrobeniusNormCore(ReadOnlySpan<double> values);

    /// <summary>Returns <see cref="GaussianPairSum"/> (N ≥ 2; advance N rows).</summary>
    /// <param name="samples">N finite observations.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    /// <returns>The pair sum.</returns>
    protected abstract double GaussianPairSumCore(Samples samples, ComputeContext context);

    /// <summary>Writes <see cref="KernelPairSums"/> (all arguments checked; advance N rows).</summary>
    /// <param name="variables">The variables.</param>
    /// <param name="widths">Their widths.</param>
    /// <param name="kernel">The kernel.</param>
    /// <param name="subsets">The subsets.</param>
    /// <param name="sums">One value per subset.</param>
    /// <param name="context">Cancellation, progress and parallelism.</param>
    protected abstract void KernelPairSumsCore(IReadOnlyList<Samples> variables, ReadOnlySpan<double> widths, IKernel kernel, IReadOnlyList<int[]> subsets,
        Span<double> sums, ComputeContext context);
}
