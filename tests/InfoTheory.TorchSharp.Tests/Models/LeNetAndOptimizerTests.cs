using InfoTheory.TorchSharp.Tests.Data;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Models;

/// <summary>LeNet-5 with other filter counts and activations, and SGD with momentum as the trainer's optimiser (Yu et al. 2021).</summary>
[Collection(TorchCollection.Name)]
public sealed class LeNetAndOptimizerTests
{
    private static long ParameterCount(LeNet5 model) => model.parameters().Sum(p => p.numel());

    [Fact]
    public void DefaultLeNetKeepsSixSixteenReluAndItsParameterCount()
    {
        using var model = new LeNet5(seed: 1);
        Assert.Equal((6, 16, Activation.ReLU), (model.Conv1Filters, model.Conv2Filters, model.Activation));
        // conv1 1·6·25 + 6, conv2 6·16·25 + 16, fc1 400·120 + 120, fc2 120·84 + 84, out 84·10 + 10.
        Assert.Equal(156 + 2416 + 48120 + 10164 + 850, ParameterCount(model));
    }

    [Fact]
    public void FilterCountsAndSigmoidShapeEveryLayer()
    {
        using var model = new LeNet5(seed: 1, conv1Filters: 2, conv2Filters: 32, activation: Activation.Sigmoid);
        // conv1 1·2·25 + 2, conv2 2·32·25 + 32, fc1 (32·25)·120 + 120, fc2 120·84 + 84, out 84·10 + 10.
        Assert.Equal(52 + 1632 + 96120 + 10164 + 850, ParameterCount(model));
        using var scope = NewDisposeScope();
        using var x = TestData.First(4).ToImageTensor();
        using var noGrad = no_grad();
        var conv1 = model.Layer("conv1").call(x);
        var conv2 = model.Layer("conv2").call(conv1);
        Assert.Equal(new long[] { 4, 2, 14, 14 }, conv1.shape);
        Assert.Equal(new long[] { 4, 32, 5, 5 }, conv2.shape);
        // Sigmoid before max-pooling: every value strictly inside (0, 1); ReLU would give exact zeros.
        Assert.True(conv1.gt(0).all().item<bool>() && conv1.lt(1).all().item<bool>());
        Assert.Equal(new long[] { 4, 10 }, model.forward(x).shape);
    }

    [Fact]
    public void BadFilterCountsAndSoftmaxAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeNet5(conv1Filters: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeNet5(conv2Filters: -1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LeNet5(activation: Activation.Softmax));
        Assert.Equal("activation", e.ParamName);
    }

    [Fact]
    public void SgdWithMomentumTakesTheHeavyBallSteps()
    {
        // Two full-batch steps: θ1 = θ0 − lr·g0, θ2 = θ1 − lr·(μ·g0 + g1), with g the gradient of the mean cross-entropy.
        const double lr = 0.05, mu = 0.9;
        var data = TestData.First(32);
        using var trained = new LeNet5(seed: 4, conv1Filters: 2, conv2Filters: 4);
        Trainer.Train(trained, data, epochs: 2, batchSize: data.Count, learningRate: lr, seed: 1, optimizer: TrainingOptimizer.Sgd(mu));

        using var manual = new LeNet5(seed: 4, conv1Filters: 2, conv2Filters: 4);
        using var x = data.ToImageTensor();
        using var y = data.LabelsTensor();
        var parameters = manual.parameters().ToList();
        List<Tensor> Gradients()
        {
            foreach (var p in parameters)
            {
                p.grad?.zero_();
            }

            using (var loss = manual.Loss(x, y))
            {
                loss.Total.backward();
            }

            return [.. parameters.Select(p => p.grad!.detach().clone())];
        }

        var g0 = Gradients();
        using (no_grad())
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                parameters[i].sub_(g0[i] * lr);
            }
        }

        var g1 = Gradients();
        using (no_grad())
        {
            for (int i = 0; i < parameters.Count; i++)
            {
                parameters[i].sub_((g0[i] * mu + g1[i]) * lr);
            }
        }

        foreach (var (a, b) in trained.parameters().Zip(parameters))
        {
            Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-6), "SGD with momentum differs from the hand-computed steps");
        }
    }

    [Fact]
    public void AdamStaysTheDefaultAndDiffersFromSgd()
    {
        var data = TestData.First(64);
        using var byDefault = new LeNet5(seed: 2, conv1Filters: 2, conv2Filters: 2);
        using var adam = new LeNet5(seed: 2, conv1Filters: 2, conv2Filters: 2);
        using var sgd = new LeNet5(seed: 2, conv1Filters: 2, conv2Filters: 2);
        var l1 = Trainer.Train(byDefault, data, 1, 16, 1e-3, 5);
        var l2 = Trainer.Train(adam, data, 1, 16, 1e-3, 5, optimizer: TrainingOptimizer.Adam);
        var l3 = Trainer.Train(sgd, data, 1, 16, 1e-3, 5, optimizer: TrainingOptimizer.Sgd(0.95));
        Assert.Equal(l1, l2);
        Assert.True(byDefault.parameters().Zip(adam.parameters()).All(p => p.First.SameValues(p.Second)));
        Assert.False(byDefault.parameters().Zip(sgd.parameters()).All(p => p.First.SameValues(p.Second)));
        Assert.NotEqual(l1, l3);
    }

    [Fact]
    public void MomentumOutsideZeroOneIsRefusedAndTheOptimiserNamesItself()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingOptimizer.Sgd(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingOptimizer.Sgd(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingOptimizer.Sgd(double.NaN));
        Assert.Equal("SGD (momentum 0.95)", TrainingOptimizer.Sgd(0.95).ToString());
        Assert.Equal("SGD", TrainingOptimizer.Sgd().ToString());
        Assert.Equal("Adam", TrainingOptimizer.Adam.ToString());
        Assert.Equal((OptimizerKind.Sgd, 0.5), (TrainingOptimizer.Sgd(0.5).Kind, TrainingOptimizer.Sgd(0.5).Momentum));
    }
}
