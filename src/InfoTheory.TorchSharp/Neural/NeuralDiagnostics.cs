namespace InfoTheory.TorchSharp;

/// <summary>
/// The diagnostics of a neural estimate (<see cref="MineEstimator"/>, <see cref="InfoNceEstimator"/>): what the held-out
/// value was evaluated on and what training saw. The estimate's N is the number of observations given; the value itself
/// is the bound on the held-out rows (all rows when the test fraction is 0).
/// </summary>
/// <param name="EvaluationCount">The number of rows the value was evaluated on.</param>
/// <param name="TrainingBound">The bound on the last training batch: far above the value signals over-fitting; null when it
/// was not finite (the critic overflowed on that batch).</param>
/// <param name="UpperLimit">The most the bound can ever give: ln B for InfoNCE with batch size B; null for MINE, which has no such cap.</param>
public sealed record NeuralDiagnostics(int EvaluationCount, Information? TrainingBound, Information? UpperLimit) : EstimateDiagnostics
{
    /// <summary>The diagnostics with a training bound in nats that may not be finite.</summary>
    internal static NeuralDiagnostics Of(int evaluationCount, double trainingBound, Information? upperLimit) =>
        new(evaluationCount, double.IsFinite(trainingBound) ? Information.FromNats(trainingBound) : null, upperLimit);
}
