using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The diagnostics of a plug-in estimate of discrete symbols (<see cref="DiscreteEntropy"/>,
/// <see cref="DiscreteMutualInformation"/>, <see cref="DiscreteDivergence"/> of histograms and symbol samples): the bias
/// correction and how many distinct symbols were observed. Symbols observed about once each (a count near N) mean the
/// plug-in value measures N, not the distribution.
/// </summary>
/// <param name="Correction">The bias correction of the entropies (<see cref="DiscreteBiasCorrection.None"/> for a divergence).</param>
/// <param name="Symbols">The distinct symbols observed: [m] for an entropy, [m_X, m_Y, m_XY] for a mutual information,
/// [m] (the categories of P and Q together) for a divergence.</param>
public sealed record DiscreteDiagnostics(DiscreteBiasCorrection Correction, IReadOnlyList<int> Symbols) : EstimateDiagnostics
{
    /// <summary>The distinct symbols observed, per variable (see the constructor).</summary>
    public IReadOnlyList<int> Symbols { get => _symbols; init => _symbols = ValueList<int>.Require(value, nameof(Symbols)); }

    private readonly IReadOnlyList<int> _symbols = ValueList<int>.Require(Symbols, nameof(Symbols));

    /// <summary>The pseudocount added to every category of a divergence (0 for none, and for entropies and MI).</summary>
    public double Pseudocount { get; init; }
}

/// <summary>
/// The diagnostics of a plug-in estimate of equal-width bins (<see cref="BinnedEntropy"/>, <see cref="BinnedMutualInformation"/>,
/// <see cref="LayerBinning"/>, <see cref="DiscreteDivergence"/> of continuous samples): the grid, the bias correction and
/// how many distinct bin patterns were observed. Patterns near N mean every row is its own pattern: the value then
/// saturates at ln N and describes N and B more than the data.
/// </summary>
/// <param name="Bins">The number of equal-width bins per column, B.</param>
/// <param name="Range">The interval the bins covered.</param>
/// <param name="Correction">The bias correction of the entropies (<see cref="DiscreteBiasCorrection.None"/> for a divergence).</param>
/// <param name="Patterns">The distinct bin patterns observed: [m] for an entropy, [m_X, m_Y, m_XY] for a mutual information
/// (for <see cref="LayerBinning"/>: [m_X, m_T, m_XT] for I(X;T), [m_T, m_Y, m_TY] for I(T;Y)), [m] (P and Q together) for
/// a divergence.</param>
public sealed record BinningDiagnostics(int Bins, BinRange Range, DiscreteBiasCorrection Correction, IReadOnlyList<int> Patterns) : EstimateDiagnostics
{
    /// <summary>The distinct bin patterns observed, per variable (see the constructor).</summary>
    public IReadOnlyList<int> Patterns { get => _patterns; init => _patterns = ValueList<int>.Require(value, nameof(Patterns)); }

    private readonly IReadOnlyList<int> _patterns = ValueList<int>.Require(Patterns, nameof(Patterns));

    /// <summary>The pseudocount added to every category of a divergence (0 for none, and for entropies and MI).</summary>
    public double Pseudocount { get; init; }
}
