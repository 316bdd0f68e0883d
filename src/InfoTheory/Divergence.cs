namespace InfoTheory;

/// <summary>
/// Divergence estimators: the table of contents. Every method returns an <see cref="InformationEstimate"/>: the value
/// (nats inside; <c>.Value.Bits</c> for bits), its standard error where there is one, N and the estimator's diagnostics.
/// </summary>
public static class Divergence
{
    /// <summary>
    /// The k-NN Kullback–Leibler divergence D(P‖Q) of Wang, Kulkarni &amp; Verdú (IEEE TIT 55(5), 2009,
    /// doi:10.1109/TIT.2009.2016060). See <see cref="KnnKullbackLeiblerDivergence"/>.
    /// </summary>
    /// <param name="p">Samples of P (n ≥ k + 1).</param>
    /// <param name="q">Samples of Q (m ≥ k), of the same dimension.</param>
    /// <param name="k">The neighbor order (default <see cref="KnnOptions.DefaultK"/> = 3).</param>
    /// <exception cref="ArgumentException">Different dimensions, non-finite values, too few samples, or k &lt; 1.</exception>
    public static InformationEstimate KullbackLeibler(Samples p, Samples q, int k = KnnOptions.DefaultK) =>
        new KnnKullbackLeiblerDivergence(new KnnOptions { K = KnnSettings.CheckK(k, nameof(k)) }).Estimate(p, q);

    /// <summary>The k-NN Kullback–Leibler divergence D(P‖Q) with full settings.</summary>
    /// <exception cref="ArgumentException">Different dimensions, non-finite values or too few samples.</exception>
    public static InformationEstimate KullbackLeibler(Samples p, Samples q, KnnOptions options) =>
        new KnnKullbackLeiblerDivergence(options).Estimate(p, q);

    /// <summary>D(P‖Q) of two histograms or probability vectors (same length). See <see cref="DiscreteDivergence"/>.</summary>
    /// <exception cref="ArgumentException">Different lengths, negative or non-finite entries, or P has mass where Q has none (and no pseudocount).</exception>
    public static InformationEstimate Discrete(ReadOnlySpan<double> p, ReadOnlySpan<double> q, DiscreteDivergenceOptions? options = null) =>
        new DiscreteDivergence(options).Estimate(p, q);

    /// <summary>D(P‖Q) of the empirical distributions of two integer symbol samples. See <see cref="DiscreteDivergence"/>.</summary>
    /// <exception cref="ArgumentException">Empty samples, or a symbol of P never seen in Q (and no pseudocount).</exception>
    public static InformationEstimate Discrete(ReadOnlySpan<int> p, ReadOnlySpan<int> q, DiscreteDivergenceOptions? options = null) =>
        new DiscreteDivergence(options).Estimate(p, q);

    /// <summary>D(P‖Q) of continuous samples binned on one shared equal-width grid. See <see cref="DiscreteDivergence"/>.</summary>
    /// <exception cref="ArgumentException">Different dimensions, unusable samples, or a bin of P empty in Q (and no pseudocount).</exception>
    public static InformationEstimate Histogram(Samples p, Samples q, DiscreteDivergenceOptions? options = null) =>
        new DiscreteDivergence(options).Estimate(p, q);
}
