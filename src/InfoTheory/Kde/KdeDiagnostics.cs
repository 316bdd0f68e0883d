using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>The diagnostics of a Gaussian KDE estimate (<see cref="KdeEntropy"/>, <see cref="KdeMutualInformation"/>).</summary>
/// <param name="Bandwidths">The bandwidth factor h of each density (the kernel covariance was h²·Σ̂, or h²·diag): one for an
/// entropy; h_X, h_Y and h_XY (the joint) for a mutual information.</param>
/// <param name="Rule">The rule that chose h.</param>
/// <param name="Scaling">The shape of the kernel covariance.</param>
/// <param name="LeaveOneOut">True for leave-one-out densities, false for resubstitution.</param>
public sealed record KdeDiagnostics(IReadOnlyList<double> Bandwidths, KdeBandwidthRule Rule, KdeScaling Scaling, bool LeaveOneOut) : EstimateDiagnostics
{
    /// <summary>The bandwidth factor h of each density: one for an entropy; h_X, h_Y, h_XY for a mutual information.</summary>
    public IReadOnlyList<double> Bandwidths { get => _bandwidths; init => _bandwidths = ValueList<double>.Require(value, nameof(Bandwidths)); }

    private readonly IReadOnlyList<double> _bandwidths = ValueList<double>.Require(Bandwidths, nameof(Bandwidths));

    /// <summary>The diagnostics of an estimate with these settings and bandwidth factors.</summary>
    internal static KdeDiagnostics Of(KdeOptions options, params double[] bandwidths) =>
        new(bandwidths, options.Rule, options.Scaling, options.LeaveOneOut);
}
