namespace InfoTheory.TorchSharp;

/// <summary>
/// One row of an <see cref="InformationSeries"/>: the measures of one layer at one step of training. Information values
/// are in <b>bits</b> (the papers' unit), percentages in %, the loss as reported by the caller.
/// </summary>
/// <param name="Epoch">The epoch.</param>
/// <param name="Iteration">The iteration (as passed by the caller; −1 when the measurement was not tied to an iteration).</param>
/// <param name="Layer">The layer's name.</param>
/// <param name="Entropy">H(T) in bits (CSV column <c>h_t</c>).</param>
/// <param name="InputInformation">I(X;T) in bits (<c>i_xt</c>).</param>
/// <param name="TargetInformation">I(T;Y) in bits (<c>i_ty</c>; Y = X′ for autoencoders).</param>
public sealed record InformationRecord(int Epoch, int Iteration, string Layer, double Entropy, double InputInformation, double TargetInformation)
{
    /// <summary>MMI in bits (<c>mmi</c>), or null.</summary>
    public double? Mmi { get; init; }

    /// <summary>Mean RST in bits (<c>rst</c>), or null.</summary>
    public double? Rst { get; init; }

    /// <summary>Mean WNRI in bits (<c>wnri</c>), or null.</summary>
    public double? Wnri { get; init; }

    /// <summary>RST% (<c>rst_pct</c>), or null.</summary>
    public double? RstPercent { get; init; }

    /// <summary>WNRI% (<c>wnri_pct</c>), or null.</summary>
    public double? WnriPercent { get; init; }

    /// <summary>The saturation flag (<c>saturated</c>), see <see cref="LayerMeasurement.Saturated"/>.</summary>
    public bool Saturated { get; init; }

    /// <summary>I(δ_K; δ_k) in bits (<c>i_err</c>), or null.</summary>
    public double? ErrorInformation { get; init; }

    /// <summary>D(input‖output) of the layer in bits (<c>kl_io</c>), or null.</summary>
    public double? InputOutputDivergence { get; init; }

    /// <summary>D(X‖X̂) of the input against the reconstruction in bits (<c>kl_rec</c>), or null.</summary>
    public double? ReconstructionDivergence { get; init; }

    /// <summary>The training loss at this step (<c>loss</c>), or null.</summary>
    public double? Loss { get; init; }

    /// <summary>MMI with respect to Y, I(Y; {T¹…T^C}), in bits (<c>mmi_y</c>), or null.</summary>
    public double? TargetMmi { get; init; }

    /// <summary>Mean RST with respect to Y in bits (<c>rst_y</c>), or null.</summary>
    public double? TargetRst { get; init; }

    /// <summary>Mean WNRI with respect to Y in bits (<c>wnri_y</c>), or null: the vertical axis of the modified plane.</summary>
    public double? TargetWnri { get; init; }

    /// <summary>RST% with respect to Y (<c>rst_pct_y</c>), or null.</summary>
    public double? TargetRstPercent { get; init; }

    /// <summary>WNRI% with respect to Y (<c>wnri_pct_y</c>), or null.</summary>
    public double? TargetWnriPercent { get; init; }

    /// <summary>
    /// The 95 % prediction band of <see cref="InputInformation"/> from disjoint probe batches (CSV <c>i_xt_low</c>,
    /// <c>i_xt_high</c>, <c>i_xt_batches</c>), or null when measured without bands
    /// (<see cref="InformationPlaneOptions.ProbeBatches"/> = 1).
    /// </summary>
    public InformationBand? InputInformationBand { get; init; }

    /// <summary>The 95 % prediction band of <see cref="TargetInformation"/> (CSV <c>i_ty_low</c>, <c>i_ty_high</c>, <c>i_ty_batches</c>), or null.</summary>
    public InformationBand? TargetInformationBand { get; init; }

    /// <summary>
    /// The 95 % prediction band of <see cref="Entropy"/> from the same disjoint probe batches (CSV <c>h_t_low</c>,
    /// <c>h_t_high</c>, <c>h_t_batches</c>), or null when measured without bands.
    /// </summary>
    public InformationBand? EntropyBand { get; init; }

    /// <summary>
    /// How the layer's kernel width compared with the spread of its activations in the I(X;T) estimate (CSV
    /// <c>sigma_t</c>, <c>median_distance_t</c>, <c>sigma_over_median_t</c>, <c>h_t_over_log_n</c>,
    /// <c>width_dominated_t</c>), or null when I(X;T) was not estimated by matrix Rényi (KSG, KDE, other estimators). When
    /// its <see cref="WidthCheck.WidthDominated"/> is true the width, not the data, decides this record's values.
    /// </summary>
    public WidthCheck? LayerWidthCheck { get; init; }

    /// <summary>
    /// How the input's kernel width compared with the spread of X in the I(X;T) estimate (CSV <c>sigma_x</c>,
    /// <c>median_distance_x</c>, <c>sigma_over_median_x</c>, <c>h_x_over_log_n</c>, <c>width_dominated_x</c>), or null
    /// when I(X;T) was not estimated by matrix Rényi.
    /// </summary>
    public WidthCheck? InputWidthCheck { get; init; }

    /// <summary>
    /// True when <see cref="LayerWidthCheck"/> or <see cref="InputWidthCheck"/> is <see cref="WidthCheck.WidthDominated"/>:
    /// the kernel width, not the data, decided I(X;T) (and the layer's other values); false when neither check is known.
    /// </summary>
    public bool WidthDominated => LayerWidthCheck is { WidthDominated: true } || InputWidthCheck is { WidthDominated: true };
}
