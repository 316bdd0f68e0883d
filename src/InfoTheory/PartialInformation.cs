namespace InfoTheory;

/// <summary>Partial-information measures of a layer: the table of contents.</summary>
public static class PartialInformation
{
    /// <summary>
    /// MMI, RST, WNRI, RST%, WNRI% and the per-pair table for input <paramref name="x"/> and the feature maps of
    /// <paramref name="layer"/> (Yu, Wickstrøm, Jenssen &amp; Principe, IEEE TNNLS 32(1) 2021). See <see cref="PartialInformationProxies"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable samples, different sample counts, or fewer than 2 maps.</exception>
    public static PidResult Proxies(Samples x, FeatureMaps layer, PidOptions? options = null) =>
        new PartialInformationProxies(options).Estimate(x, layer);
}
