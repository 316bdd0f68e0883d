using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The plug-in (maximum-likelihood) Shannon entropy H = −Σ p̂ ln p̂ of discrete symbols, p̂ the observed frequencies,
/// optionally with the Miller–Madow correction +(m − 1)/(2N) (m = number of distinct observed symbols). Nats inside.
/// </summary>
/// <remarks>
/// <para>Symbols are integers, or whole rows of a <see cref="Samples"/> (two rows are one symbol exactly when every value
/// is equal). 0 ≤ H_plug-in ≤ ln m; one symbol gives exactly 0. The plug-in value is biased low by about (m − 1)/(2N)
/// (Paninski, Neural Comput. 15(6) 2003, doi:10.1162/089976603321780272); Miller–Madow removes that first-order term.</para>
/// <para>The standard error is the delta-method √((Σ p̂ ln²p̂ − H²)/N): the std of the per-sample terms −ln p̂(xᵢ) over √N.
/// It is 0 for one symbol. Counting is by sorting: O(N·log N) time, O(N) memory. Immutable and thread-safe.</para>
/// </remarks>
public sealed class DiscreteEntropy : IEntropyEstimator
{
    /// <summary>An estimator with the given settings (default: plug-in, no correction).</summary>
    public DiscreteEntropy(DiscreteOptions? options = null) => Options = options ?? DiscreteOptions.Default;

    /// <summary>The settings.</summary>
    public DiscreteOptions Options { get; }

    /// <summary>H of a sequence of integer symbols, with its standard error and <see cref="DiscreteDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="symbols"/> is empty.</exception>
    public InformationEstimate Estimate(ReadOnlySpan<int> symbols)
    {
        DiscreteGuard.NotEmpty(symbols.Length, nameof(symbols));
        var codes = SymbolCodes.Dense(symbols, out int m);
        return Result(codes, m);
    }

    /// <summary>H of the rows of <paramref name="samples"/>, each whole row one symbol (exact equality of values); with its standard error and <see cref="DiscreteDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">No observations, or a NaN/infinite value.</exception>
    public InformationEstimate Estimate(Samples samples)
    {
        Guard.Usable(samples, 1);
        var codes = SymbolCodes.Rows(samples, out int m);
        return Result(codes, m);
    }

    private InformationEstimate Result(int[] codes, int m) =>
        PlugIn.EntropyEstimate(codes, m, Options.Correction) with { Diagnostics = new DiscreteDiagnostics(Options.Correction, [m]) };
}
