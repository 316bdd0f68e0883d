using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The diagnostics of a Gaussian KDE estimate (<see cref="KdeEntropy"/>, <see cref="KdeMutualInformation"/>).</summary>
/// <param name="Bandwidths">The bandwidth factor h of each density (the kernel covariance was h²·Σ̂, or h²·diag): one for an
/// entropy; h_X, h_Y and h_XY (the joint) for a mutual information.</param>
/// <param name="Rule">The rule that chose h (for an estimate of <see cref="KdeMutualInformation.EstimateAcrossWidths"/>: the
/// h that the factor multiplied).</param>
/// <param name="Scaling">The shape of the kernel covariance.</param>
/// <param name="LeaveOneOut">True for leave-one-out densities, false for resubstitution.</param>
public sealed record KdeDiagnostics(IReadOnlyList<double> Bandwidths, KdeBandwidthRule Rule, KdeScaling Scaling, bool LeaveOneOut)
    : EstimateDiagnostics, IWidthDiagnostics
{
    /// <summary>The bandwidth factor h of each density: one for an entropy; h_X, h_Y, h_XY for a mutual information.</summary>
    public IReadOnlyList<double> Bandwidths { get => _bandwidths; init => _bandwidths = ValueList<double>.Require(value, nameof(Bandwidths)); }

    /// <summary>
    /// How each density's bandwidth compares with its data, in the order of <see cref="Bandwidths"/>: X for an entropy; X,
    /// Y and the joint (X, Y) for a mutual information (the joint is a density of its own, with its own h and whitening, and
    /// its kernel sums enter the MI as much as the marginals'). Empty only when built by a caller without them.
    /// </summary>
    /// <remarks>
    /// <para>The kernel N(0, h²·Σ̂) is, on the whitened data wᵢ = Σ̂^(−1/2)(xᵢ − x̄) (per column (xᵢ − x̄)/σ̂ for
    /// <see cref="KdeScaling.Diagonal"/>), proportional to exp(−‖wᵢ − wⱼ‖²/(2h²)): a Gaussian of width h, the same kernel
    /// as the matrix-Rényi Gram's. So each check has <see cref="WidthCheck.Sigma"/> = h,
    /// <see cref="WidthCheck.MedianDistance"/> = the median distance between two whitened observations (all pairs up to
    /// N = 91, else the same fixed, seeded 4,096 pairs as the matrix-Rényi checks), and the same thresholds: at
    /// σ/median ≥ <see cref="WidthCheck.FlatRatio"/> (10) the kernel is ≥ 0.995 at the median distance, every density
    /// is about the kernel's own peak, the entropy tends to d·ln h + ½·ln det(2πΣ̂) and the MI to that of the fitted
    /// Gaussian plus terms in ln h; at σ/median ≤ <see cref="WidthCheck.SpikeRatio"/> (0.1) it is ≤ 2·10⁻²² there, each
    /// point's density is its own kernel (resubstitution: the entropy tends to ln N + d·ln h + ½·ln det(2πΣ̂), the MI to
    /// ln N plus terms in h and Σ̂) or its nearest neighbor's (leave-one-out). Either way h, not the data, decides.</para>
    /// <para>Whitening makes the ratio free of the data's scale (scaling the data leaves it unchanged), unlike the
    /// matrix-Rényi one. It flags instead what scale cannot fix: Scott's and Silverman's h = O(N^(−1/(d+4))) against
    /// whitened distances that grow like √(2d), so in many dimensions h is a spike (for standard Gaussian data the ratio is
    /// about N^(−1/(d+4))/√(2d)); and a few far outliers that inflate Σ̂ so that the bulk of the data lies within one
    /// kernel (flat).</para>
    /// <para><see cref="WidthCheck.EntropyOverLogN"/> is null: a differential entropy has no log N ceiling.</para>
    /// </remarks>
    public IReadOnlyList<WidthCheck> WidthChecks { get => _checks; init => _checks = ValueList<WidthCheck>.Require(value, nameof(WidthChecks)); }

    /// <summary>True when any density's <see cref="WidthCheck.WidthDominated"/> is: the bandwidth, not the data, decides the value.</summary>
    public bool WidthDominated => WidthChecks.Any(c => c.WidthDominated);

    private readonly IReadOnlyList<double> _bandwidths = ValueList<double>.Require(Bandwidths, nameof(Bandwidths));
    private IReadOnlyList<WidthCheck> _checks = ValueList<WidthCheck>.Empty;

    /// <summary>The diagnostics of an estimate with these settings, bandwidth factors and their checks (one per density).</summary>
    internal static KdeDiagnostics Of(KdeOptions options, double[] bandwidths, WidthCheck[] checks) =>
        new(bandwidths, options.Rule, options.Scaling, options.LeaveOneOut) { WidthChecks = checks };
}
