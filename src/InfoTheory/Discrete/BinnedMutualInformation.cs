using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Mutual information of equal-width bins: X and Y are binned separately (<see cref="BinningOptions"/>, each with its own
/// ranges), each row's bin pattern is a symbol, and I(X;Y) = H(X) + H(Y) − H(X,Y) is the plug-in value of those symbols
/// (optionally with Miller–Madow on each entropy). Nats.
/// </summary>
/// <remarks>
/// <para>The plug-in binned MI is ≥ 0 and biased high, by about (m_X − 1)(m_Y − 1)/(2N) for independent data: with many
/// bins and few samples every row becomes its own pattern and I → min(H(X), H(Y)) ≤ ln N. Compare values only at equal
/// N and B. Standard error: the std of the per-sample terms over √N. Cost O(N·(d_X + d_Y)·log N). Thread-safe.</para>
/// </remarks>
public sealed class BinnedMutualInformation : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings (default: 30 bins per column over its own range, plug-in).</summary>
    public BinnedMutualInformation(BinningOptions? options = null) => Options = options ?? BinningOptions.Default;

    /// <summary>The settings.</summary>
    public BinningOptions Options { get; }

    /// <summary>I(X;Y) of the binned samples, with its standard error and <see cref="BinningDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">No observations, NaN/infinite values, different counts, or values outside a fixed range.</exception>
    public InformationEstimate Estimate(Samples x, Samples y)
    {
        Guard.SameCount(x, y);
        var cx = Binning.RowCodes(x, Options, nameof(x), out int mx);
        var cy = Binning.RowCodes(y, Options, nameof(y), out int my);
        var (estimate, patterns) = PlugIn.MutualInformationEstimate(cx, mx, cy, my, Options.Correction);
        return estimate with { Diagnostics = Binning.Diagnostics(Options, patterns) };
    }
}
