using InfoTheory.Compute;

namespace InfoTheory;

/// <summary>
/// Where the dense linear algebra of the matrix-based Rényi estimators runs: Gram matrices, trace-normalised Hadamard
/// products, Frobenius norms (α = 2), eigenvalues of one large or many small symmetric matrices, and brute-force k-NN
/// distances. Chosen explicitly per estimate (<see cref="MatrixRenyiOptions.Backend"/>); there is no global default
/// besides <see cref="Cpu"/>.
/// </summary>
/// <remarks>
/// <para><see cref="Cpu"/> is the plain managed path (vectorised, multi-core). The package InfoTheory.Ilgpu adds a
/// GPU backend (CUDA or OpenCL through ILGPU). Every backend must give the same results as <see cref="Cpu"/> up to
/// floating-point rounding; the contract tests of each backend check this.</para>
/// <para>All matrices are dense, row-major, N×N doubles. Every operation takes and returns host memory; a backend may
/// keep intermediate results on its device inside one call (e.g. <see cref="SubsetSpectra"/>).</para>
/// <para>Implementations must be safe to call from one thread at a time at least; <see cref="Cpu"/> is thread-safe.</para>
/// </remarks>
public abstract class ComputeBackend
{
    /// <summary>For derived backends.</summary>
    protected ComputeBackend()
    {
    }

    /// <summary>The managed CPU path (the default of every estimator). Thread-safe, stateless.</summary>
    public static ComputeBackend Cpu => CpuBackend.Instance;

    /// <summary>A short name for reports, e.g. <c>cpu</c> or <c>ilgpu-cuda (NVIDIA H100)</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Whether this is the managed CPU path (estimators then take their own fused CPU loops).</summary>
    internal virtual bool IsManagedCpu => false;

    /// <summary>The N×N matrix of squared Euclidean distances ‖xᵢ − xⱼ‖² (zero diagonal, symmetric).</summary>
    /// <param name="samples">N observations (finite values; not checked again here).</param>
    /// <param name="destination">At least N² values, row-major.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, or <paramref name="destination"/> shorter than N².</exception>
    public abstract void SquaredDistances(Samples samples, Span<double> destination);

    /// <summary>
    /// The unit-diagonal Gram matrix K̃ᵢⱼ = κ(xᵢ, xⱼ)/κ(x, x) of a radial kernel with width σ: row-major N×N,
    /// symmetric, K̃ᵢᵢ = 1. The trace-normalised Gram of Sanchez Giraldo et al. (doi:10.1109/TIT.2014.2370058) is K̃/N.
    /// </summary>
    /// <param name="samples">N observations.</param>
    /// <param name="kernel">The kernel; κ(0) must be finite and positive.</param>
    /// <param name="width">σ &gt; 0.</param>
    /// <param name="destination">At least N² values.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, <paramref name="destination"/> too short, or κ(0) not finite and positive.</exception>
    public abstract void UnitGram(Samples samples, IKernel kernel, double width, Span<double> destination);

    /// <summary>
    /// destination = (∘ₚ Gₚ)/tr(∘ₚ Gₚ) over the matrices named by <paramref name="subset"/>: the trace-normalised
    /// Hadamard product that defines the joint entropy (Yu et al., doi:10.1109/TPAMI.2019.2932976).
    /// </summary>
    /// <param name="matrices">N×N matrices with a positive diagonal.</param>
    /// <param name="subset">Indices into <paramref name="matrices"/> (at least one).</param>
    /// <param name="n">N.</param>
    /// <param name="destination">At least N² values.</param>
    /// <exception cref="ArgumentException">Empty subset, an index out of range, a matrix or the destination too short, or a trace that is not positive.</exception>
    public abstract void NormalizedHadamard(IReadOnlyList<double[]> matrices, ReadOnlySpan<int> subset, int n, Span<double> destination);

    /// <summary>‖A‖²_F = Σᵢⱼ Aᵢⱼ²; for a trace-normalised A, S₂(A) = −ln ‖A‖²_F.</summary>
    /// <param name="values">The entries (any length).</param>
    /// <exception cref="ArgumentException">A NaN/±∞ entry, or entries whose squares overflow.</exception>
    public abstract double SquaredFrobeniusNorm(ReadOnlySpan<double> values);

    /// <summary>
    /// Σ_{i&gt;j} exp(−‖xᵢ − xⱼ‖²) over all pairs of observations, with no N×N matrix. On uᵢ = xᵢ/σ,
    /// exp(−‖uᵢ − uⱼ‖²) = κ(xᵢ, xⱼ)² for the Gaussian κ = exp(−‖x − y‖²/(2σ²)), so S₂ = 2·ln N − ln(N + 2·Σ) of the
    /// unit Gram needs only this sum (and the Hadamard product of several Gaussian Grams is the Gram of the
    /// concatenated scaled variables). O(N²·d) work, O(N·d) memory.
    /// </summary>
    /// <param name="samples">N observations, already divided by their widths.</param>
    /// <returns>The sum over the N(N−1)/2 pairs.</returns>
    /// <exception cref="ArgumentException">A NaN/±∞ value.</exception>
    public abstract double GaussianPairSum(Samples samples);

    /// <summary>The eigenvalues, ascending, of one symmetric N×N matrix (only its lower triangle is read).</summary>
    /// <param name="matrix">N² values, row-major; not modified.</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="eigenvalues">Receives N values.</param>
    /// <exception cref="ArgumentException">Spans too short, N &lt; 1, or non-finite entries.</exception>
    public abstract void Eigenvalues(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues);

    /// <summary>The eigenvalues, ascending, of <paramref name="count"/> symmetric N×N matrices stored back to back.</summary>
    /// <param name="matrices">count·N² values; matrix b at [b·N², (b+1)·N²). Not modified.</param>
    /// <param name="n">N ≥ 1.</param>
    /// <param name="count">The number of matrices, ≥ 0.</param>
    /// <param name="eigenvalues">Receives count·N values, matrix b's at [b·N, (b+1)·N).</param>
    /// <exception cref="ArgumentException">Spans too short, N &lt; 1, count &lt; 0, or non-finite entries.</exception>
    public abstract void EigenvaluesBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues);

    /// <summary>
    /// Brute-force k-nearest-neighbour distances: for each observation i, the k smallest distances to the others
    /// (j ≠ i), ascending (ties kept; duplicates give 0). O(N²·d) work, O(N·k) memory.
    /// </summary>
    /// <param name="samples">N observations, N &gt; k.</param>
    /// <param name="k">1 ≤ k &lt; N.</param>
    /// <param name="destination">N·k values, row i at [i·k, (i+1)·k).</param>
    /// <param name="metric">Squared Euclidean (default) or the max-norm of the KSG estimator.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, k out of range, an unknown metric, or the destination too short.</exception>
    public abstract void NearestNeighbourDistances(Samples samples, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean);

    /// <summary>
    /// Brute-force k nearest neighbours with their indices: for each observation i, the k nearest others (j ≠ i),
    /// ascending by distance; equal distances keep the smaller index first. O(N²·d) work, O(N·k) memory. The k-NN
    /// estimators call it when their options name a backend other than <see cref="Cpu"/> (KSG estimator 2 needs the
    /// neighbours themselves, not only the distances).
    /// </summary>
    /// <param name="samples">N observations, N &gt; k.</param>
    /// <param name="k">1 ≤ k &lt; N.</param>
    /// <param name="distances">N·k values, row i at [i·k, (i+1)·k), in the metric's units (squared for Euclidean).</param>
    /// <param name="indices">N·k neighbour indices, laid out as <paramref name="distances"/>.</param>
    /// <param name="metric">Squared Euclidean (default) or the max-norm of the KSG estimator.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, k out of range, an unknown metric, or an output too short.</exception>
    public abstract void NearestNeighbours(Samples samples, int k, Span<double> distances, Span<int> indices, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean);

    /// <summary>
    /// Brute-force k-nearest distances from every query to a reference set (no observation excluded: the sets are
    /// different), ascending. The second search of the Wang–Kulkarni–Verdú divergence estimator. O(M·N·d) work.
    /// </summary>
    /// <param name="queries">M observations.</param>
    /// <param name="reference">N ≥ k observations of the same dimension.</param>
    /// <param name="k">1 ≤ k ≤ N.</param>
    /// <param name="destination">M·k values, row i at [i·k, (i+1)·k), in the metric's units.</param>
    /// <param name="metric">Squared Euclidean (default) or the max-norm.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, dimensions that differ, k out of range, an unknown metric, or the destination too short.</exception>
    public abstract void NearestNeighbourDistances(Samples queries, Samples reference, int k, Span<double> destination, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean);

    /// <summary>
    /// Brute-force neighbour counts: counts[i] = #{ j ≠ i : dist(xᵢ, xⱼ) &lt; radii[i] } (≤ when
    /// <paramref name="inclusive"/>): the marginal counts of the KSG estimators (strict for estimator 1, ≤ for 2;
    /// Kraskov, Stögbauer &amp; Grassberger 2004, doi:10.1103/PhysRevE.69.066138). O(N²·d) work.
    /// </summary>
    /// <param name="samples">N observations.</param>
    /// <param name="radii">N radii in the metric's units (squared for Euclidean), each finite and ≥ 0.</param>
    /// <param name="inclusive">Count distances equal to the radius too.</param>
    /// <param name="counts">Receives N counts.</param>
    /// <param name="metric">Squared Euclidean (default) or the max-norm.</param>
    /// <exception cref="ArgumentException">A NaN/±∞ value, a radius negative or not finite, lengths that disagree, or an unknown metric.</exception>
    public abstract void CountWithin(Samples samples, ReadOnlySpan<double> radii, bool inclusive, Span<int> counts, NeighbourMetric metric = NeighbourMetric.SquaredEuclidean);

    /// <summary>
    /// For each subset, the N eigenvalues (ascending) of the trace-normalised Hadamard product of the matrices it
    /// names: the spectra behind joint entropies. Backends override this to keep the products on their device.
    /// </summary>
    /// <param name="matrices">N×N symmetric matrices with a positive diagonal (usually unit-diagonal Grams).</param>
    /// <param name="n">N.</param>
    /// <param name="subsets">Index lists into <paramref name="matrices"/>.</param>
    /// <param name="eigenvalues">Receives subsets.Count·N values, subset s at [s·N, (s+1)·N).</param>
    /// <exception cref="ArgumentException">A bad subset, or spans too short.</exception>
    public virtual void SubsetSpectra(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> eigenvalues)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        BackendGuard.Output(eigenvalues.Length, (long)subsets.Count * n, nameof(eigenvalues));
        var work = new double[(long)n * n];
        for (int s = 0; s < subsets.Count; s++)
        {
            NormalizedHadamard(matrices, subsets[s], n, work);
            Eigenvalues(work, n, eigenvalues.Slice(s * n, n));
        }
    }

    /// <summary>For each subset, ‖A‖²_F of its trace-normalised Hadamard product A (so S₂ = −ln of it).</summary>
    /// <param name="matrices">N×N symmetric matrices with a positive diagonal.</param>
    /// <param name="n">N.</param>
    /// <param name="subsets">Index lists into <paramref name="matrices"/>.</param>
    /// <param name="squaredNorms">Receives subsets.Count values.</param>
    /// <exception cref="ArgumentException">A bad subset, or spans too short.</exception>
    public virtual void SubsetSquaredNorms(IReadOnlyList<double[]> matrices, int n, IReadOnlyList<int[]> subsets, Span<double> squaredNorms)
    {
        ArgumentNullException.ThrowIfNull(subsets);
        BackendGuard.Output(squaredNorms.Length, subsets.Count, nameof(squaredNorms));
        var work = new double[(long)n * n];
        for (int s = 0; s < subsets.Count; s++)
        {
            NormalizedHadamard(matrices, subsets[s], n, work);
            squaredNorms[s] = SquaredFrobeniusNorm(work);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
