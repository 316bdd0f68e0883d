namespace InfoTheory;

/// <summary>
/// A distribution of (X, Y) whose mutual information is known in closed form: ground truth for judging estimators,
/// as in the BMI benchmark of Czyż et al., "Beyond Normal: On the Evaluation of Mutual Information Estimators",
/// NeurIPS 2023 (arXiv:2306.11078). Implementations are immutable and thread-safe.
/// </summary>
public interface ISyntheticTask
{
    /// <summary>A short, stable name (e.g. <c>1v1-normal-0.75</c>, <c>halfcube(dense-3x3)</c>).</summary>
    string Name { get; }

    /// <summary>The number of columns of X.</summary>
    int XDimensions { get; }

    /// <summary>The number of columns of Y.</summary>
    int YDimensions { get; }

    /// <summary>The exact I(X; Y) in nats.</summary>
    Information TrueMutualInformation { get; }

    /// <summary><paramref name="count"/> independent draws of (X, Y); the same seed gives the same samples on every platform.</summary>
    /// <param name="count">The number of observations (≥ 1).</param>
    /// <param name="seed">The seed of the generator.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    SyntheticSample Sample(int count, int seed);
}

/// <summary>Draws of a synthetic task: X and Y (same observations, same order) and the exact I(X; Y).</summary>
/// <param name="X">The first variable, count × <see cref="ISyntheticTask.XDimensions"/>.</param>
/// <param name="Y">The second variable, count × <see cref="ISyntheticTask.YDimensions"/>.</param>
/// <param name="TrueMutualInformation">The exact mutual information of the distribution (nats inside).</param>
public sealed record SyntheticSample(Samples X, Samples Y, Information TrueMutualInformation);
