using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The diagnostics of a matrix-based Rényi estimate (entropy, joint or conditional entropy, mutual information, total
/// correlation, multivariate MI, the PID proxies): the order α, the kernel width σ of each variable, the eigenvalue mass
/// clipped at 0, whether the estimate is limited by the log N ceiling, and how each width compares with its data
/// (<see cref="WidthChecks"/>).
/// </summary>
/// <param name="Alpha">The order α.</param>
/// <param name="Widths">The kernel width σ used for each variable, in the order the variables were given (X then each
/// feature map for a multivariate MI or the PID proxies).</param>
/// <param name="ClippedEigenvalueMass">Σ|λ| over the eigenvalues below 0 that round-off produced and that were clipped to 0
/// (never abs() or +ε), over every spectrum of the estimate; 0 for α = 2, which needs no eigenvalues.</param>
/// <param name="Saturated">True when the reported value is limited by the ceiling S ≤ log N rather than by the data: for an
/// entropy, it is at 0.99·log N or above; for a mutual information, see <see cref="LimitedByCeiling"/>. Use a larger σ,
/// fewer variables, more observations or the whole-layer variant.</param>
public sealed record RenyiDiagnostics(double Alpha, IReadOnlyList<double> Widths, double ClippedEigenvalueMass, bool Saturated)
    : EstimateDiagnostics, IWidthDiagnostics
{
    /// <summary>The share of log N at or above which a (joint) entropy counts as at the ceiling.</summary>
    public const double CeilingShare = 0.99;

    /// <summary>The share of log N by which the ceiling must force a mutual information up before it counts as limited.</summary>
    public const double ForcedShare = 0.01;

    /// <summary>The kernel width σ used for each variable, in the order the variables were given.</summary>
    public IReadOnlyList<double> Widths { get => _widths; init => _widths = ValueList<double>.Require(value, nameof(Widths)); }

    /// <summary>
    /// How each variable's width compares with its data, in the order of the estimate's variables: X then Y for a mutual
    /// information; X then the layer (its maps together) for a multivariate MI or the PID proxies; each variable for an
    /// entropy or total correlation. Empty only when built by a caller without them.
    /// </summary>
    public IReadOnlyList<WidthCheck> WidthChecks { get => _checks; init => _checks = ValueList<WidthCheck>.Require(value, nameof(WidthChecks)); }

    /// <summary>True when any variable's <see cref="WidthCheck.WidthDominated"/> is: the width, not the data, decides the value.</summary>
    public bool WidthDominated => WidthChecks.Any(c => c.WidthDominated);

    /// <summary>
    /// With <see cref="MatrixRenyiMethod.Approximate"/>: a lower bound that the exact value is guaranteed to be at or above
    /// (see <see cref="MatrixRenyiMethod.Approximate"/>); null for the exact method.
    /// </summary>
    public Information? Lower { get; init; }

    /// <summary>With <see cref="MatrixRenyiMethod.Approximate"/>: the guaranteed upper bound; null for the exact method.</summary>
    public Information? Upper { get; init; }

    /// <summary>
    /// With <see cref="MatrixRenyiMethod.Approximate"/>: the largest rank r of the partial factorisations (0 when none was
    /// needed: α = 2 is exact from one pass over the pairs); null for the exact method.
    /// </summary>
    public int? FactorRank { get; init; }

    /// <summary>True when the approximate interval is wider than the tolerance asked for (the rank filled the memory budget).</summary>
    public bool? ToleranceMissed { get; init; }

    private readonly IReadOnlyList<double> _widths = ValueList<double>.Require(Widths, nameof(Widths));
    private IReadOnlyList<WidthCheck> _checks = ValueList<WidthCheck>.Empty;

    /// <summary>
    /// The saturation rule for a mutual information (or total correlation) I = ΣS(marginals) − S(joint) from N
    /// observations: true when S(joint) ≥ 0.99·log N <b>and</b> ΣS(marginals) − log N ≥ 0.01·log N.
    /// </summary>
    /// <remarks>
    /// Why both: S(joint) ≤ log N forces I ≥ ΣS(marginals) − log N. When the joint sits at the ceiling, the reported I is
    /// that floor — set by N, not by the data — and it matters only when the floor is above 0 by a visible margin. A joint
    /// entropy near log N alone says nothing: with MNIST at N = 500, S(X) is 8.93 of 8.97 bits, so S(X, T) is at the
    /// ceiling for every layer, yet a layer with S(T) ≈ 0 has a floor below 0 and its small I(X;T) is not forced.
    /// </remarks>
    /// <param name="marginals">The sum of the marginal entropies, S(A) + S(B) (or ΣS(Xᵢ)).</param>
    /// <param name="joint">The joint entropy S(A, B).</param>
    /// <param name="sampleCount">N (≥ 2).</param>
    public static bool LimitedByCeiling(Information marginals, Information joint, int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount, 2);
        double ceiling = Math.Log(sampleCount);
        return joint.Nats >= CeilingShare * ceiling && marginals.Nats - ceiling >= ForcedShare * ceiling;
    }

    /// <summary>An entropy at the ceiling: S ≥ 0.99·log N.</summary>
    internal static bool AtCeiling(double nats, int n) => nats >= CeilingShare * Math.Log(n);

    /// <summary>A matrix-Rényi estimate of <paramref name="nats"/> from N observations: no standard error (the estimator has no theory for one).</summary>
    internal static InformationEstimate Estimate(double nats, int n, double alpha, IReadOnlyList<double> widths, double clipped, bool saturated,
        IReadOnlyList<WidthCheck> checks) =>
        new(Information.FromNats(nats), null, n) { Diagnostics = new RenyiDiagnostics(alpha, widths, clipped, saturated) { WidthChecks = checks } };

    /// <summary>
    /// As <see cref="Estimate(double, int, double, IReadOnlyList{double}, double, bool, IReadOnlyList{WidthCheck})"/> for
    /// the combination Σ⁺S − Σ⁻S of the computed entropies: with the approximate method the value is the midpoint of the
    /// combined certified interval and the diagnostics carry it; else the plain estimate of <paramref name="nats"/>.
    /// </summary>
    internal static InformationEstimate Estimate(RenyiEngine.JointEntropyResult entropies, int[] plus, int[] minus, double nats, int n, double alpha,
        bool saturated, IReadOnlyList<WidthCheck> checks, MatrixRenyiOptions options)
    {
        if (entropies.Bounds is not { } bounds)
        {
            return Estimate(nats, n, alpha, entropies.Widths, entropies.Clipped, saturated, checks);
        }

        double lower = plus.Sum(i => bounds[i].Lower) - minus.Sum(i => bounds[i].Upper);
        double upper = plus.Sum(i => bounds[i].Upper) - minus.Sum(i => bounds[i].Lower);
        if (minus.Length > 0)
        {
            lower = Math.Max(0, lower); // a mutual information (or total correlation) is ≥ 0
        }

        var estimate = Estimate(0.5 * (lower + upper), n, alpha, entropies.Widths, entropies.Clipped, saturated, checks);
        var diagnostics = (RenyiDiagnostics)estimate.Diagnostics!;
        return estimate with
        {
            Diagnostics = diagnostics with
            {
                Lower = Information.FromNats(lower),
                Upper = Information.FromNats(upper),
                FactorRank = entropies.Rank,
                ToleranceMissed = upper - lower > options.Tolerance.Nats,
            },
        };
    }

    /// <summary>The check of one variable with width σ and, where computed, its own entropy.</summary>
    internal static WidthCheck Check(Samples samples, double sigma, double? entropyNats) =>
        Check(sigma, PairDistanceMedian.Of(samples), entropyNats, samples.Count);

    /// <summary>The check of a width σ against a known median distance.</summary>
    internal static WidthCheck Check(double sigma, double median, double? entropyNats, int n) =>
        WidthCheck.Of(sigma, median, entropyNats / Math.Log(n));

    /// <summary>The check of a layer of maps entering as a Hadamard product (see <see cref="WidthCheck"/>'s remarks).</summary>
    internal static WidthCheck Check(FeatureMaps layer, IReadOnlyList<double> mapWidths, double entropyNats)
    {
        var maps = Enumerable.Range(0, layer.Channels).Select(p => layer[p]).ToArray();
        double scaled = PairDistanceMedian.Of(maps, mapWidths);
        var sorted = mapWidths.ToArray();
        double sigma = Statistics.Median(sorted);
        return new WidthCheck(sigma, sigma * scaled, scaled > 0 ? 1 / scaled : double.PositiveInfinity, entropyNats / Math.Log(layer.Count));
    }
}
