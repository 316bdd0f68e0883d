using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The two coordinates of a layer on the information plane, from <see cref="LayerBinning"/>: not one quantity but three
/// plug-in estimates from one binning of the layer, each with its standard error, N and <see cref="BinningDiagnostics"/>
/// (the grid, and the distinct bin patterns: m_T, the number of patterns of the layer, is <c>LayerEntropy</c>'s
/// <see cref="BinningDiagnostics.Patterns"/>[0]).
/// </summary>
/// <param name="Input">I(X;T): the information the binned layer keeps about the input.</param>
/// <param name="Label">I(T;Y): the information the binned layer keeps about the label.</param>
/// <param name="LayerEntropy">H(T): the entropy of the bin patterns (equal to I(X;T) when every input row is distinct).</param>
public sealed record LayerInformation(InformationEstimate Input, InformationEstimate Label, InformationEstimate LayerEntropy);

/// <summary>
/// The binning estimator of Shwartz-Ziv &amp; Tishby, "Opening the black box of deep neural networks via information"
/// (arXiv:1703.00810, 2017): every unit's activation goes into one of B = 30 equal bins over the layer's range, the
/// pattern of bins of a row is a symbol T, and I(X;T) = H(T) − H(T|X), I(T;Y) = H(T) − H(T|Y), plug-in entropies. Nats.
/// </summary>
/// <remarks>
/// <para>The default range is <see cref="BinRange.Layer"/> (min and max over all activations of the layer); the
/// authors' code used the fixed [−1, 1] of tanh units (<see cref="BinRange.Fixed"/>). When every input row is distinct
/// (the usual case: X is the identity of the sample) H(T|X) = 0 because T is a function of X, so I(X;T) = H(T) ≤ ln N;
/// this is what the paper plots. With repeated inputs, pass them to the overload with <c>input</c>.</para>
/// <para>I(T;Y) = H(T) − Σ_y p̂(y)·H(T|Y = y) (the plug-in MI of T and Y). Both values depend on B and N and saturate
/// at ln N when B is large; compare layers at the same B and N (Saxe et al., ICLR 2018, discuss this dependence).
/// Standard errors are the delta-method values of the plug-in estimates. Immutable and thread-safe.</para>
/// </remarks>
public sealed class LayerBinning
{
    /// <summary>An estimator with the given settings (default: 30 bins over the layer's range, plug-in).</summary>
    public LayerBinning(BinningOptions? options = null) => Options = options ?? new BinningOptions { Range = BinRange.Layer };

    /// <summary>The settings.</summary>
    public BinningOptions Options { get; }

    /// <summary>I(X;T) and I(T;Y) with every input row taken as distinct (I(X;T) = H(T)).</summary>
    /// <param name="layer">N × units activations T.</param>
    /// <param name="labels">N class labels Y.</param>
    /// <exception cref="ArgumentException">Unusable activations, or a label count different from the sample count.</exception>
    public LayerInformation Estimate(Samples layer, ReadOnlySpan<int> labels)
    {
        var t = Binning.RowCodes(layer, Options, nameof(layer), out int mt);
        var entropy = Entropy(t, mt);
        return new LayerInformation(entropy, LabelInformation(t, mt, labels), entropy);
    }

    /// <summary>I(X;T) = H(T) − H(T|X) with the input rows as symbols (exact equality), and I(T;Y).</summary>
    /// <param name="input">N × d inputs X; equal rows are one input.</param>
    /// <param name="layer">N × units activations T.</param>
    /// <param name="labels">N class labels Y.</param>
    /// <exception cref="ArgumentException">Unusable samples or different counts.</exception>
    public LayerInformation Estimate(Samples input, Samples layer, ReadOnlySpan<int> labels)
    {
        Guard.Usable(input, 1);
        Guard.SameCount(input, layer);
        var t = Binning.RowCodes(layer, Options, nameof(layer), out int mt);
        var x = SymbolCodes.Rows(input, out int mx);
        return new LayerInformation(MutualInformation(x, mx, t, mt), LabelInformation(t, mt, labels), Entropy(t, mt));
    }

    private InformationEstimate LabelInformation(int[] t, int mt, ReadOnlySpan<int> labels)
    {
        DiscreteGuard.SameLength(t.Length, labels.Length, "layer", nameof(labels));
        var y = SymbolCodes.Dense(labels, out int my);
        return MutualInformation(t, mt, y, my);
    }

    private InformationEstimate Entropy(int[] t, int mt) =>
        PlugIn.EntropyEstimate(t, mt, Options.Correction) with { Diagnostics = Binning.Diagnostics(Options, mt) };

    private InformationEstimate MutualInformation(int[] a, int ma, int[] b, int mb)
    {
        var (estimate, patterns) = PlugIn.MutualInformationEstimate(a, ma, b, mb, Options.Correction);
        return estimate with { Diagnostics = Binning.Diagnostics(Options, patterns) };
    }
}
