using InfoTheory.Internal;
using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// The Kraskov–Stögbauer–Grassberger k-nearest-neighbor estimators of mutual information I(X; Y) for multivariate X
/// and Y (Kraskov, Stögbauer &amp; Grassberger, PRE 69, 066138, 2004, doi:10.1103/PhysRevE.69.066138).
/// </summary>
/// <remarks>
/// <para>Estimator 1 (eq. 8): I = ψ(k) + ψ(N) − ⟨ψ(nₓ(i) + 1) + ψ(n_y(i) + 1)⟩, with ε(i) the distance from point i to its
/// k-th neighbor in the joint space Z = (X, Y) and nₓ(i) the number of other points with ‖xⱼ − xᵢ‖ &lt; ε(i) (strictly).
/// Estimator 2 (eq. 9): I = ψ(k) − 1/k + ψ(N) − ⟨ψ(nₓ(i)) + ψ(n_y(i))⟩, with εₓ(i) the largest X-distance among the k joint
/// neighbors and nₓ(i) the number of other points with ‖xⱼ − xᵢ‖ ≤ εₓ(i).</para>
/// <para>The norm is the max-norm by default in every space, as in the paper, NPEET and scikit-learn (then the joint
/// distance is max(‖Δx‖, ‖Δy‖)). Nats. The value is NOT clipped at 0 (scikit-learn clips; a slightly negative value is
/// the estimator's noise around 0 and averages correctly). Standard error: the standard deviation of the per-point
/// terms over √N. Scale: the data are brought to unit magnitude by one power of two over the joint space (exact), so the
/// estimate is the same for data anywhere in the finite double range; <see cref="KsgOptions.Standardize"/> also removes
/// the columns' relative scales. Ties: <see cref="KsgOptions.TieJitter"/>; an observation with k or more exact copies in
/// the joint space gives a "ties" warning and no standard error, and a constant X or Y gives I = 0 exactly with a
/// "constant" warning (see <see cref="InformationEstimate.Warnings"/>). Cost:
/// O(N log N) for low-dimensional spaces with the k-d tree (one k-NN query and two radius counts per point), O(N²·d)
/// brute force otherwise; memory O(N·(d + 3)). Thread-safe.</para>
/// </remarks>
public sealed class KsgMutualInformation : IMutualInformationEstimator, IDistanceSensitive
{
    /// <summary>An estimator with the given settings (default: estimator 1, k = 3, max-norm).</summary>
    public KsgMutualInformation(KsgOptions? options = null) => Options = options ?? KsgOptions.Default;

    /// <summary>The settings.</summary>
    public KsgOptions Options { get; }

    /// <summary>Î(X; Y) in nats, with its standard error and <see cref="KnnDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ k, or different sample counts.</exception>
    /// <remarks>Degenerate data (ties at the k-th neighbor, a constant variable, columns of very different scales) are
    /// reported in <see cref="InformationEstimate.Warnings"/>.</remarks>
    public InformationEstimate Estimate(Samples x, Samples y) => Compute(x, y) with { Diagnostics = KnnDiagnostics.Of(Options) };

    private InformationEstimate Compute(Samples x, Samples y)
    {
        int k = Options.K;
        KnnGuard.Usable(x, k);
        KnnGuard.Usable(y, k);
        Guard.SameCount(x, y);
        int n = x.Count, dx = x.Dimensions, dy = y.Dimensions;
        var joint = PointSet.Copy([x, y]);
        var checks = new KnnChecks(KnnChecks.ColumnNames((nameof(x), dx), (nameof(y), dy)), Options.TieJitter);
        var stats = PointSet.Normalise([joint], Options.Standardize);
        if (KsgChecks.ConstantVariable(checks, stats, [(nameof(x), 0, dx), (nameof(y), dx, dy)], "I(X;Y)", n) is { } zero)
        {
            return zero;
        }

        KsgChecks.Prepare(checks, joint, stats, Options, "the joint space (x, y)");
        var counts = new int[2 * n];
        Options.Backend.KsgNeighborCounts(joint.AsSamples(), [0..dx, dx..(dx + dy)], k, Options.Variant, counts, Options.Norm, Options.Search);
        var terms = new double[n];
        bool one = Options.Variant == KsgVariant.One;
        double constant = SpecialFunctions.Digamma(k) + SpecialFunctions.Digamma(n) - (one ? 0 : 1.0 / k);
        int shift = one ? 1 : 0;
        for (int i = 0; i < n; i++)
        {
            terms[i] = constant - SpecialFunctions.Digamma(counts[i] + shift) - SpecialFunctions.Digamma(counts[n + i] + shift);
        }

        return checks.Finish(KnnMath.Estimate(terms));
    }
}
