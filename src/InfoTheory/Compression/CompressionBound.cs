namespace InfoTheory;

/// <summary>
/// How much information a lossy PCA can lose: Corollary 4 of Butakov et al., "Information Bottleneck Analysis of Deep
/// Neural Networks via Lossy Compression", ICLR 2024 (arXiv:2305.08013).
/// </summary>
/// <remarks>
/// For X ∈ ℝⁿ with covariance eigenvalues λ₁ ≥ … ≥ λₙ, independent noise Z ~ N(0, σ²Iₙ), E the projection on the n′
/// leading principal axes and any Y with Y → X → X + Z:
/// 0 ≤ I(X + Z; Y) − I(E(X + Z); Y) ≤ Σ_{i&gt;n′} ½·ln(1 + λᵢ/σ²) ≤ (n − n′)/2 · ln(1 + λ_{n′+1}/σ²) nats.
/// Why: the loss is at most I(X + Z; P⊥(X + Z) | E(X + Z)) ≤ h(P⊥(X + Z)) − h(P⊥Z), and the Gaussian with the
/// discarded covariance diag(λᵢ + σ²) maximises the first entropy. <see cref="Pca"/> returns the corollary's right-hand
/// side; <see cref="PcaTight"/> the middle sum.
/// </remarks>
public static class CompressionBound
{
    /// <summary>(n − n′)/2 · ln(1 + λ_{n′+1}/σ²) nats (0 when n′ = n).</summary>
    /// <param name="explainedVariances">λ₁ ≥ … ≥ λₙ (any order is accepted; they are sorted).</param>
    /// <param name="components">n′, the number of components kept.</param>
    /// <param name="noiseVariance">σ² &gt; 0.</param>
    /// <param name="variancesIncludeNoise">True when the λ are those of X + Z (a PCA fitted on noisy data): σ² is subtracted (clipped at 0).</param>
    /// <exception cref="ArgumentException">n′ is out of [1, n], σ² is not &gt; 0, or a variance is negative or not finite.</exception>
    public static Information Pca(IReadOnlyList<double> explainedVariances, int components, double noiseVariance, bool variancesIncludeNoise = false)
    {
        var lambda = Prepare(explainedVariances, components, noiseVariance, variancesIncludeNoise);
        int n = lambda.Length;
        return n == components ? Information.Zero : Information.FromNats((n - components) / 2.0 * Math.Log(1 + lambda[components] / noiseVariance));
    }

    /// <summary>Σ_{i&gt;n′} ½·ln(1 + λᵢ/σ²) nats: the tighter bound the corollary is derived from.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Pca"/>.</exception>
    public static Information PcaTight(IReadOnlyList<double> explainedVariances, int components, double noiseVariance, bool variancesIncludeNoise = false)
    {
        var lambda = Prepare(explainedVariances, components, noiseVariance, variancesIncludeNoise);
        double sum = 0;
        for (int i = components; i < lambda.Length; i++)
        {
            sum += 0.5 * Math.Log(1 + lambda[i] / noiseVariance);
        }

        return Information.FromNats(sum);
    }

    private static double[] Prepare(IReadOnlyList<double> explainedVariances, int components, double noiseVariance, bool variancesIncludeNoise)
    {
        ArgumentNullException.ThrowIfNull(explainedVariances);
        Internal.Guard.Positive(noiseVariance, "give the variance σ² of the isotropic Gaussian noise added to the data.");
        int n = explainedVariances.Count;
        if (components < 1 || components > n)
        {
            throw new ArgumentOutOfRangeException(nameof(components), components, $"components = {components} must lie in [1, {n}] (the number of variances).");
        }

        var lambda = explainedVariances.ToArray();
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(lambda[i]) || lambda[i] < 0)
            {
                throw new ArgumentException($"explainedVariances[{i}] = {lambda[i]}; variances must be finite and ≥ 0.", nameof(explainedVariances));
            }

            if (variancesIncludeNoise)
            {
                lambda[i] = Math.Max(0, lambda[i] - noiseVariance);
            }
        }

        Array.Sort(lambda);
        Array.Reverse(lambda);
        return lambda;
    }
}
