namespace InfoTheory;

/// <summary>Partial-information measures of a layer: the table of contents.</summary>
public static class PartialInformation
{
    /// <summary>
    /// MMI, RST, WNRI, RST%, WNRI% and the per-pair table for input <paramref name="x"/> and the feature maps of
    /// <paramref name="layer"/> (Yu, Wickstrøm, Jenssen &amp; Principe, IEEE TNNLS 32(1) 2021). See <see cref="PartialInformationProxies"/>.
    /// </summary>
    /// <param name="x">N observations of the input X.</param>
    /// <param name="layer">The same N observations of a layer with C ≥ 2 feature maps.</param>
    /// <param name="options">The settings (default: all pairs, matrix-Rényi defaults).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>spectra</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the pass (checked per Gram row and per matrix).</param>
    /// <exception cref="ArgumentException">Unusable samples, different sample counts, or fewer than 2 maps.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static PidResult Proxies(Samples x, FeatureMaps layer, PidOptions? options = null, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new PartialInformationProxies(options).Estimate(x, layer, progress, cancellationToken);
}
