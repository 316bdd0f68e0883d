using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>
/// InfoNCE, the contrastive lower bound on mutual information (van den Oord, Li &amp; Vinyals, "Representation Learning
/// with Contrastive Predictive Coding", 2018, arXiv:1807.03748; as a bound: Poole et al., "On Variational Bounds of Mutual
/// Information", ICML 2019, arXiv:1905.06922, eq. 12): for a batch of B joint pairs,
/// I(X; Y) ≥ E[(1/B) Σᵢ ln( e^{f(xᵢ,yᵢ)} / ((1/B) Σⱼ e^{f(xᵢ,yⱼ)}) )]. Nats.
/// </summary>
/// <remarks>
/// <para>Limit: every term is at most ln B, so the estimate never exceeds ln B whatever the true information (Poole et al.,
/// §2.3) — it saturates for I ≳ ln B − 1 and is biased low long before; choose B accordingly. In exchange its variance is
/// low (unlike MINE).</para>
/// <para>Procedure: columns standardised with the training rows' statistics; a seeded split holds out
/// <see cref="NeuralEstimatorOptions.TestFraction"/> of the rows; Adam maximises the bound on random batches of the training rows.
/// The estimate is the bound averaged over disjoint batches of B held-out rows (a seeded shuffle). Early stopping: the
/// critic kept is the one with the best bound on a validation part of the training rows
/// (<see cref="NeuralEstimatorOptions.ValidationFraction"/>). Deterministic for a given
/// seed, machine and torch thread count.</para>
/// </remarks>
public sealed class InfoNceEstimator : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings.</summary>
    public InfoNceEstimator(InfoNceOptions? options = null) => Options = options ?? InfoNceOptions.Default;

    /// <summary>The settings.</summary>
    public InfoNceOptions Options { get; }

    /// <summary>
    /// Trains the critic on (x, y) and returns the held-out InfoNCE bound, with <see cref="NeuralDiagnostics"/> (the rows
    /// it was evaluated on, the bound on the last training batch, and <see cref="NeuralDiagnostics.UpperLimit"/> = ln B);
    /// no standard error.
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
        int batch = Math.Min(o.BatchSize, Math.Min(fit.Length, test.Length));
        int validationBatch = Math.Min(batch, validation.Length);
        bool joint = o.Critic == InfoNceCritic.Joint;
        global::TorchSharp.Modules.Sequential f, g;
        using (new SeedScope(o.Seed))
        {
            f = joint ? NeuralData.Mlp(dx + dy, o.HiddenWidth, o.HiddenLayers, 1) : NeuralData.Mlp(dx, o.HiddenWidth, o.HiddenLayers, o.EmbeddingSize);
            g = NeuralData.Mlp(dy, o.HiddenWidth, o.HiddenLayers, o.EmbeddingSize);
        }

        using var fOwner = f;
        using var gOwner = g;
        var parameters = (joint ? f.parameters() : f.parameters().Concat(g.parameters())).ToList();
        using var optimizer = torch.optim.Adam(parameters, o.LearningRate);
        using var scope = torch.NewDisposeScope();
        var xTrain = NeuralData.Rows(xs, dx, fit);
        var yTrain = NeuralData.Rows(ys, dy, fit);
        double best = double.NegativeInfinity;
        List<Tensor>? bestState = null;
        var random = new Random(unchecked(o.Seed * 7919 + 29));
        var rows = new long[batch];
        var pool = Enumerable.Range(0, fit.Length).ToArray();
        double trainingBound = double.NaN;
        double logB = Math.Log(batch);
        var steps = new StepProgress(progress, "steps", o.Steps);
        try
        {
            for (int step = 0; step < o.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var stepScope = torch.NewDisposeScope();
                // Distinct rows within a batch (a partial Fisher–Yates shuffle), so the diagonal holds the only joint pairs.
                for (int i = 0; i < batch; i++)
                {
                    int j = i + random.Next(pool.Length - i);
                    (pool[i], pool[j]) = (pool[j], pool[i]);
                    rows[i] = pool[i];
                }

                var idx = torch.tensor(rows);
                var xb = xTrain.index_select(0, idx);
                var yb = yTrain.index_select(0, idx);
                var bound = Bound(f, g, joint, xb, yb);
                optimizer.zero_grad();
                (-bound).backward();
                optimizer.step();
                trainingBound = bound.item<float>();
                if (o.ValidationFraction > 0 && ((step + 1) % o.EvaluateEvery == 0 || step == o.Steps - 1))
                {
                    var (v, _) = HeldOut(f, g, joint, xs, ys, dx, dy, validation, validationBatch, o.Seed + step);
                    if (v > best || bestState is null)
                    {
                        best = v;
                        NeuralData.Free(bestState);
                        bestState = NeuralData.Snapshot(parameters);
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
            NeuralData.Restore(parameters, bestState);
        }

        var (value, batches) = HeldOut(f, g, joint, xs, ys, dx, dy, test, batch, unchecked(o.Seed * 104729 + 5));
        if (!double.IsFinite(value))
        {
            throw new ArithmeticException("InfoNCE diverged (non-finite critic values); lower LearningRate or Steps.");
        }

        // Round-off of float32 can put the average a hair above ln B; the bound itself cannot exceed it.
        return new InformationEstimate(Information.FromNats(Math.Min(value, logB)), null, x.Count)
        {
            Diagnostics = NeuralDiagnostics.Of(batches * batch, trainingBound, Information.FromNats(logB)),
        };
    }

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y) => Estimate(x, y);

    InformationEstimate IMutualInformationEstimator.Estimate(Samples x, Samples y, CancellationToken cancellationToken) =>
        Estimate(x, y, cancellationToken: cancellationToken);

    /// <summary>The bound averaged over disjoint batches of <paramref name="batch"/> rows of a seeded shuffle of <paramref name="rows"/>.</summary>
    private static (double Value, int Batches) HeldOut(global::TorchSharp.Modules.Sequential f, global::TorchSharp.Modules.Sequential g, bool joint,
        float[] xs, float[] ys, int dx, int dy, int[] rows, int batch, int seed)
    {
        using var noGrad = torch.no_grad();
        var order = rows.ToArray();
        new Random(seed).Shuffle(order);
        double sum = 0;
        int batches = 0;
        for (int start = 0; start + batch <= order.Length; start += batch)
        {
            using var scope = torch.NewDisposeScope();
            var part = order[start..(start + batch)];
            sum += Bound(f, g, joint, NeuralData.Rows(xs, dx, part), NeuralData.Rows(ys, dy, part)).item<float>();
            batches++;
        }

        return (sum / batches, batches);
    }

    /// <summary>The InfoNCE bound on one batch: mean_i [f_ii − logsumexp_j f_ij] + ln B.</summary>
    private static Tensor Bound(global::TorchSharp.Modules.Sequential f, global::TorchSharp.Modules.Sequential g, bool joint, Tensor xb, Tensor yb)
    {
        long b = xb.shape[0];
        Tensor scores;
        if (joint)
        {
            // scores[i, j] = f([x_i, y_j]) for all pairs.
            var xr = xb.unsqueeze(1).expand(b, b, xb.shape[1]);
            var yr = yb.unsqueeze(0).expand(b, b, yb.shape[1]);
            scores = f.call(torch.cat([xr, yr], 2).reshape(b * b, -1)).reshape(b, b);
        }
        else
        {
            scores = f.call(xb).matmul(g.call(yb).t());
        }

        return (scores.diagonal() - torch.logsumexp(scores, 1)).mean() + Math.Log(b);
    }
}
