namespace InfoTheory;

/// <summary>
/// Mutual-information estimators: the table of contents. Every estimator returns an <see cref="InformationEstimate"/>:
/// the value (nats inside; <c>.Value.Bits</c>, <c>.Value.Nats</c>), its standard error where the theory gives one, N and
/// the estimator's diagnostics; the closed form returns an <see cref="Information"/>, and the Kolchinsky–Tracey bounds
/// are two estimates.
/// </summary>
public static class MutualInformation
{
    /// <summary>
    /// Matrix-based Rényi mutual information I_α(X; Y) = S_α(X) + S_α(Y) − S_α(X, Y), Gaussian kernel
    /// exp(−‖x−y‖²/(2σ²)), σ per variable from the bandwidth rule. See <see cref="MatrixRenyiMutualInformation"/>.
    /// </summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="alpha">The order α &gt; 0 (default 1.01).</param>
    /// <param name="bandwidth">The width rule (default Silverman-style σ = 5·N^(−1/(4+d))).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples or settings, or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyi(Samples x, Samples y, double alpha = MatrixRenyiOptions.DefaultAlpha, Bandwidth? bandwidth = null,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new MatrixRenyiMutualInformation(Entropy.Options(alpha, bandwidth)).Estimate(x, y, progress, cancellationToken);

    /// <summary>Matrix-based Rényi mutual information with full settings.</summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="options">The settings.</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyi(Samples x, Samples y, MatrixRenyiOptions options, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new MatrixRenyiMutualInformation(options).Estimate(x, y, progress, cancellationToken);

    /// <summary>
    /// Multivariate MI I_α(X; {T¹…T^C}) between an input and a layer's feature maps (Yu et al. 2021, eq. 5), or with
    /// the layer as one tensor. See <see cref="MultivariateMutualInformation"/>.
    /// </summary>
    /// <param name="x">N observations of the input X.</param>
    /// <param name="layer">The same N observations of the layer.</param>
    /// <param name="options">The settings (default: <see cref="MatrixRenyiOptions.Default"/>).</param>
    /// <param name="representation">How the layer enters (default: feature maps, as in the paper).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyiMultivariate(Samples x, FeatureMaps layer, MatrixRenyiOptions? options = null,
        LayerRepresentation representation = LayerRepresentation.FeatureMaps, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new MultivariateMutualInformation(options, representation).Estimate(x, layer, progress, cancellationToken);

    /// <summary>Matrix-based Rényi total correlation Σ S_α(Xᵢ) − S_α(X₁, …, X_k).</summary>
    /// <param name="variables">At least two variables, observed together (same N).</param>
    /// <param name="options">The settings (default: <see cref="MatrixRenyiOptions.Default"/>).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Fewer than two variables, unusable samples or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate TotalCorrelation(IReadOnlyList<Samples> variables, MatrixRenyiOptions? options = null,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new MatrixRenyiMutualInformation(options).TotalCorrelation(variables, progress, cancellationToken);

    /// <summary>
    /// The closed-form MI of a Gaussian between its first <paramref name="firstDimensions"/> coordinates and the rest:
    /// ½·ln(det Σ_X·det Σ_Y / det Σ).
    /// </summary>
    /// <exception cref="ArgumentException">Σ is not symmetric positive definite, or the split is empty.</exception>
    public static Information Gaussian(double[,] covariance, int firstDimensions)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        return new MultivariateNormal(new double[covariance.GetLength(0)], covariance).MutualInformation(firstDimensions);
    }

    /// <summary>MI from Gaussian KDE entropies, H(X) + H(Y) − H(X,Y). See <see cref="KdeMutualInformation"/>.</summary>
    /// <exception cref="ArgumentException">Unusable samples, different counts or a singular covariance.</exception>
    public static InformationEstimate Kde(Samples x, Samples y, KdeOptions? options = null) => new KdeMutualInformation(options).Estimate(x, y);

    /// <summary>Plug-in MI of two integer symbol sequences (scikit-learn's mutual_info_score). See <see cref="DiscreteMutualInformation"/>.</summary>
    /// <exception cref="ArgumentException">Empty or different-length sequences.</exception>
    public static InformationEstimate Discrete(ReadOnlySpan<int> x, ReadOnlySpan<int> y, DiscreteOptions? options = null) =>
        new DiscreteMutualInformation(options).Estimate(x, y);

    /// <summary>Plug-in MI of equal-width bins (default 30 per column). See <see cref="BinnedMutualInformation"/>.</summary>
    /// <exception cref="ArgumentException">Unusable samples or different counts.</exception>
    public static InformationEstimate Binned(Samples x, Samples y, BinningOptions? options = null) =>
        new BinnedMutualInformation(options).Estimate(x, y);

    /// <summary>MI of the fitted Gaussian, ½·ln(det Σ̂_X·det Σ̂_Y / det Σ̂). See <see cref="GaussianFitMutualInformation"/>.</summary>
    /// <exception cref="ArgumentException">Unusable samples, different counts or a singular covariance.</exception>
    public static InformationEstimate GaussianFit(Samples x, Samples y, GaussianFitOptions? options = null) =>
        new GaussianFitMutualInformation(options).Estimate(x, y);

    /// <summary>
    /// Kolchinsky–Tracey lower and upper bounds on I(X;T) for T = f(X) + N(0, σ²I), from the activations f(xᵢ).
    /// See <see cref="InfoTheory.KolchinskyTracey"/>.
    /// </summary>
    /// <exception cref="ArgumentException">σ² ≤ 0 or unusable activations.</exception>
    public static InformationBounds KolchinskyTracey(Samples activations, double noiseVariance) =>
        new KolchinskyTracey(noiseVariance).Estimate(activations);

    /// <summary>
    /// The KSG estimator of I(X; Y) (Kraskov, Stögbauer &amp; Grassberger 2004), estimator 1 by default, max-norm, with its
    /// standard error. See <see cref="KsgMutualInformation"/>.
    /// </summary>
    /// <param name="x">N &gt; k observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="k">The neighbor order (default <see cref="KnnOptions.DefaultK"/> = 3).</param>
    /// <param name="variant">Estimator 1 (default) or 2.</param>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or k &lt; 1 or k ≥ N.</exception>
    public static InformationEstimate Ksg(Samples x, Samples y, int k = KnnOptions.DefaultK, KsgVariant variant = KsgVariant.One) =>
        new KsgMutualInformation(new KsgOptions { K = KnnSettings.CheckK(k, nameof(k)), Variant = variant }).Estimate(x, y);

    /// <summary>The KSG estimator of I(X; Y) with full settings.</summary>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or k ≥ N.</exception>
    public static InformationEstimate Ksg(Samples x, Samples y, KsgOptions options) =>
        new KsgMutualInformation(options).Estimate(x, y);

    /// <summary>
    /// I(X; Y) = Ĥ(X) + Ĥ(Y) − Ĥ(X, Y) from (weighted) Kozachenko–Leonenko entropies. See <see cref="KnnEntropyMutualInformation"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable samples, different counts, k ≥ N, or (weighted) k too small for d.</exception>
    public static InformationEstimate KozachenkoLeonenko(Samples x, Samples y, KnnOptions? options = null, bool weighted = false) =>
        new KnnEntropyMutualInformation(options, weighted).Estimate(x, y);

    /// <summary>
    /// The conditional MI I(X; Y | Z) in the KSG form of Frenzel &amp; Pompe (2007). See <see cref="KsgConditionalMutualInformation"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or k ≥ N.</exception>
    public static InformationEstimate KsgConditional(Samples x, Samples y, Samples z, KsgOptions? options = null) =>
        new KsgConditionalMutualInformation(options).Estimate(x, y, z);
}
