using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Neural;

/// <summary>
/// MINE, the mutual information neural estimator (Belghazi et al., "Mutual Information Neural Estimation", ICML 2018,
/// arXiv:1801.04062): a statistics network T(x, y) trained to maximise the Donsker–Varadhan lower bound
/// I(X; Y) ≥ E_P[T] − ln E_{P_X⊗P_Y}[e^T], with the moving-average correction of the gradient's bias. Nats.
/// </summary>
/// <remarks>
/// <para>Procedure: the columns of X and Y are standardised (training rows' mean and SD); a seeded split holds out
/// <see cref="MineOptions.TestFraction"/> of the rows; each step draws a batch of joint pairs and pairs the batch's X with
/// the Y of an independent batch (the product of marginals). The loss is −(mean T_joint − mean e^{T_marg} / m) where
/// m is the moving average of mean e^{T_marg} (rate α): its gradient is the bias-corrected gradient of the paper.
/// After training the bound is evaluated on the held-out rows, the marginal term averaged over
/// <see cref="MineOptions.EvaluationShuffles"/> shuffles of Y (computed with log-sum-exp).</para>
/// <para>Limits: the DV bound is a lower bound only for the optimal T and the true expectations; with finite samples the
/// estimate has high variance (the ln E[e^T] term is dominated by rare large values; McAllester &amp; Stratos, AISTATS 2020,
/// arXiv:1811.04251 show any such bound needs exponentially many samples in the true MI), can exceed I(X; Y), and depends
/// on the steps, the network and the seed. Use several seeds and report the spread. Deterministic for a given seed,
/// machine and torch thread count. Calls are serialised (torch's global generator is seeded during construction).</para>
/// </remarks>
public sealed class MineEstimator : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings.</summary>
    public MineEstimator(MineOptions? options = null) => Options = options ?? MineOptions.Default;

    /// <summary>The settings.</summary>
    public MineOptions Options { get; }

    /// <summary>Trains T on (x, y) and returns the held-out Donsker–Varadhan estimate, with the training bound's last moving average.</summary>
    /// <exception cref="ArgumentException">Fewer than 8 rows, different counts, or non-finite values.</exception>
    public NeuralEstimate Estimate(Samples x, Samples y)
    {
        NeuralData.Validate(x, y, 8);
        var o = Options;
        var (train, test) = NeuralData.Split(x.Count, o.TestFraction, o.Seed);
        var (xs, ys) = NeuralData.Standardised(x, y, train);
        int dx = x.Dimensions, dy = y.Dimensions;
        int batch = Math.Min(o.BatchSize, train.Length);
        var random = new Random(unchecked(o.Seed * 7919 + 17));
        global::TorchSharp.Modules.Sequential critic;
        using (new Models.SeedScope(o.Seed))
        {
            critic = NeuralData.Mlp(dx + dy, o.HiddenWidth, o.HiddenLayers, 1);
        }

        using var criticOwner = critic;
        using var scope = torch.NewDisposeScope();
        using var optimizer = torch.optim.Adam(critic.parameters(), o.LearningRate);
        var xTrain = NeuralData.Rows(xs, dx, train);
        var yTrain = NeuralData.Rows(ys, dy, train);
        double movingAverage = double.NaN;
        double trainingBound = double.NaN;
        var rows = new long[batch];
        var other = new long[batch];
        for (int step = 0; step < o.Steps; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            for (int i = 0; i < batch; i++)
            {
                rows[i] = random.Next(train.Length);
                other[i] = random.Next(train.Length);
            }

            var ri = torch.tensor(rows);
            var oi = torch.tensor(other);
            var xb = xTrain.index_select(0, ri);
            var joint = torch.cat([xb, yTrain.index_select(0, ri)], 1);
            var marginal = torch.cat([xb, yTrain.index_select(0, oi)], 1);
            var tJoint = critic.call(joint).squeeze(1);
            var tMarg = critic.call(marginal).squeeze(1);
            var expMean = tMarg.exp().mean();
            double current = expMean.item<float>();
            movingAverage = double.IsNaN(movingAverage) || !double.IsFinite(movingAverage)
                ? current
                : (1 - o.MovingAverageRate) * movingAverage + o.MovingAverageRate * current;
            var loss = -(tJoint.mean() - expMean / Math.Max(movingAverage, 1e-30));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            trainingBound = tJoint.mean().item<float>() - Math.Log(Math.Max(current, 1e-30));
        }

        double value;
        using (torch.no_grad())
        {
            critic.eval();
            var xTest = NeuralData.Rows(xs, dx, test);
            var yTest = NeuralData.Rows(ys, dy, test);
            double jointMean = critic.call(torch.cat([xTest, yTest], 1)).mean().item<float>();
            double logMarginal = 0;
            int m = test.Length;
            var shuffleRandom = new Random(unchecked(o.Seed * 104729 + 3));
            for (int s = 0; s < o.EvaluationShuffles; s++)
            {
                var perm = Enumerable.Range(0, m).Select(i => (long)i).ToArray();
                shuffleRandom.Shuffle(perm);
                var t = critic.call(torch.cat([xTest, yTest.index_select(0, torch.tensor(perm))], 1)).squeeze(1);
                logMarginal += (torch.logsumexp(t, 0).item<float>() - Math.Log(m)) / o.EvaluationShuffles;
            }

            value = jointMean - logMarginal;
        }

        if (!double.IsFinite(value))
        {
            throw new ArithmeticException("MINE diverged (the critic's exponential overflowed); lower LearningRate or Steps, or standardise heavy-tailed data first.");
        }

        return new NeuralEstimate(Information.FromNats(value), test.Length, trainingBound, double.NaN);
    }

    Information IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y).Value;
}
