namespace InfoTheory;

/// <summary>
/// The diagnostics of a k-nearest-neighbor estimate (Kozachenko–Leonenko and its weighted form, MI from their
/// entropies, KSG, Frenzel–Pompe conditional MI, the Wang–Kulkarni–Verdú divergence): the neighbor order, the norm,
/// whether the columns were standardised, and the tie jitter. Ties, constant variables and column scales the norm cannot
/// see together are reported in <see cref="InformationEstimate.Warnings"/>.
/// </summary>
/// <param name="K">The neighbor order k.</param>
/// <param name="Norm">The norm the distances were measured in.</param>
/// <param name="Standardized">True when each column was divided by its standard deviation before the searches.</param>
/// <param name="TieJitter">The standard deviation of the tie-breaking noise, relative to each feature's scale (0 = none).</param>
public sealed record KnnDiagnostics(int K, KnnNorm Norm, bool Standardized, double TieJitter) : EstimateDiagnostics
{
    /// <summary>Which KSG estimator (KSG and Frenzel–Pompe); null for the entropy-based estimators and the divergence.</summary>
    public KsgVariant? Variant { get; init; }

    /// <summary>True for the weighted Kozachenko–Leonenko entropies of Berrett, Samworth &amp; Yuan (and the MI built from them).</summary>
    public bool Weighted { get; init; }

    /// <summary>The diagnostics of an entropy-type estimator with these settings.</summary>
    internal static KnnDiagnostics Of(KnnOptions options, bool weighted = false) =>
        new(options.K, options.Norm, options.Standardize, options.TieJitter) { Weighted = weighted };

    /// <summary>The diagnostics of a KSG-type estimator with these settings.</summary>
    internal static KnnDiagnostics Of(KsgOptions options) =>
        new(options.K, options.Norm, options.Standardize, options.TieJitter) { Variant = options.Variant };
}
