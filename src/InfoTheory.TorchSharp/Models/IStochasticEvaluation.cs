namespace InfoTheory.TorchSharp;

/// <summary>
/// A model whose eval-mode forward pass draws random numbers, such as a <see cref="VariationalAutoencoder"/> measured on
/// sampled codes. The monitors (<see cref="InformationMonitor"/>, <see cref="MultiEstimatorMonitor"/>) key that noise on
/// the measurement: before each forward pass they call <see cref="SetEvaluationKey"/> with the iteration. Every monitor
/// and estimator that measures a given iteration then sees the same draw, and a curve does not move when cross-checks or
/// extra passes run beside it (with one stream advanced by every pass, each extra pass would shift the draws of all later
/// measurements).
/// </summary>
public interface IStochasticEvaluation
{
    /// <summary>Starts the eval-mode noise afresh at the stream for <paramref name="key"/>: the draws that follow are a
    /// function of the model's seed and the key alone. Training-mode noise is not affected.</summary>
    /// <param name="key">The measurement's key (the monitors pass the iteration).</param>
    void SetEvaluationKey(long key);
}
