using InfoTheory.Internal;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The information measures of one layer T for one probe batch: H(T), I(X;T), I(T;Y) and, for 4-D layers, the
/// multivariate MI and partial-information proxies; optionally the error-chain term I(δ_K; δ_k). Not one quantity but a
/// record composed of estimates, each with its N and its estimator's diagnostics (<see cref="RenyiDiagnostics"/> on the
/// default matrix-Rényi path).
/// </summary>
/// <param name="Layer">The layer's name as in <c>named_modules()</c>.</param>
/// <param name="Shape">The layer output's shape (first dimension = observations).</param>
/// <param name="Entropy">H(T), the whole layer as one variable.</param>
/// <param name="InputInformation">I(X;T), X the probe input, T the whole layer.</param>
/// <param name="TargetInformation">I(T;Y): Y = X′ (the reconstruction) for autoencoders, the one-hot labels for classifiers (see <see cref="TargetKind"/>).</param>
public sealed record LayerMeasurement(string Layer, IReadOnlyList<long> Shape, InformationEstimate Entropy, InformationEstimate InputInformation,
    InformationEstimate TargetInformation)
{
    /// <summary>The layer output's shape (first dimension = observations).</summary>
    public IReadOnlyList<long> Shape { get => _shape; init => _shape = ValueList<long>.Require(value, nameof(Shape)); }

    private readonly IReadOnlyList<long> _shape = ValueList<long>.Require(Shape, nameof(Shape));

    /// <summary>I(X; {T¹…T^C}) over the feature maps (4-D layers with PID on), else null.</summary>
    public InformationEstimate? Mmi { get; init; }

    /// <summary>
    /// The partial-information proxies of the feature maps (4-D layers with C ≥ 2 and PID on), else null: mean RST and
    /// WNRI, their % forms, and the per-pair table. Its <see cref="PidResult.Mmi"/> is <see cref="Mmi"/>.
    /// </summary>
    public PidResult? Pid { get; init; }

    /// <summary>
    /// I(Y; {T¹…T^C}) over the feature maps (4-D layers measured with <see cref="InformationPlaneOptions.TargetPid"/>), else null.
    /// </summary>
    public InformationEstimate? TargetMmi { get; init; }

    /// <summary>
    /// The partial-information proxies of the feature maps with respect to Y (4-D layers with C ≥ 2 measured with
    /// <see cref="InformationPlaneOptions.TargetPid"/>), else null: the second axis of the modified information plane.
    /// </summary>
    public PidResult? TargetPid { get; init; }

    /// <summary>
    /// True when a matrix-Rényi estimate of this layer (I(X;T), I(T;Y) or MMI) reported saturation
    /// (<see cref="RenyiDiagnostics.Saturated"/>; also the MMI with respect to Y when measured): a joint entropy at 0.99·log N or above, where the value says more about N
    /// than about the data. Always false for estimators without <see cref="RenyiDiagnostics"/>.
    /// </summary>
    public bool Saturated =>
        IsSaturated(InputInformation) || IsSaturated(TargetInformation) || (Mmi is { } mmi && IsSaturated(mmi))
        || (TargetMmi is { } targetMmi && IsSaturated(targetMmi));

    /// <summary>I(δ_K; δ_k): the error signal of this layer against that of the last measured layer; null unless the error chain was measured.</summary>
    public InformationEstimate? ErrorInformation { get; init; }

    /// <summary>D(input‖output): the k-NN divergence of the layer's input distribution from its output distribution; null unless <see cref="InformationPlaneOptions.LayerDivergence"/> is set.</summary>
    public InformationEstimate? InputOutputDivergence { get; init; }

    /// <summary>D(X‖X̂): the k-NN divergence of the input from the reconstruction (the same for every layer of a measurement); null unless <see cref="InformationPlaneOptions.ReconstructionDivergence"/> is set.</summary>
    public InformationEstimate? ReconstructionDivergence { get; init; }

    /// <summary>
    /// H(T) on each of the B disjoint parts of the probe batch, as <see cref="InputInformationBatches"/>; else null. Their
    /// spread gives the record's <see cref="InformationRecord.EntropyBand"/>.
    /// </summary>
    public IReadOnlyList<InformationEstimate>? EntropyBatches { get => _entropyBatches; init => _entropyBatches = ValueList<InformationEstimate>.Of(value); }

    private readonly IReadOnlyList<InformationEstimate>? _entropyBatches;

    /// <summary>
    /// I(X;T) on each of the B disjoint parts of the probe batch (with <see cref="InformationPlaneOptions.ProbeBatches"/>
    /// B ≥ 2), in part order, each on N/B observations; else null. Their spread gives the record's
    /// <see cref="InformationRecord.InputInformationBand"/>.
    /// </summary>
    public IReadOnlyList<InformationEstimate>? InputInformationBatches { get => _inputBatches; init => _inputBatches = ValueList<InformationEstimate>.Of(value); }

    private readonly IReadOnlyList<InformationEstimate>? _inputBatches;

    /// <summary>I(T;Y) on each of the B disjoint parts of the probe batch, as <see cref="InputInformationBatches"/>; else null.</summary>
    public IReadOnlyList<InformationEstimate>? TargetInformationBatches { get => _targetBatches; init => _targetBatches = ValueList<InformationEstimate>.Of(value); }

    private readonly IReadOnlyList<InformationEstimate>? _targetBatches;

    /// <summary>This measurement as a series record (values in bits).</summary>
    public InformationRecord ToRecord(int epoch, int iteration, double? loss = null) =>
        new(epoch, iteration, Layer, Entropy.Value.Bits, InputInformation.Value.Bits, TargetInformation.Value.Bits)
        {
            Mmi = Mmi?.Value.Bits,
            Rst = Pid?.Rst.Bits,
            Wnri = Pid?.Wnri.Bits,
            RstPercent = Pid?.RstPercent,
            WnriPercent = Pid?.WnriPercent,
            Saturated = Saturated,
            ErrorInformation = ErrorInformation?.Value.Bits,
            InputOutputDivergence = InputOutputDivergence?.Value.Bits,
            ReconstructionDivergence = ReconstructionDivergence?.Value.Bits,
            Loss = loss,
            TargetMmi = TargetMmi?.Value.Bits,
            TargetRst = TargetPid?.Rst.Bits,
            TargetWnri = TargetPid?.Wnri.Bits,
            TargetRstPercent = TargetPid?.RstPercent,
            TargetWnriPercent = TargetPid?.WnriPercent,
            InputInformationBand = Band(InputInformation, InputInformationBatches),
            TargetInformationBand = Band(TargetInformation, TargetInformationBatches),
            EntropyBand = Band(Entropy, EntropyBatches),
            InputWidthCheck = WidthCheckOf(InputInformation, 0),
            LayerWidthCheck = WidthCheckOf(InputInformation, 1),
        };

    /// <summary>Variable <paramref name="index"/>'s width check of a matrix-Rényi estimate (X = 0, T = 1 for I(X;T)); null for other estimators.</summary>
    private static WidthCheck? WidthCheckOf(InformationEstimate estimate, int index) =>
        estimate.Diagnostics is RenyiDiagnostics { WidthChecks: var checks } && checks.Count == 2 ? checks[index] : null;

    private static InformationBand? Band(InformationEstimate whole, IReadOnlyList<InformationEstimate>? batches) =>
        batches is null ? null : InformationBand.Predict(whole.Value.Bits, [.. batches.Select(b => b.Value.Bits)]);

    private static bool IsSaturated(InformationEstimate estimate) => estimate.Diagnostics is RenyiDiagnostics { Saturated: true };
}
