namespace InfoTheory.TorchSharp;

/// <summary>The result of a neural estimator: the held-out value and what training saw.</summary>
/// <param name="Value">The bound evaluated on the held-out rows (all rows when the test fraction is 0), nats.</param>
/// <param name="EvaluationCount">The number of rows the value was evaluated on.</param>
/// <param name="TrainingBound">The bound on the last training batch (nats): far above <paramref name="Value"/> signals over-fitting.</param>
/// <param name="UpperLimit">For InfoNCE, ln(batch size), the most the bound can ever give (nats); NaN for MINE, which has no such cap.</param>
public sealed record NeuralEstimate(Information Value, int EvaluationCount, double TrainingBound, double UpperLimit);
