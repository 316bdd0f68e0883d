using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The plug-in mutual information of two discrete variables, I(X;Y) = H(X) + H(Y) − H(X,Y) from the observed joint
/// frequencies (equal to scikit-learn's <c>mutual_info_score</c>), optionally with Miller–Madow correcting each entropy.
/// Nats inside.
/// </summary>
/// <remarks>
/// <para>Symbols are integers, or whole rows of a <see cref="Samples"/>. The plug-in value lies in [0, min(ln m_X, ln m_Y)]
/// and is biased high by about (m_X − 1)(m_Y − 1)/(2N) for independent variables; the Miller–Madow value adds
/// (m_X + m_Y − m_XY − 1)/(2N), which is ≤ 0 and can take an estimate for (nearly) independent data below 0: it is
/// reported as is, not clamped.</para>
/// <para>Standard error: the std of the per-sample terms ln(p̂(x,y)/(p̂(x)p̂(y))) over √N (delta method). Use
/// <see cref="PermutationTest"/> for a test of independence. Immutable and thread-safe.</para>
/// </remarks>
public sealed class DiscreteMutualInformation : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings (default: plug-in, no correction).</summary>
    public DiscreteMutualInformation(DiscreteOptions? options = null) => Options = options ?? DiscreteOptions.Default;

    /// <summary>The settings.</summary>
    public DiscreteOptions Options { get; }

    /// <summary>I(X;Y) of two integer symbol sequences of the same length, with its standard error and <see cref="DiscreteDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Empty sequences or different lengths.</exception>
    public InformationEstimate Estimate(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        DiscreteGuard.NotEmpty(x.Length, nameof(x));
        DiscreteGuard.SameLength(x.Length, y.Length, nameof(x), nameof(y));
        var cx = SymbolCodes.Dense(x, out int mx);
        var cy = SymbolCodes.Dense(y, out int my);
        return Result(cx, mx, cy, my);
    }

    /// <summary>I(X;Y) with each whole row of <paramref name="x"/> and of <paramref name="y"/> one symbol; with its standard error and <see cref="DiscreteDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">No observations, NaN/infinite values, or different sample counts.</exception>
    public InformationEstimate Estimate(Samples x, Samples y)
    {
        Guard.Usable(x, 1);
        Guard.Usable(y, 1);
        Guard.SameCount(x, y);
        var cx = SymbolCodes.Rows(x, out int mx);
        var cy = SymbolCodes.Rows(y, out int my);
        return Result(cx, mx, cy, my);
    }

    private InformationEstimate Result(int[] cx, int mx, int[] cy, int my)
    {
        var (estimate, symbols) = PlugIn.MutualInformationEstimate(cx, mx, cy, my, Options.Correction);
        return estimate with { Diagnostics = new DiscreteDiagnostics(Options.Correction, symbols) };
    }
}
