using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Matrix-based Rényi mutual information I_α(X; Y) = S_α(A) + S_α(B) − S_α(A∘B/tr(A∘B)) and total correlation
/// (Sanchez Giraldo, Rao &amp; Principe 2015, doi:10.1109/TIT.2014.2370058; Yu et al. 2020, doi:10.1109/TPAMI.2019.2932976).
/// </summary>
/// <remarks>
/// Symmetric in X and Y, and I ≤ min(S(X), S(Y)) because the joint entropy of the Hadamard product is at least the
/// larger marginal. I ≥ 0 needs S(A∘B) ≤ S(A) + S(B): it held in all our tests for α ≤ 1.01 (the papers' choice), but
/// Rényi entropies of order α &gt; 1 are not subadditive and small negative values can occur there; they are returned
/// as computed, never clamped. X and Y get their own kernel widths from the bandwidth rule.
/// Computed in nats; α = 2 needs no eigendecomposition and no N×N matrix. Thread-safe. Progress and cancellation work
/// as for <see cref="MatrixRenyiEntropy"/> (stages <c>gram</c> and <c>eigenvalues</c>).
/// </remarks>
public sealed class MatrixRenyiMutualInformation : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings (defaults: α = 1.01, Gaussian kernel, Silverman h = 5).</summary>
    public MatrixRenyiMutualInformation(MatrixRenyiOptions? options = null) => Options = options ?? MatrixRenyiOptions.Default;

    /// <summary>The settings.</summary>
    public MatrixRenyiOptions Options { get; }

    /// <summary>I_α(X; Y). Widths are reported in the order X, Y.</summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="progress">Receives the stages <c>gram</c> (2N rows) and <c>eigenvalues</c> (3N columns; none for
    /// α = 2); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Non-finite values, fewer than 2 observations, different sample counts, or over the memory budget.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples x, Samples y, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Guard.Usable(x, 2);
        Guard.Usable(y, 2);
        Guard.SameCount(x, y);
        var entropies = RenyiEngine.JointEntropies([x, y], [[0], [1], [0, 1]], Options, WorkTracker.Create(progress, cancellationToken), combined: 3);
        var (nats, widths, _) = entropies;
        return RenyiDiagnostics.Estimate(entropies, [0, 1], [2], RenyiEngine.TrimRoundOff(nats[0] + nats[1] - nats[2], x.Count), x.Count, Options.Alpha,
            RenyiDiagnostics.LimitedByCeiling(Information.FromNats(nats[0] + nats[1]), Information.FromNats(nats[2]), x.Count),
            [RenyiDiagnostics.Check(x, widths[0], nats[0]), RenyiDiagnostics.Check(y, widths[1], nats[1])], Options);
    }

    /// <summary>
    /// The width sensitivity of I_α(X; Y): the estimate again with both widths multiplied by each factor (σ_X·f, σ_Y·f, σ
    /// from <see cref="MatrixRenyiOptions.Bandwidth"/>), in one call that computes the pairwise distances once. A value
    /// that moves with f as much as with training is the width talking, not the network (Yu et al., IEEE TPAMI 2020,
    /// §IV-C; Lee &amp; Jo, App. A); read it beside <see cref="RenyiDiagnostics.WidthChecks"/>.
    /// </summary>
    /// <remarks>Cost: O(N²·d) for the distances once, then per factor two kernels, one Hadamard product and three
    /// spectra (O(N³), none for α = 2); memory five N×N matrices. With <see cref="MatrixRenyiMethod.Approximate"/> each
    /// factor is a certified MI of its own (three partial factorisations, no N×N matrix). Each estimate's diagnostics give
    /// its own widths, width checks, saturation and, when approximate, interval.</remarks>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="factors">The width factors, each in [0.001, 1000] (e.g. 0.5, 1, 2; 1 is the plain estimate).</param>
    /// <param name="progress">Receives the stages <c>gram</c> (2N rows of distances) and <c>eigenvalues</c> (3N columns per
    /// factor; none for α = 2); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per row and per factor).</param>
    /// <returns>One estimate per factor, in order.</returns>
    /// <exception cref="ArgumentException">No factors or one outside [0.001, 1000], unusable samples, different counts, or
    /// over the memory budget.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public IReadOnlyList<InformationEstimate> EstimateAcrossWidths(Samples x, Samples y, IReadOnlyList<double> factors,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        WidthFactors.Require(factors, nameof(factors));
        Guard.Usable(x, 2);
        Guard.Usable(y, 2);
        Guard.SameCount(x, y);
        int n = x.Count;
        var work = WorkTracker.Create(progress, cancellationToken);
        double medianX = PairDistanceMedian.Of(x), medianY = PairDistanceMedian.Of(y);
        if (Options.Approximates(n) && ApproximateAcrossWidths(x, y, factors, medianX, medianY, work) is { } approximate)
        {
            return approximate;
        }

        var rows = RenyiEngine.MutualInformationAcrossWidths(x, y, factors, Options, work);
        return [.. rows.Select(r => RenyiDiagnostics.Estimate(r.Mi, n, Options.Alpha, [r.WidthX, r.WidthY], 0,
            RenyiDiagnostics.LimitedByCeiling(Information.FromNats(r.Sx + r.Sy), Information.FromNats(r.Sxy), n),
            [RenyiDiagnostics.Check(r.WidthX, medianX, r.Sx, n), RenyiDiagnostics.Check(r.WidthY, medianY, r.Sy, n)]))];
    }

    /// <summary>
    /// The width scan with the approximate method: per factor, the three certified entropies at the scaled widths and the
    /// MI's interval. Null when the method is automatic and some interval would stay wider than the tolerance where the
    /// exact scan fits: the exact scan then does every factor.
    /// </summary>
    private InformationEstimate[]? ApproximateAcrossWidths(Samples x, Samples y, IReadOnlyList<double> factors, double medianX, double medianY,
        WorkTracker? work)
    {
        int n = x.Count;
        var estimates = new InformationEstimate[factors.Count];
        for (int f = 0; f < factors.Count; f++)
        {
            if (RenyiEngine.ApproximateEntropies([x, y], [[0], [1], [0, 1]], Options, work, combined: 3, factors[f]) is not { } e)
            {
                return null;
            }

            var s = e.Nats;
            estimates[f] = RenyiDiagnostics.Estimate(e, [0, 1], [2], RenyiEngine.TrimRoundOff(s[0] + s[1] - s[2], n), n, Options.Alpha,
                RenyiDiagnostics.LimitedByCeiling(Information.FromNats(s[0] + s[1]), Information.FromNats(s[2]), n),
                [RenyiDiagnostics.Check(e.Widths[0], medianX, s[0], n), RenyiDiagnostics.Check(e.Widths[1], medianY, s[1], n)], Options);
        }

        return estimates;
    }

    /// <summary>Total correlation C(X₁, …, X_k) = Σ S_α(Xᵢ) − S_α(X₁, …, X_k) (Watanabe's multi-information).</summary>
    /// <exception cref="ArgumentException">Fewer than two variables, different sample counts, or unusable samples.</exception>
    public InformationEstimate TotalCorrelation(params IReadOnlyList<Samples> variables) => TotalCorrelation(variables, null);

    /// <summary>
    /// Total correlation C(X₁, …, X_k), with progress and cancellation (a separate overload only because nothing may
    /// follow a <c>params</c> list).
    /// </summary>
    /// <param name="variables">At least two variables, observed together (same N).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c>; null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Fewer than two variables, different sample counts, or unusable samples.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate TotalCorrelation(IReadOnlyList<Samples> variables, IProgress<EstimationProgress>? progress,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(variables);
        if (variables.Count < 2)
        {
            throw new ArgumentException($"variables has {variables.Count} variable(s); total correlation needs at least 2.", nameof(variables));
        }

        MatrixRenyiEntropy.ValidateTogether(variables, nameof(variables));
        var subsets = Enumerable.Range(0, variables.Count).Select(v => new[] { v }).Append(Enumerable.Range(0, variables.Count).ToArray()).ToArray();
        var entropies = RenyiEngine.JointEntropies(variables, subsets, Options, WorkTracker.Create(progress, cancellationToken), combined: subsets.Length);
        var (nats, widths, _) = entropies;
        double sum = nats.Take(variables.Count).Sum();
        int n = variables[0].Count;
        return RenyiDiagnostics.Estimate(entropies, [.. Enumerable.Range(0, variables.Count)], [variables.Count], RenyiEngine.TrimRoundOff(sum - nats[^1], n), n,
            Options.Alpha, RenyiDiagnostics.LimitedByCeiling(Information.FromNats(sum), Information.FromNats(nats[^1]), n),
            [.. variables.Select((v, i) => RenyiDiagnostics.Check(v, widths[i], nats[i]))], Options);
    }

    /// <summary>
    /// I(A;B) = S(A) + S(B) − S(A,B) from entropies estimated together with the same settings (e.g. by
    /// <see cref="MatrixRenyiEntropy.EstimateSubsets"/>, which shares the Gram matrices), with round-off negatives
    /// (|I| ≤ 1e-10·ln N nats) set to 0 exactly as <see cref="Estimate"/> does. Larger negatives are returned as they are
    /// (for α &gt; 1 the matrix-based MI can be slightly negative).
    /// </summary>
    /// <param name="a">S(A).</param>
    /// <param name="b">S(B).</param>
    /// <param name="joint">S(A, B).</param>
    /// <param name="sampleCount">N, the number of observations the entropies were computed from (≥ 2).</param>
    public static Information FromEntropies(Information a, Information b, Information joint, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 2);
        return Information.FromNats(RenyiEngine.TrimRoundOff(a.Nats + b.Nats - joint.Nats, sampleCount));
    }

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y);

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y, CancellationToken cancellationToken) =>
        Estimate(x, y, cancellationToken: cancellationToken);
}
