using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// MINE, the mutual information neural estimator (Belghazi et al., "Mutual Information Neural Estimation", ICML 2018,
/// arXiv:1801.04062): a statistics network T(x, y) trained to maximise the Donsker–Varadhan lower bound
/// I(X; Y) ≥ E_P[T] − ln E_{P_X⊗P_Y}[e^T], with the moving-average correction of the gradient's bias. Nats.
/// </summary>
/// <remarks>
/// <para>Procedure: the columns of X and Y are standardised (training rows' mean and SD); a seeded split holds out
/// <see cref="NeuralEstimatorOptions.TestFraction"/> of the rows; each step draws a batch of joint pairs and pairs the batch's X with
/// the Y of an independent batch (the product of marginals). The loss is −(mean T_joint − mean e^{T_marg} / m) where
/// m is the moving average of mean e^{T_marg} (rate α): its gradient is the bias-corrected gradient of the paper.
/// After training the bound is evaluated on the held-out rows, the marginal term averaged over
/// <see cref="MineOptions.EvaluationShuffles"/> shuffles of Y (computed with log-sum-exp). Early stopping: the critic
/// kept is the one with the best bound on a validation part of the training rows (<see cref="NeuralEstimatorOptions.ValidationFraction"/>).</para>
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

    /// <summary>
    /// Trains T on (x, y) and returns the held-out Donsker–Varadhan estimate, with <see cref="NeuralDiagnostics"/> (the
    /// rows it was evaluated on and the bound on the last training batch); no standard error.
    /// </summary>
    /// <param name="x">N ≥ 8 observations of X.</param>
    /// <param name="y">The same N observations of Y.</param>
    /// <param name="progress">Receives the stage <c>steps</c> (optimiser steps, <see cref="NeuralEstimatorOptions.Steps"/> in
    /// all; see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the training before the next step (a step takes milliseconds); every tensor
    /// is freed.</param>
    /// <exception cref="ArgumentException">Fewer than 8 rows, different counts, or non-finite values.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples x, Samples y, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        NeuralData.Validate(x, y, 8);
        var o = Options;
        var (train, test) = NeuralData.Split(x.Count, o.TestFraction, o.Seed);
        var (xs, ys) = NeuralData.Standardised(x, y, train);
        int dx = x.Dimensions, dy = y.Dimensions;
        var (fit, validation) = NeuralData.SplitValidation(train, o.ValidationFraction);
        int batch = Math.Min(o.BatchSize, fit.Length);
        var random = new Random(unchecked(o.Seed * 7919 + 17));
        global::TorchSharp.Modules.Sequential critic;
        using (new SeedScope(o.Seed))
        {
            critic = NeuralData.Mlp(dx + dy, o.HiddenWidth, o.HiddenLayers, 1);
        }

        using var criticOwner = critic;
        using var scope = torch.NewDisposeScope();
        using var optimizer = torch.optim.Adam(critic.parameters(), o.LearningRate);
        var xTrain = NeuralData.Rows(xs, dx, fit);
        var yTrain = NeuralData.Rows(ys, dy, fit);
        var xVal = NeuralData.Rows(xs, dx, validation);
        var yVal = NeuralData.Rows(ys, dy, validation);
        double best = double.NegativeInfinity;
        List<Tensor>? bestState = null;
        double movingAverage = double.NaN;
        double trainingBound = double.NaN;
        var rows = new long[batch];
        var other = new long[batch];
        var steps = new StepProgress(progress, "steps", o.Steps);
        try
        {
            for (int step = 0; step < o.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stepScope = torch.NewDisposeScope();
                for (int i = 0; i < batch; i++)
                {
                    rows[i] = random.Next(fit.Length);
                    other[i] = random.Next(fit.Length);
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
                if (o.ValidationFraction > 0 && ((step + 1) % o.EvaluateEvery == 0 || step == o.Steps - 1))
                {
                    double v = DonskerVaradhan(critic, xVal, yVal, 1, unchecked(o.Seed + step));
                    if (v > best || bestState is null)
                    {
                        best = v;
                        NeuralData.Free(bestState);
                        bestState = NeuralData.Snapshot(critic.parameters());
                    }
                }

                steps.Report(step + 1);
            }
        }
        catch
        {
            NeuralData.Free(bestState); // a snapshot lives outside the dispose scopes
            throw;
        }

        if (bestState is not null)
        {
            NeuralData.Restore(critic.parameters(), bestState);
        }

        var xTest = NeuralData.Rows(xs, dx, test);
        var yTest = NeuralData.Rows(ys, dy, test);
        double value = DonskerVaradhan(critic, xTest, yTest, o.EvaluationShuffles, unchecked(o.Seed * 104729 + 3));
        if (!double.IsFinite(value))
        {
            throw new ArithmeticException("MINE diverged (the critic's exponential overflowed); lower LearningRate or Steps, or standardise heavy-tailed data first.");
        }

        return new InformationEstimate(Information.FromNats(value), null, x.Count)
        {
            Diagnostics = NeuralDiagnostics.Of(test.Length, trainingBound, upperLimit: null),
        };
    }

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y);

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y, CancellationToken cancellationToken) =>
        Estimate(x, y, cancellationToken: cancellationToken);

    /// <summary>mean T(x, y) − ln mean e^{T(x, y_π)} on the given rows, the second term averaged over seeded shuffles π.</summary>
    private static double DonskerVaradhan(global::TorchSharp.Modules.Sequential critic, Tensor x, Tensor y, int shuffles, int seed)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        double jointMean = critic.call(torch.cat([x, y], 1)).mean().item<float>();
        int m = (int)x.shape[0];
        double logMarginal = 0;
        var random = new Random(seed);
        for (int s = 0; s < shuffles; s++)
        {
            var perm = Enumerable.Range(0, m).Select(i => (long)i).ToArray();
            random.Shuffle(perm);
            var t = critic.call(torch.cat([x, y.index_select(0, torch.tensor(perm))], 1)).squeeze(1);
            logMarginal += (torch.logsumexp(t, 0).item<float>() - Math.Log(m)) / shuffles;
        }

        return jointMean - logMarginal;
    }
}
