using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Mutual information of compressed representations, I(E_X(X); E_Y(Y)), estimated by any inner estimator on the
/// codes: the method of Butakov et al., "Information Bottleneck Analysis of Deep Neural Networks via Lossy
/// Compression", ICLR 2024 (arXiv:2305.08013), who pair PCA or autoencoder codes with k-NN estimators.
/// </summary>
/// <remarks>
/// <para>Each compressor is fitted on the samples passed to <see cref="Estimate"/> and applied to them; a null compressor
/// leaves its variable as it is. If the compressors are injective on the support (e.g. PCA of data on an n′-dimensional
/// subspace), the value equals I(X; Y) up to the inner estimator's error; otherwise it is a lower bound of I(X; Y) by the
/// data-processing inequality, and a PCA with <see cref="PcaOptions.NoiseVariance"/> reports how much can be lost
/// (<see cref="CompressionDiagnostics.LossBound"/>).</para>
/// <para>Uncertainty: the inner estimator's standard error, warnings and diagnostics are passed on (the diagnostics inside
/// <see cref="CompressionDiagnostics.Inner"/>), conditional on the fitted compressors (the fit's own variability is not
/// included).</para>
/// </remarks>
public sealed class CompressedMutualInformation : IMutualInformationEstimator
{
    /// <summary>Compress X and/or Y, then estimate with <paramref name="inner"/>.</summary>
    /// <param name="inner">The estimator run on the codes.</param>
    /// <param name="xCompressor">The compressor of X, or null to keep X as is.</param>
    /// <param name="yCompressor">The compressor of Y, or null to keep Y as is.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/> is null.</exception>
    /// <exception cref="ArgumentException">Both compressors are null.</exception>
    public CompressedMutualInformation(IMutualInformationEstimator inner, ICompressor? xCompressor, ICompressor? yCompressor = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (xCompressor is null && yCompressor is null)
        {
            throw new ArgumentException("Give a compressor for X, for Y or for both; without one use the inner estimator directly.", nameof(yCompressor));
        }

        Inner = inner;
        XCompressor = xCompressor;
        YCompressor = yCompressor;
    }

    /// <summary>The estimator run on the codes.</summary>
    public IMutualInformationEstimator Inner { get; }

    /// <summary>The compressor of X, or null.</summary>
    public ICompressor? XCompressor { get; }

    /// <summary>The compressor of Y, or null.</summary>
    public ICompressor? YCompressor { get; }

    /// <summary>
    /// Fits the compressors on <paramref name="x"/> and <paramref name="y"/>, encodes them and estimates I on the codes:
    /// the inner estimate (value, standard error, N, warnings) with <see cref="CompressionDiagnostics"/>.
    /// </summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="cancellationToken">Stops the work: passed to the compressors' fits (an autoencoder checks it per
    /// batch) and to an inner <see cref="IMutualInformationEstimator"/>, and checked between the steps.</param>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or a compressor that does not fit the data.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (fitted compressors are disposed).</exception>
    public InformationEstimate Estimate(Samples x, Samples y, CancellationToken cancellationToken = default)
    {
        Guard.Usable(x, 2);
        Guard.Usable(y, 2);
        Guard.SameCount(x, y);
        var fx = XCompressor?.Fit(x, cancellationToken);
        IFittedCompressor? fy = null;
        try
        {
            fy = YCompressor?.Fit(y, cancellationToken);
            var cx = fx?.Encode(x) ?? x;
            var cy = fy?.Encode(y) ?? y;
            cancellationToken.ThrowIfCancellationRequested();
            var estimate = Inner.Estimate(cx, cy, cancellationToken);
            Information? bound = null;
            foreach (var f in new[] { fx, fy })
            {
                if (f is PcaCompression { LossBound: { } b })
                {
                    bound = (bound ?? Information.Zero) + b;
                }
            }

            return estimate with
            {
                Diagnostics = new CompressionDiagnostics(fx?.OutputDimensions ?? x.Dimensions, fy?.OutputDimensions ?? y.Dimensions, bound, estimate.Diagnostics)
                {
                    XExplainedVariances = (fx as PcaCompression)?.ExplainedVariances,
                    YExplainedVariances = (fy as PcaCompression)?.ExplainedVariances,
                },
            };
        }
        finally
        {
            (fx as IDisposable)?.Dispose();
            (fy as IDisposable)?.Dispose();
        }
    }

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y);

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y, CancellationToken cancellationToken) =>
        Estimate(x, y, cancellationToken);
}
