using InfoTheory.Internal;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The information measures of one layer T for one probe batch: H(T), I(X;T), I(T;Y) and, for 4-D layers, the
/// partial-information proxies; optionally the error-chain term I(δ_K; δ_k).
/// </summary>
/// <param name="Layer">The layer's name as in <c>named_modules()</c>.</param>
/// <param name="Shape">The layer output's shape (first dimension = observations).</param>
/// <param name="Entropy">H(T), the whole layer as one variable.</param>
/// <param name="InputInformation">I(X;T), X the probe input, T the whole layer.</param>
/// <param name="TargetInformation">I(T;Y): Y = X′ (the reconstruction) for autoencoders, the one-hot labels for classifiers (see <see cref="TargetKind"/>).</param>
public sealed record LayerMeasurement(string Layer, IReadOnlyList<long> Shape, Information Entropy, Information InputInformation, Information TargetInformation)
{
    /// <summary>The layer output's shape (first dimension = observations).</summary>
    public IReadOnlyList<long> Shape { get => _shape; init => _shape = ValueList<long>.Require(value, nameof(Shape)); }

    private readonly IReadOnlyList<long> _shape = ValueList<long>.Require(Shape, nameof(Shape));

    /// <summary>I(X; {T¹…T^C}) over the feature maps (4-D layers with PID on), else null.</summary>
    public Information? Mmi { get; init; }

    /// <summary>Mean redundancy-minus-synergy over map pairs (4-D layers, C ≥ 2), else null.</summary>
    public Information? Rst { get; init; }

    /// <summary>Mean weighted non-redundant information over map pairs (4-D layers, C ≥ 2), else null.</summary>
    public Information? Wnri { get; init; }

    /// <summary>Mean RST_ij / I(X;{Tⁱ,Tʲ}) × 100, or null.</summary>
    public double? RstPercent { get; init; }

    /// <summary>Mean WNRI_ij / I(X;{Tⁱ,Tʲ}) × 100, or null.</summary>
    public double? WnriPercent { get; init; }

    /// <summary>
    /// True when a matrix-Rényi estimate of this layer (I(X;T), I(T;Y) or MMI) reported saturation: a joint entropy at
    /// 0.99·log N or above, where the value says more about N than about the data. Always false for plug-in estimators.
    /// </summary>
    public bool Saturated { get; init; }

    /// <summary>I(δ_K; δ_k): the error signal of this layer against that of the last measured layer; null unless the error chain was measured.</summary>
    public Information? ErrorInformation { get; init; }

    /// <summary>This measurement as a series record (values in bits).</summary>
    public InformationRecord ToRecord(int epoch, int iteration, double? loss = null) => new(epoch, iteration, Layer, Entropy.Bits, InputInformation.Bits, TargetInformation.Bits)
    {
        Mmi = Mmi?.Bits,
        Rst = Rst?.Bits,
        Wnri = Wnri?.Bits,
        RstPercent = RstPercent,
        WnriPercent = WnriPercent,
        Saturated = Saturated,
        ErrorInformation = ErrorInformation?.Bits,
        Loss = loss,
    };
}
