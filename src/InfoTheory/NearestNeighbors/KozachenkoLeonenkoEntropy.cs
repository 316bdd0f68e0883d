using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// The Kozachenko–Leonenko k-nearest-neighbor estimator of differential entropy (Kozachenko &amp; Leonenko, Probl.
/// Inf. Transm. 23(2), 1987; in the form of Kraskov, Stögbauer &amp; Grassberger, PRE 69, 066138, 2004, eq. 20,
/// doi:10.1103/PhysRevE.69.066138):
/// Ĥ = ψ(N) − ψ(k) + ln V_d + (d/N)·Σᵢ ln ρₖ(i).
/// </summary>
/// <remarks>
/// <para>ρₖ(i) is the distance from observation i to its k-th nearest OTHER observation in the chosen norm, and V_d the
/// volume of that norm's unit-radius ball: 2^d for the max-norm, π^(d/2)/Γ(d/2 + 1) for the Euclidean norm. (KSG write
/// the same with the diameter ε = 2ρ and the volume c_d of the unit-diameter ball.) Natural logarithms: nats.</para>
/// <para>Standard error: the sample standard deviation of the per-observation terms ψ(N) − ψ(k) + ln V_d + d·ln ρₖ(i)
/// over √N. Scale: the data are brought to unit magnitude by one power of two (exact) and d·ln of it is added back, so
/// Ĥ(cX) = Ĥ(X) + d·ln c anywhere in the finite double range; <see cref="KnnOptions.Standardize"/> also removes the
/// columns' relative scales. Ties: see <see cref="KnnOptions.TieJitter"/> (k or more exact copies: a "ties" warning and
/// no standard error). A constant column is refused: the differential entropy is then −∞. Cost: O(N log N) with the k-d tree for small d, O(N²·d)
/// brute force otherwise; memory O(N·d + N). Thread-safe.</para>
/// </remarks>
public sealed class KozachenkoLeonenkoEntropy : IEntropyEstimator, IDistanceSensitive
{
    /// <summary>An estimator with the given settings (default k = 3, Euclidean norm).</summary>
    public KozachenkoLeonenkoEntropy(KnnOptions? options = null) => Options = options ?? KnnOptions.Default;

    /// <summary>The settings.</summary>
    public KnnOptions Options { get; }

    /// <summary>Ĥ(X) in nats, with its standard error and <see cref="KnnDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ k, a constant column (h = −∞), or exact duplicates with the jitter turned off.</exception>
    public InformationEstimate Estimate(Samples samples)
    {
        KnnGuard.Usable(samples, Options.K);
        return KnnEntropyTerms.Entropy(samples, KnnEntropyTerms.Plain(Options.K), Options, nameof(samples),
            "Use a discrete estimator for discrete data, or k ≥ {0} so that the k-th neighbor lies beyond the copies.") with
        {
            Diagnostics = KnnDiagnostics.Of(Options),
        };
    }
}
