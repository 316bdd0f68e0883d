namespace InfoTheory;

/// <summary>
/// How a kernel width compares with the spread of the data it is applied to, for one variable of a kernel estimate: the
/// width σ, the median distance between two observations, their ratio, the variable's entropy as a share of its ceiling,
/// and whether the width rather than the data decides the estimate (<see cref="WidthDominated"/>). Matrix-Rényi
/// estimates (<see cref="RenyiDiagnostics"/>) and Gaussian KDE estimates (<see cref="KdeDiagnostics"/>) carry one per
/// variable; read them through <see cref="IWidthDiagnostics"/>.
/// </summary>
/// <remarks>
/// <para>Why: the Silverman and Scott rules of the papers (σ = h·N^(−1/(4+d)), Yu et al.; Lee &amp; Jo) do not look at the
/// data's scale. When a layer's activations shrink, σ stays and the Gram matrix tends to the all-ones matrix, so every
/// entropy and mutual information tends to 0 whatever the network does; Lee &amp; Jo (App. A) note that small-scale
/// features act like a large σ. The reverse, σ far below the distances, makes the Gram the identity and every entropy
/// log N.</para>
/// <para>The median distance is over all pairs of observations up to N = 91 (4,095 pairs), else over a fixed, seeded
/// sample of 4,096 pairs, so it costs O(4,096·d) whatever N (its rank error is about ±1 % of the pairs). For a layer
/// of C feature maps entering as a Hadamard product, each map's distance is divided by its own σ_c and the maps are
/// summed in quadrature — the distance the product kernel sees, exp(−Σ_c d_c²/(2σ_c²)) — so
/// <see cref="SigmaOverMedian"/> is 1 over the median of that σ-scaled distance; <see cref="Sigma"/> is then the median
/// of the maps' σ_c and <see cref="MedianDistance"/> is <see cref="Sigma"/> / <see cref="SigmaOverMedian"/>.</para>
/// <para>For a Gaussian KDE with kernel covariance h²·Σ̂ (or h²·diag(σ̂²)) the comparison is made in whitened units, the
/// data transformed by Σ̂^(−1/2) (or divided per column by its standard deviation): there the kernel is
/// exp(−‖wᵢ − wⱼ‖²/(2h²)), a Gaussian of width h, so <see cref="Sigma"/> is the bandwidth factor h,
/// <see cref="MedianDistance"/> the median whitened distance (the same pairs as above), and the thresholds mean the same
/// as for the matrix-Rényi Gram. <see cref="SigmaOverMedian"/> is then free of the data's scale (whitening removes it) and
/// tells how h sits within the data's shape; see <see cref="KdeDiagnostics.WidthChecks"/>.</para>
/// </remarks>
/// <param name="Sigma">The kernel width σ, in the data's units (for a KDE: the bandwidth factor h, in whitened units).</param>
/// <param name="MedianDistance">The median Euclidean distance between two different observations, in the data's units (for
/// a KDE: in whitened units).</param>
/// <param name="SigmaOverMedian">σ / median distance (+∞ when the median distance is 0: more than half of the pairs
/// coincide).</param>
/// <param name="EntropyOverLogN">The variable's own entropy S / log N, the share of the ceiling it uses (1 − headroom); null
/// when the estimate did not compute that entropy (e.g. one variable of a joint entropy) or the entropy has no such
/// ceiling (a KDE's differential entropy).</param>
public sealed record WidthCheck(double Sigma, double MedianDistance, double SigmaOverMedian, double? EntropyOverLogN)
{
    /// <summary>
    /// σ / median distance at or above which the kernel is flat: at the median distance a Gaussian kernel is
    /// exp(−1/(2·10²)) = 0.995, so half of all pairs look within 0.5 % of identical and entropies collapse towards 0.
    /// </summary>
    public const double FlatRatio = 10;

    /// <summary>
    /// σ / median distance at or below which the kernel is a spike: at the median distance a Gaussian kernel is
    /// exp(−0.5/0.1²) = 2·10⁻²², so half of all pairs look unrelated and entropies climb towards log N.
    /// </summary>
    public const double SpikeRatio = 0.1;

    /// <summary>
    /// True when <see cref="SigmaOverMedian"/> ≥ <see cref="FlatRatio"/> or ≤ <see cref="SpikeRatio"/>: the width, not the
    /// data, decides the estimate. Rescale the variable (standardise the activations) or use a width from the data
    /// (<see cref="Bandwidth.Median"/>), and read a trajectory's values only where this is false. False when the median
    /// distance is 0 (then the ties, not the width, decide).
    /// </summary>
    public bool WidthDominated => MedianDistance > 0 && SigmaOverMedian is >= FlatRatio or <= SpikeRatio;

    /// <summary>The check of a width σ against a median distance (σ / median is +∞ when the median is 0).</summary>
    internal static WidthCheck Of(double sigma, double median, double? entropyOverLogN) =>
        new(sigma, median, median > 0 ? sigma / median : double.PositiveInfinity, entropyOverLogN);
}
