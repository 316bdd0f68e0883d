using System.Reflection;
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
/// (<see cref="CompressedEstimate.LossBound"/>).</para>
/// <para>Uncertainty: if the inner estimator has a public <c>Estimate(Samples, Samples)</c> that returns an
/// <see cref="InformationEstimate"/> (the classical estimators do), or the estimator is built from such a function, its
/// standard error is passed on — conditional on the fitted compressors (the fit's own variability is not included).</para>
/// </remarks>
public sealed class CompressedMutualInformation : IMutualInformationEstimator
{
    private readonly Func<Samples, Samples, CancellationToken, InformationEstimate> _inner;

    /// <summary>Compress X and/or Y, then estimate with <paramref name="inner"/>.</summary>
    /// <param name="inner">The estimator run on the codes.</param>
    /// <param name="xCompressor">The compressor of X, or null to keep X as is.</param>
    /// <param name="yCompressor">The compressor of Y, or null to keep Y as is.</param>
    public CompressedMutualInformation(IMutualInformationEstimator inner, ICompressor? xCompressor, ICompressor? yCompressor = null)
        : this(Wrap(inner), xCompressor, yCompressor, Describe(inner))
    {
    }

    private CompressedMutualInformation(Func<Samples, Samples, CancellationToken, InformationEstimate> inner, ICompressor? xCompressor,
        ICompressor? yCompressor, string innerName)
    {
        if (xCompressor is null && yCompressor is null)
        {
            throw new ArgumentException("Give a compressor for X, for Y or for both; without one use the inner estimator directly.", nameof(yCompressor));
        }

        _inner = inner;
        XCompressor = xCompressor;
        YCompressor = yCompressor;
        InnerName = innerName;
    }

    /// <summary>Compress X and/or Y, then estimate with a function that gives an estimate with its standard error.</summary>
    /// <param name="inner">The estimator run on the codes (e.g. the method group of a k-NN estimator's Estimate).</param>
    /// <param name="xCompressor">The compressor of X, or null.</param>
    /// <param name="yCompressor">The compressor of Y, or null.</param>
    /// <param name="innerName">A name for reports.</param>
    public CompressedMutualInformation(Func<Samples, Samples, InformationEstimate> inner, ICompressor? xCompressor, ICompressor? yCompressor = null,
        string innerName = "inner")
        : this(Checked(inner), xCompressor, yCompressor, innerName)
    {
    }

    /// <summary>The compressor of X, or null.</summary>
    public ICompressor? XCompressor { get; }

    /// <summary>The compressor of Y, or null.</summary>
    public ICompressor? YCompressor { get; }

    /// <summary>The inner estimator's name (its type name by default).</summary>
    public string InnerName { get; }

    /// <summary>Fits the compressors on <paramref name="x"/> and <paramref name="y"/>, encodes them and estimates I on the codes.</summary>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="cancellationToken">Stops the work: passed to the compressors' fits (an autoencoder checks it per
    /// batch) and to an inner <see cref="IMutualInformationEstimator"/>, and checked between the steps.</param>
    /// <exception cref="ArgumentException">Unusable samples, different counts, or a compressor that does not fit the data.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled (fitted compressors are disposed).</exception>
    public CompressedEstimate Estimate(Samples x, Samples y, CancellationToken cancellationToken = default)
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
            var estimate = _inner(cx, cy, cancellationToken);
            Information? bound = null;
            foreach (var f in new[] { fx, fy })
            {
                if (f is PcaCompression { LossBound: { } b })
                {
                    bound = (bound ?? Information.Zero) + b;
                }
            }

            return new CompressedEstimate(estimate, fx?.OutputDimensions ?? x.Dimensions, fy?.OutputDimensions ?? y.Dimensions, bound)
            {
                XCompression = fx as PcaCompression,
                YCompression = fy as PcaCompression,
            };
        }
        finally
        {
            (fx as IDisposable)?.Dispose();
            (fy as IDisposable)?.Dispose();
        }
    }

    Information IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y).Estimate.Value;

    Information IMutualInformationEstimator.Estimate(Samples x, Samples y, CancellationToken cancellationToken) =>
        Estimate(x, y, cancellationToken).Estimate.Value;

    /// <summary>
    /// The inner estimator as a function giving an <see cref="InformationEstimate"/> (with its SE when it has a public one);
    /// otherwise the token goes to its <see cref="IMutualInformationEstimator.Estimate(Samples, Samples, CancellationToken)"/>.
    /// </summary>
    private static Func<Samples, Samples, CancellationToken, InformationEstimate> Wrap(IMutualInformationEstimator inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        var method = inner.GetType().GetMethod("Estimate", BindingFlags.Public | BindingFlags.Instance, [typeof(Samples), typeof(Samples)]);
        if (method?.ReturnType == typeof(InformationEstimate))
        {
            var typed = method.CreateDelegate<Func<Samples, Samples, InformationEstimate>>(inner);
            return (x, y, _) => typed(x, y);
        }

        return (x, y, token) => new InformationEstimate(inner.Estimate(x, y, token), null, x.Count);
    }

    private static Func<Samples, Samples, CancellationToken, InformationEstimate> Checked(Func<Samples, Samples, InformationEstimate> inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        return (x, y, _) => inner(x, y);
    }

    private static string Describe(IMutualInformationEstimator inner) => inner?.GetType().Name ?? "inner";
}

/// <summary>The result of <see cref="CompressedMutualInformation"/>: the inner estimate on the codes and what compression may have lost.</summary>
/// <param name="Estimate">The inner estimator's value on the codes, with its standard error when it gives one.</param>
/// <param name="XCodeDimensions">n′ of X (its width when X was not compressed).</param>
/// <param name="YCodeDimensions">n′ of Y.</param>
/// <param name="LossBound">
/// For PCA with a noise variance: the sum over the compressed variables of the Corollary-4 bound on
/// I(X + Z; Y) − I(E(X + Z); Y) (Butakov et al., ICLR 2024); null otherwise.
/// </param>
public sealed record CompressedEstimate(InformationEstimate Estimate, int XCodeDimensions, int YCodeDimensions, Information? LossBound)
{
    /// <summary>The fitted PCA of X, when X was compressed by PCA (explained variances etc.).</summary>
    public PcaCompression? XCompression { get; init; }

    /// <summary>The fitted PCA of Y, when Y was compressed by PCA.</summary>
    public PcaCompression? YCompression { get; init; }

    /// <summary>The value in nats.</summary>
    public Information Value => Estimate.Value;
}
