using System.Globalization;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp;

/// <summary>A small, deterministic mini-batch training loop for the zoo models (Adam by default, or SGD with momentum).</summary>
public static class Trainer
{
    /// <summary>
    /// Trains <paramref name="model"/> with Adam (or the given <paramref name="optimizer"/>) on <paramref name="train"/> (in the model's
    /// <see cref="ZooModel.InputLayout"/>, with labels passed to <see cref="ZooModel.Loss"/>) and returns the mean batch
    /// loss of each epoch.
    /// </summary>
    /// <remarks>
    /// Determinism: <c>torch.manual_seed(seed)</c> is called first and each epoch's order is a permutation drawn from
    /// a generator seeded with <paramref name="seed"/>; with the model's own seed, a run is reproducible on the same
    /// machine and thread count. Every batch runs inside <c>torch.NewDisposeScope()</c>. The model is put in training
    /// mode before every batch, so callbacks may switch it to eval mode (e.g. to measure layers under
    /// <c>torch.no_grad()</c>). The data are copied once to the device and dtype of the model's parameters.
    /// </remarks>
    /// <param name="model">The model (its parameters are updated in place).</param>
    /// <param name="train">The training data.</param>
    /// <param name="epochs">Number of passes over the data (≥ 1).</param>
    /// <param name="batchSize">Batch size (≥ 1; the last batch of an epoch may be smaller).</param>
    /// <param name="learningRate">The optimiser's learning rate.</param>
    /// <param name="seed">Seed of the shuffling (and of torch's global generator).</param>
    /// <param name="onEpoch">Called after each epoch with the epoch index (0-based) and its mean batch loss.</param>
    /// <param name="onIteration">Called after each optimiser step with the global iteration index (0-based).</param>
    /// <param name="optimizer">The optimiser: null (default) for <see cref="TrainingOptimizer.Adam"/>, or e.g.
    /// <see cref="TrainingOptimizer.Sgd"/>(0.95). Its state (Adam's moments, SGD's velocity) starts at zero in every call.</param>
    /// <param name="cancellationToken">Stops the training before the next mini-batch, so the parameters hold the last
    /// completed step and the model stays usable (training can resume); the callbacks serve as progress.</param>
    /// <returns>The mean batch loss of each epoch.</returns>
    /// <exception cref="InvalidOperationException">A step produced a non-finite loss or gradient (training diverged); the
    /// parameters are left as they were before that step.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static IReadOnlyList<double> Train(
        ZooModel model,
        ImageDataset train,
        int epochs,
        int batchSize,
        double learningRate,
        int seed,
        Action<int, double>? onEpoch = null,
        Action<int>? onIteration = null,
        TrainingOptimizer? optimizer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (train.Count == 0)
        {
            throw new ArgumentException("The training set is empty.", nameof(train));
        }

        if (!(learningRate > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "The learning rate must be positive.");
        }

        lock (SeedScope.Gate)
        {
            torch.manual_seed(seed);
        }

        var device = model.parameters().FirstOrDefault()?.device ?? torch.CPU;
        var dtype = model.parameters().FirstOrDefault()?.dtype ?? ScalarType.Float32;
        using var x = LoadInput(model, train, device, dtype);
        using var y = LoadLabels(train, device);
        using var step = (optimizer ?? TrainingOptimizer.Adam).Create(model.parameters(), learningRate);
        using var generator = new Generator(unchecked((ulong)seed));
        int n = train.Count;
        int iteration = 0;
        var losses = new List<double>(epochs);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            double sum = 0;
            int batches = 0;
            using (var perm = torch.randperm(n, generator: generator))
            {
                for (int start = 0; start < n; start += batchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using (torch.NewDisposeScope())
                    {
                        model.train();
                        var idx = perm.narrow(0, start, Math.Min(batchSize, n - start));
                        var xb = x.index_select(0, idx);
                        var yb = y.index_select(0, idx);
                        step.zero_grad();
                        LossOutput loss;
                        try
                        {
                            loss = model.Loss(xb, yb);
                            loss.Total.backward();
                        }
                        catch (ExternalException e) when (NonFiniteParameter(model) is { } name)
                        {
                            throw Diverged(epoch, iteration, $"parameter '{name}' is not finite", learningRate, e);
                        }

                        double value = loss.Total.ToDouble();
                        string? problem = !double.IsFinite(value) ? $"the loss is {value.ToString(CultureInfo.InvariantCulture)}"
                            : NonFiniteGradient(model) is { } grad ? $"the gradient of '{grad}' is not finite" : null;
                        if (problem is not null)
                        {
                            throw Diverged(epoch, iteration, problem, learningRate, null);
                        }

                        step.step();
                        sum += value;
                        batches++;
                    }

                    onIteration?.Invoke(iteration++);
                }
            }

            double mean = sum / batches;
            losses.Add(mean);
            onEpoch?.Invoke(epoch, mean);
        }

        return losses;
    }

    // A step with a non-finite loss or gradient would write NaN into the parameters, and the next forward pass would
    // fail far from the cause (binary cross-entropy refuses NaN reconstructions) or, worse, keep going: stop here instead.
    private static InvalidOperationException Diverged(int epoch, int iteration, string what, double learningRate, Exception? inner) =>
        new($"Training diverged at epoch {epoch}, iteration {iteration}: {what}. The step was not applied; check the data " +
            $"for extreme values or try a smaller learning rate than {learningRate}.", inner);

    private static string? NonFiniteGradient(ZooModel model) => FirstNonFinite(model, p => p.grad);

    private static string? NonFiniteParameter(ZooModel model) => FirstNonFinite(model, p => p.alias());

    private static string? FirstNonFinite(ZooModel model, Func<Tensor, Tensor?> select)
    {
        using var scope = torch.NewDisposeScope();
        foreach (var (name, parameter) in model.named_parameters())
        {
            var t = select(parameter);
            if (t is not null && !t.isfinite().all().item<bool>())
            {
                return name;
            }
        }

        return null;
    }

    private static Tensor LoadInput(ZooModel model, ImageDataset train, Device device, ScalarType dtype)
    {
        using var cpu = model.InputLayout == InputLayout.Image ? train.ToImageTensor() : train.ToTensor();
        return cpu.to(dtype, device, copy: true);
    }

    private static Tensor LoadLabels(ImageDataset train, Device device)
    {
        using var cpu = train.LabelsTensor();
        return cpu.to(device, copy: true);
    }
}
