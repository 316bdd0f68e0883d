namespace InfoTheory;

/// <summary>
/// An estimator of the entropy of one (multivariate) variable. Implementations are immutable and thread-safe. The
/// estimate carries its standard error (where the estimator has one), N and the estimator's
/// <see cref="InformationEstimate.Diagnostics"/>, so generic code (bootstrap, monitors) needs nothing estimator-specific.
/// </summary>
public interface IEntropyEstimator
{
    /// <summary>The entropy of <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException">The samples are unusable (non-finite values, too few observations).</exception>
    InformationEstimate Estimate(Samples samples);

    /// <summary>
    /// The entropy of <paramref name="samples"/>, stopping early when <paramref name="cancellationToken"/> is cancelled.
    /// By default the token is checked once, before estimating; estimators that can take seconds (the matrix-based Rényi
    /// ones) implement it and check the token while they work.
    /// </summary>
    /// <exception cref="ArgumentException">The samples are unusable (non-finite values, too few observations).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    InformationEstimate Estimate(Samples samples, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Estimate(samples);
    }
}

/// <summary>
/// An estimator of the mutual information between two variables. Implementations are immutable and thread-safe. The
/// estimate carries its standard error (where the estimator has one), N and the estimator's
/// <see cref="InformationEstimate.Diagnostics"/>, so generic code (compression, permutation tests) needs nothing
/// estimator-specific.
/// </summary>
public interface IMutualInformationEstimator
{
    /// <summary>I(X; Y).</summary>
    /// <exception cref="ArgumentException">The samples are unusable or describe different numbers of observations.</exception>
    InformationEstimate Estimate(Samples x, Samples y);

    /// <summary>
    /// I(X; Y), stopping early when <paramref name="cancellationToken"/> is cancelled. By default the token is checked
    /// once, before estimating; estimators that can take seconds (matrix-based Rényi, the neural estimators, compressed
    /// MI with a trained compressor) implement it and check the token while they work.
    /// </summary>
    /// <exception cref="ArgumentException">The samples are unusable or describe different numbers of observations.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    InformationEstimate Estimate(Samples x, Samples y, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Estimate(x, y);
    }
}
