using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Entropy of equal-width bins: every column is cut into B equal bins over its range (<see cref="BinningOptions"/>), the
/// tuple of a row's bins is one symbol, and H is the plug-in entropy of those symbols (optionally Miller–Madow). Nats.
/// </summary>
/// <remarks>
/// <para>This is the entropy of the discretised variable, H(⌊X/w⌋), not the differential entropy h(X): for a fine grid
/// H ≈ h(X) − Σ_k ln w_k. It lies in [0, min(ln N, d·ln B)]; a constant variable gives 0. Counting is by sorting,
/// O(N·d·log N); no Bᵈ table is ever allocated. Standard error: the delta-method value of <see cref="DiscreteEntropy"/>.
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class BinnedEntropy : IEntropyEstimator
{
    /// <summary>An estimator with the given settings (default: 30 bins per column over its own range, plug-in).</summary>
    public BinnedEntropy(BinningOptions? options = null) => Options = options ?? BinningOptions.Default;

    /// <summary>The settings.</summary>
    public BinningOptions Options { get; }

    /// <summary>H of the binned samples, with its standard error and <see cref="BinningDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">No observations, NaN/infinite values, or values outside a fixed range.</exception>
    public InformationEstimate Estimate(Samples samples)
    {
        var codes = Binning.RowCodes(samples, Options, nameof(samples), out int m);
        return PlugIn.EntropyEstimate(codes, m, Options.Correction) with { Diagnostics = Binning.Diagnostics(Options, m) };
    }
}
