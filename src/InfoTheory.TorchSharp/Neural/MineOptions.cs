namespace InfoTheory.TorchSharp;

/// <summary>Settings of <see cref="MineEstimator"/> (defaults follow common MINE practice: a 2×64 ReLU critic, Adam 1e-3, batch 256).</summary>
public sealed record MineOptions : NeuralEstimatorOptions
{
    private readonly double _movingAverageRate = 0.01;
    private readonly int _evaluationShuffles = 5;

    /// <summary>The default settings (batch 256).</summary>
    public MineOptions()
        : base(defaultBatchSize: 256)
    {
    }

    /// <summary>The default settings.</summary>
    public static MineOptions Default { get; } = new();

    /// <summary>
    /// α of the moving average of E_marginal[e^T] used to correct the gradient's bias (Belghazi et al. 2018, §3.2; default 0.01).
    /// 1 disables the correction (the plain, biased gradient of the Donsker–Varadhan bound).
    /// </summary>
    public double MovingAverageRate
    {
        get => _movingAverageRate;
        init
        {
            if (!(value > 0 && value <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(MovingAverageRate), value, $"MovingAverageRate = {value} must lie in (0, 1]; use e.g. 0.01.");
            }

            _movingAverageRate = value;
        }
    }

    /// <summary>Number of independent shuffles of Y that form the product of marginals at evaluation (default 5; averaged).</summary>
    public int EvaluationShuffles { get => _evaluationShuffles; init => _evaluationShuffles = NeuralData.AtLeast(value, 1, nameof(EvaluationShuffles), "use e.g. 5."); }
}
