using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The matrix-based Rényi α-order entropy S_α(A) = log(Σᵢ λᵢ(A)^α)/(1 − α) of the trace-normalised Gram matrix
/// Aᵢⱼ = Kᵢⱼ/(N·√(KᵢᵢKⱼⱼ)) (Sanchez Giraldo, Rao &amp; Principe, IEEE TIT 61(1) 2015, doi:10.1109/TIT.2014.2370058),
/// and the joint entropy S_α(A₁∘…∘A_C / tr(A₁∘…∘A_C)) (Yu et al., IEEE TPAMI 42(11) 2020, doi:10.1109/TPAMI.2019.2932976).
/// </summary>
/// <remarks>
/// <para>0 ≤ S_α ≤ log N. α = 1 is the von Neumann limit −Σλ·log λ, computed as such; α = 2 is −log‖A‖²_F, computed in
/// O(N²·d) time and O(N·d) memory with no eigendecomposition and no N×N matrix. Other α use the eigenvalues of A
/// (<see cref="SymmetricEigenvalues"/>); round-off negatives are clipped to 0 and their mass reported.</para>
/// <para>Results are in nats inside <see cref="Information"/> (read <c>.Bits</c> for the papers' log₂ values).
/// Cost: O(N²·d) for the Gram matrix plus O(N³) for the spectrum (α ≠ 2). Thread-safe.</para>
/// <para>Every estimate takes an optional progress sink and cancellation token: progress comes in the stages
/// <c>gram</c> (rows of each variable's Gram matrix) and <c>eigenvalues</c> (columns of each spectrum's tridiagonal
/// reduction, N per spectrum; none for α = 2), and the token is checked per Gram row and per panel of each reduction —
/// at N = 4096 at most about 0.1 s apart on a 2-core machine (on another <see cref="ComputeBackend"/>, between its
/// calls).</para>
/// </remarks>
public sealed class MatrixRenyiEntropy : IEntropyEstimator
{
    /// <summary>An estimator with the given settings (defaults: α = 1.01, Gaussian kernel, Silverman h = 5).</summary>
    public MatrixRenyiEntropy(MatrixRenyiOptions? options = null) => Options = options ?? MatrixRenyiOptions.Default;

    /// <summary>The settings.</summary>
    public MatrixRenyiOptions Options { get; }

    /// <summary>S_α(X).</summary>
    /// <param name="samples">N observations of X.</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see the remarks); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (see the remarks).</param>
    /// <exception cref="ArgumentException">Non-finite values, fewer than 2 observations, or a Gram matrix over the memory budget.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples samples, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Usable(samples, 2);
        return Joint([samples], WorkTracker.Create(progress, cancellationToken));
    }

    /// <summary>The joint entropy S_α(X₁, …, X_C) of variables observed together (the Hadamard product of their Grams).</summary>
    /// <exception cref="ArgumentException">No variables, different sample counts, non-finite values, fewer than 2 observations.</exception>
    public InformationEstimate EstimateJoint(params IReadOnlyList<Samples> variables) => EstimateJoint(variables, null);

    /// <summary>
    /// The joint entropy S_α(X₁, …, X_C), with progress and cancellation (a separate overload only because nothing may
    /// follow a <c>params</c> list).
    /// </summary>
    /// <param name="variables">The variables, observed together (same N).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see the remarks); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (see the remarks).</param>
    /// <exception cref="ArgumentException">No variables, different sample counts, non-finite values, fewer than 2 observations.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate EstimateJoint(IReadOnlyList<Samples> variables, IProgress<EstimationProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.Count == 0)
        {
            throw new ArgumentException("variables is empty; give at least one variable.", nameof(variables));
        }

        ValidateTogether(variables, nameof(variables));
        return Joint(variables, WorkTracker.Create(progress, cancellationToken));
    }

    /// <summary>The conditional entropy S_α(X | Y) = S_α(X, Y) − S_α(Y).</summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="given">The same N observations of Y.</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see the remarks); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (see the remarks).</param>
    /// <exception cref="ArgumentException">Unusable samples or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate EstimateConditional(Samples x, Samples given, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        Guard.Usable(x, 2);
        Guard.Usable(given, 2);
        Guard.SameCount(x, given);
        var entropies = RenyiEngine.JointEntropies([x, given], [[0, 1], [1]], Options, WorkTracker.Create(progress, cancellationToken), combined: 2);
        var (nats, widths, _) = entropies;
        return RenyiDiagnostics.Estimate(entropies, [0], [1], RenyiEngine.TrimRoundOff(nats[0] - nats[1], x.Count), x.Count, Options.Alpha,
            RenyiDiagnostics.AtCeiling(nats[0], x.Count), [RenyiDiagnostics.Check(x, widths[0], null), RenyiDiagnostics.Check(given, widths[1], nats[1])], Options);
    }

    /// <summary>
    /// Many joint entropies over one set of variables, each Gram matrix built once: entry s is S_α of the Hadamard
    /// product over <c>subsets[s]</c> (indices into <paramref name="variables"/>). Use it when the same variables take
    /// part in several measures (e.g. S(X), S(T), S(X,T), S(T,Y) for every layer of a network), which then share
    /// their Grams and single entropies instead of recomputing them per measure.
    /// </summary>
    /// <param name="variables">The variables, observed together (same N).</param>
    /// <param name="subsets">Non-empty, duplicate-free index sets into <paramref name="variables"/>.</param>
    /// <param name="progress">Receives the stages <c>gram</c> (every variable) and <c>eigenvalues</c> (every subset);
    /// null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (see the remarks).</param>
    /// <returns>One estimate per subset, in order; each one's <see cref="RenyiDiagnostics"/> gives the widths of all
    /// variables, and a clipped eigenvalue mass of 0 (the pass does not attribute it to subsets).</returns>
    /// <exception cref="ArgumentException">No variables or subsets, an empty subset, an index out of range or repeated,
    /// different sample counts, or unusable values.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<InformationEstimate> EstimateSubsets(IReadOnlyList<Samples> variables, IReadOnlyList<int[]> subsets,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        ArgumentNullException.ThrowIfNull(subsets);
        if (variables.Count == 0)
        {
            throw new ArgumentException("variables is empty; give at least one variable.", nameof(variables));
        }

        ValidateTogether(variables, nameof(variables));
        for (int s = 0; s < subsets.Count; s++)
        {
            var subset = subsets[s] ?? throw new ArgumentException($"subsets[{s}] is null; give an index set.", nameof(subsets));
            if (subset.Length == 0 || subset.Any(i => i < 0 || i >= variables.Count) || subset.Distinct().Count() != subset.Length)
            {
                throw new ArgumentException(
                    $"subsets[{s}] = [{string.Join(", ", subset)}]: each subset needs distinct indices in [0, {variables.Count}); fix or drop it.",
                    nameof(subsets));
            }
        }

        var entropies = RenyiEngine.JointEntropies(variables, subsets, Options, WorkTracker.Create(progress, cancellationToken));
        var (nats, widths, _) = entropies;
        int n = variables[0].Count;
        var checks = variables.Select((v, i) =>
        {
            int single = subsets.ToList().FindIndex(s => s.Length == 1 && s[0] == i);
            return RenyiDiagnostics.Check(v, widths[i], single >= 0 ? nats[single] : null);
        }).ToArray();
        return [.. nats.Select((value, s) => RenyiDiagnostics.Estimate(entropies with { Clipped = 0 }, [s], [], value, n, Options.Alpha,
            RenyiDiagnostics.AtCeiling(value, n), checks, Options))];
    }

    InformationEstimate IEntropyEstimator.Estimate(Samples samples) => Estimate(samples);

    InformationEstimate IEntropyEstimator.Estimate(Samples samples, CancellationToken cancellationToken) =>
        Estimate(samples, cancellationToken: cancellationToken);

    internal static void ValidateTogether(IReadOnlyList<Samples> variables, string name)
    {
        for (int v = 0; v < variables.Count; v++)
        {
            var variable = variables[v];
            Guard.Usable(variable, 2, $"{name}[{v}]");
            if (variable.Count != variables[0].Count)
            {
                throw new ArgumentException(
                    $"{name}[{v}] has {variable.Count} samples but {name}[0] has {variables[0].Count}; all variables must describe the same observations.",
                    name);
            }
        }
    }

    private InformationEstimate Joint(IReadOnlyList<Samples> variables, WorkTracker? work)
    {
        var all = Enumerable.Range(0, variables.Count).ToArray();
        var entropies = RenyiEngine.JointEntropies(variables, [all], Options, work);
        var (nats, widths, _) = entropies;
        int n = variables[0].Count;
        var checks = variables.Select((v, i) => RenyiDiagnostics.Check(v, widths[i], variables.Count == 1 ? nats[0] : null)).ToArray();
        return RenyiDiagnostics.Estimate(entropies, [0], [], nats[0], n, Options.Alpha, RenyiDiagnostics.AtCeiling(nats[0], n), checks, Options);
    }
}
