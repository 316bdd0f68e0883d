namespace InfoTheory;

/// <summary>
/// A recipe for lossy compression of a high-dimensional variable before estimating information on the latents
/// (Butakov et al., ICLR 2024, arXiv:2305.08013): <see cref="Fit(Samples)"/> learns an encoder from samples, which can then be
/// reused on other samples of the same variable. Implementations are immutable and thread-safe.
/// </summary>
public interface ICompressor
{
    /// <summary>A short name for reports (e.g. <c>pca-8</c>).</summary>
    string Name { get; }

    /// <summary>Learns an encoder E from <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException">The samples are unusable (non-finite, too few) or too narrow for the compressor.</exception>
    IFittedCompressor Fit(Samples samples);

    /// <summary>
    /// Learns an encoder E from <paramref name="samples"/>, stopping early when <paramref name="cancellationToken"/> is
    /// cancelled. By default the token is checked once, before fitting; compressors that train for seconds (an
    /// autoencoder) implement it and check the token while they train.
    /// </summary>
    /// <exception cref="ArgumentException">The samples are unusable (non-finite, too few) or too narrow for the compressor.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    IFittedCompressor Fit(Samples samples, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Fit(samples);
    }
}

/// <summary>A learned encoder E: ℝⁿ → ℝⁿ′, reusable on any samples with <see cref="InputDimensions"/> columns.</summary>
public interface IFittedCompressor
{
    /// <summary>n, the width of the data it was fitted on.</summary>
    int InputDimensions { get; }

    /// <summary>n′, the width of the codes.</summary>
    int OutputDimensions { get; }

    /// <summary>E(x) for every row of <paramref name="samples"/>: count × <see cref="OutputDimensions"/>.</summary>
    /// <exception cref="ArgumentException">The width differs from <see cref="InputDimensions"/>, or values are not finite.</exception>
    Samples Encode(Samples samples);
}
