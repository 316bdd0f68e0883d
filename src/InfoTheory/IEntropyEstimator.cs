namespace InfoTheory;

/// <summary>An estimator of the entropy of one (multivariate) variable. Implementations are immutable and thread-safe.</summary>
public interface IEntropyEstimator
{
    /// <summary>The entropy of <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException">The samples are unusable (non-finite values, too few observations).</exception>
    Information Estimate(Samples samples);
}

/// <summary>An estimator of the mutual information between two variables. Implementations are immutable and thread-safe.</summary>
public interface IMutualInformationEstimator
{
    /// <summary>I(X; Y).</summary>
    /// <exception cref="ArgumentException">The samples are unusable or describe different numbers of observations.</exception>
    Information Estimate(Samples x, Samples y);
}
