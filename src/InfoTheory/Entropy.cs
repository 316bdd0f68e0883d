namespace InfoTheory;

/// <summary>
/// Entropy estimators: the table of contents. Every estimator returns an <see cref="InformationEstimate"/>: the value
/// (nats inside; <c>.Value.Bits</c>, <c>.Value.Nats</c>), its standard error where the theory gives one, N and the
/// estimator's diagnostics; the closed forms return an <see cref="Information"/>. For repeated use with the same settings,
/// create the estimator class once.
/// </summary>
public static class Entropy
{
    /// <summary>
    /// Matrix-based Rényi α-entropy S_α(X) (Sanchez Giraldo et al. 2015) with a Gaussian kernel
    /// exp(−‖x−y‖²/(2σ²)). See <see cref="MatrixRenyiEntropy"/>.
    /// </summary>
    /// <param name="samples">N observations of X.</param>
    /// <param name="alpha">The order α &gt; 0 (default 1.01; 1 = von Neumann; 2 = fastest, no eigendecomposition).</param>
    /// <param name="bandwidth">The width rule (default Silverman-style σ = 5·N^(−1/(4+d))).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples or settings.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyi(Samples samples, double alpha = MatrixRenyiOptions.DefaultAlpha, Bandwidth? bandwidth = null,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new MatrixRenyiEntropy(Options(alpha, bandwidth)).Estimate(samples, progress, cancellationToken);

    /// <summary>Matrix-based Rényi α-entropy with full settings.</summary>
    /// <param name="samples">N observations of X.</param>
    /// <param name="options">The settings.</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyi(Samples samples, MatrixRenyiOptions options, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        new MatrixRenyiEntropy(options).Estimate(samples, progress, cancellationToken);

    /// <summary>Joint matrix-based Rényi entropy S_α(X₁, …, X_C) via the trace-normalised Hadamard product.</summary>
    /// <param name="variables">The variables, observed together (same N).</param>
    /// <param name="options">The settings (default: <see cref="MatrixRenyiOptions.Default"/>).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyiJoint(IReadOnlyList<Samples> variables, MatrixRenyiOptions? options = null,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new MatrixRenyiEntropy(options).EstimateJoint(variables, progress, cancellationToken);

    /// <summary>Conditional matrix-based Rényi entropy S_α(X | Y) = S_α(X, Y) − S_α(Y).</summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="given">The same N observations of Y.</param>
    /// <param name="options">The settings (default: <see cref="MatrixRenyiOptions.Default"/>).</param>
    /// <param name="progress">Receives the stages <c>gram</c> and <c>eigenvalues</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the estimate (checked per Gram row and per panel of each reduction).</param>
    /// <exception cref="ArgumentException">Unusable samples or different sample counts.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static InformationEstimate MatrixRenyiConditional(Samples x, Samples given, MatrixRenyiOptions? options = null,
        IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new MatrixRenyiEntropy(options).EstimateConditional(x, given, progress, cancellationToken);

    /// <summary>The closed-form differential entropy of N(μ, Σ): ½·ln((2πe)^d·det Σ).</summary>
    /// <exception cref="ArgumentException">Σ is not symmetric positive definite.</exception>
    public static Information Gaussian(double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(covariance);
        return new MultivariateNormal(new double[covariance.GetLength(0)], covariance).Entropy();
    }

    internal static MatrixRenyiOptions Options(double alpha, Bandwidth? bandwidth) =>
        new() { Alpha = alpha, Bandwidth = bandwidth ?? Bandwidth.Default };

    /// <summary>
    /// Gaussian KDE entropy −(1/N)·Σ ln p̂(xᵢ) with bandwidth matrix h²·Σ̂ (Scott's h by default). See <see cref="KdeEntropy"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable samples or a singular covariance.</exception>
    public static InformationEstimate Kde(Samples samples, KdeOptions? options = null) => new KdeEntropy(options).Estimate(samples);

    /// <summary>Plug-in entropy of integer symbols (optionally Miller–Madow). See <see cref="DiscreteEntropy"/>.</summary>
    /// <exception cref="ArgumentException">No symbols.</exception>
    public static InformationEstimate Discrete(ReadOnlySpan<int> symbols, DiscreteOptions? options = null) =>
        new DiscreteEntropy(options).Estimate(symbols);

    /// <summary>Plug-in entropy of equal-width bins (default 30 per column). See <see cref="BinnedEntropy"/>.</summary>
    /// <exception cref="ArgumentException">Unusable samples.</exception>
    public static InformationEstimate Binned(Samples samples, BinningOptions? options = null) => new BinnedEntropy(options).Estimate(samples);

    /// <summary>Entropy of the fitted Gaussian, ½·ln((2πe)^d·det Σ̂). See <see cref="GaussianFitEntropy"/>.</summary>
    /// <exception cref="ArgumentException">Unusable samples or a singular covariance.</exception>
    public static InformationEstimate GaussianFit(Samples samples, GaussianFitOptions? options = null) =>
        new GaussianFitEntropy(options).Estimate(samples);

    /// <summary>
    /// The Kozachenko–Leonenko k-NN entropy ψ(N) − ψ(k) + ln V_d + (d/N)·Σ ln ρₖ(i), with its standard error. See
    /// <see cref="KozachenkoLeonenkoEntropy"/>.
    /// </summary>
    /// <param name="samples">N &gt; k observations of X.</param>
    /// <param name="k">The neighbor order (default <see cref="KnnOptions.DefaultK"/> = 3).</param>
    /// <param name="norm">The norm (default Euclidean; V_d follows it).</param>
    /// <exception cref="ArgumentException">Unusable samples, or k &lt; 1 or k ≥ N.</exception>
    public static InformationEstimate KozachenkoLeonenko(Samples samples, int k = KnnOptions.DefaultK, KnnNorm norm = KnnNorm.Euclidean) =>
        new KozachenkoLeonenkoEntropy(new KnnOptions { K = KnnSettings.CheckK(k, nameof(k)), Norm = norm }).Estimate(samples);

    /// <summary>The Kozachenko–Leonenko k-NN entropy with full settings.</summary>
    /// <exception cref="ArgumentException">Unusable samples, or k ≥ N.</exception>
    public static InformationEstimate KozachenkoLeonenko(Samples samples, KnnOptions options) =>
        new KozachenkoLeonenkoEntropy(options).Estimate(samples);

    /// <summary>
    /// The weighted Kozachenko–Leonenko entropy of Berrett, Samworth &amp; Yuan (2019), with its standard error; k must be
    /// at least ⌊d/4⌋ + 1. See <see cref="WeightedKozachenkoLeonenkoEntropy"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Unusable samples, k ≥ N, or k too small for d.</exception>
    public static InformationEstimate WeightedKozachenkoLeonenko(Samples samples, int k = KnnOptions.DefaultK, KnnNorm norm = KnnNorm.Euclidean) =>
        new WeightedKozachenkoLeonenkoEntropy(new KnnOptions { K = KnnSettings.CheckK(k, nameof(k)), Norm = norm }).Estimate(samples);

    /// <summary>The weighted Kozachenko–Leonenko entropy with full settings.</summary>
    /// <exception cref="ArgumentException">Unusable samples, k ≥ N, or k too small for d.</exception>
    public static InformationEstimate WeightedKozachenkoLeonenko(Samples samples, KnnOptions options) =>
        new WeightedKozachenkoLeonenkoEntropy(options).Estimate(samples);
}
