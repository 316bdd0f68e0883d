using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class InformationPlaneTests
{
    private static void Close(double expected, double actual) => Assert.Equal(expected, actual, 1e-9);

    [Fact]
    public void DenseAutoencoderMatchesTheCoreEstimatorsOnManuallyComputedActivations()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        manual_seed(7);
        var x = rand(new long[] { 64, 8 });
        var measured = InformationPlane.Measure(model, x, null, TestModels.DenseLayers);

        model.eval();
        Dictionary<string, Tensor> manual;
        using (no_grad())
        {
            manual = TestModels.RunChildren(model, x);
        }

        var o = MatrixRenyiOptions.Default;
        var xs = TestModels.AsSamples(x);
        var reconstruction = TestModels.AsSamples(manual["out"]);
        Assert.Equal(TestModels.DenseLayers, measured.Select(m => m.Layer));
        foreach (var m in measured)
        {
            var t = TestModels.AsSamples(manual[m.Layer]);
            Close(Entropy.MatrixRenyi(t, o).Value.Nats, m.Entropy.Value.Nats);
            Close(MutualInformation.MatrixRenyi(xs, t, o).Value.Nats, m.InputInformation.Value.Nats);
            Close(MutualInformation.MatrixRenyi(t, reconstruction, o).Value.Nats, m.TargetInformation.Value.Nats);
            // The shared pass reports each measure with the widths of its own variables, as the separate estimates do.
            var separate = Assert.IsType<RenyiDiagnostics>(MutualInformation.MatrixRenyi(xs, t, o).Diagnostics);
            var shared = Assert.IsType<RenyiDiagnostics>(m.InputInformation.Diagnostics);
            Assert.Equal((separate.Alpha, separate.Saturated), (shared.Alpha, shared.Saturated));
            Assert.Equal(separate.Widths, shared.Widths);
            Assert.Equal(Assert.IsType<RenyiDiagnostics>(Entropy.MatrixRenyi(t, o).Diagnostics).Widths,
                Assert.IsType<RenyiDiagnostics>(m.Entropy.Diagnostics).Widths);
            Assert.Equal(t.Count, m.TargetInformation.SampleCount);
            Assert.Null(m.Mmi);
            Assert.Null(m.ErrorInformation);
        }
    }

    [Fact]
    public void ConvClassifierMatchesCoreEstimatorsWithOneHotLabelsAndPid()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier();
        manual_seed(8);
        var x = rand(new long[] { 40, 1, 8, 8 });
        var labels = randint(0, 10, new long[] { 40 });
        var options = new InformationPlaneOptions { Renyi = new MatrixRenyiOptions { Alpha = 2 } };
        var measured = InformationPlane.Measure(model, x, labels, TestModels.ConvLayers, options);

        model.eval();
        Dictionary<string, Tensor> manual;
        using (no_grad())
        {
            manual = TestModels.RunChildren(model, x);
        }

        var xs = TestModels.AsSamples(x);
        var y = InformationPlane.OneHot(labels, null);
        var lab = TestModels.Values(labels);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(1.0, y[i, (int)lab[i]]);
        }

        foreach (var m in measured)
        {
            var t = TestModels.AsSamples(manual[m.Layer]);
            Close(Entropy.MatrixRenyi(t, options.Renyi).Value.Nats, m.Entropy.Value.Nats);
            Close(MutualInformation.MatrixRenyi(xs, t, options.Renyi).Value.Nats, m.InputInformation.Value.Nats);
            Close(MutualInformation.MatrixRenyi(t, y, options.Renyi).Value.Nats, m.TargetInformation.Value.Nats);
        }

        var conv2 = measured.Single(m => m.Layer == "conv2");
        Assert.Equal(new[] { 40L, 4L, 4L, 4L }, conv2.Shape);
        var values = TestModels.Values(manual["conv2"]);
        var pid = PartialInformation.Proxies(xs, new FeatureMaps(values, 40, 4, 4, 4), new PidOptions { Renyi = options.Renyi });
        Close(pid.Mmi.Value.Nats, conv2.Mmi!.Value.Nats);
        Assert.Equal(conv2.Mmi, conv2.Pid!.Mmi);
        Close(pid.Rst.Nats, conv2.Pid!.Rst.Nats);
        Close(pid.Wnri.Nats, conv2.Pid!.Wnri.Nats);
        Assert.Equal(pid.RstPercent!.Value, conv2.Pid!.RstPercent!.Value, 1e-7);
        Assert.Equal(pid.WnriPercent!.Value, conv2.Pid!.WnriPercent!.Value, 1e-7);
        Assert.NotNull(measured.Single(m => m.Layer == "conv1").Mmi);
        Assert.Null(measured.Single(m => m.Layer == "out").Mmi);
    }

    [Fact]
    public void PidSamplingAndSwitchOffAreHonoured()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier();
        var x = rand(new long[] { 30, 1, 8, 8 });
        var renyi = new MatrixRenyiOptions { Alpha = 2 };
        var off = InformationPlane.Measure(model, x, null, ["conv2"], new InformationPlaneOptions { Renyi = renyi, ComputePid = false });
        Assert.Null(off[0].Mmi);
        var sampled = InformationPlane.Measure(model, x, null, ["conv2"], new InformationPlaneOptions { Renyi = renyi, Pairs = 2, Seed = 3 });
        var values = TestModels.Values(TestModels.RunChildren(model, x)["conv2"]);
        var pid = PartialInformation.Proxies(TestModels.AsSamples(x), new FeatureMaps(values, 30, 4, 4, 4), new PidOptions { Renyi = renyi, Pairs = 2, Seed = 3 });
        Assert.Equal(2, pid.Pairs.Count);
        Close(pid.Rst.Nats, sampled[0].Pid!.Rst.Nats);
    }

    [Fact]
    public void MeasuringLeavesTheModelAsItWas()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        model.train();
        var before = TestModels.Parameters(model);
        var x = rand(new long[] { 30, 8 });
        InformationPlane.Measure(model, x, null, TestModels.DenseLayers, new InformationPlaneOptions { ErrorChain = true, Renyi = new MatrixRenyiOptions { Alpha = 2 } });
        Assert.True(model.training);
        Assert.Equal(0, TestModels.TotalForwardHooks(model));
        Assert.Equal(before, TestModels.Parameters(model));
        Assert.All(model.parameters(), p => Assert.True(p.grad is null));

        model.eval();
        InformationPlane.Measure(model, x, null, TestModels.DenseLayers);
        Assert.False(model.training);

        // Mixed modes survive: one block frozen in eval inside a training model.
        model.train();
        var z = model.named_modules().Single(m => m.name == "z").module;
        z.eval();
        InformationPlane.Measure(model, x, null, TestModels.DenseLayers);
        Assert.True(model.training);
        Assert.False(z.training);
        Assert.All(z.named_modules(), m => Assert.False(m.module.training));
        Assert.True(model.named_modules().Single(m => m.name == "enc1.1").module.training);
    }

    [Fact]
    public void ErrorChainMatchesTheCoreEstimatorOnManualGradients()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        manual_seed(9);
        var x = rand(new long[] { 50, 8 });
        var options = new InformationPlaneOptions { ErrorChain = true };
        var measured = InformationPlane.Measure(model, x, null, TestModels.DenseLayers, options);

        model.eval();
        var outputs = TestModels.RunChildren(model, x);
        var loss = (outputs["out"] - x).square().sum() * 0.5;
        var grads = autograd.grad([loss], [.. TestModels.DenseLayers.Select(n => outputs[n])]);
        var deltaK = TestModels.AsSamples(grads[^1]);
        for (int k = 0; k < measured.Count; k++)
        {
            var expected = MutualInformation.MatrixRenyi(deltaK, TestModels.AsSamples(grads[k]), options.ErrorRenyi);
            Assert.Equal(expected.Value.Nats, measured[k].ErrorInformation!.Value.Nats, 1e-6);
        }
    }

    [Fact]
    public void PlugInEstimatorsReplaceMatrixRenyi()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = rand(new long[] { 10, 8 });
        var options = new InformationPlaneOptions { EntropyEstimator = new Constant(1.5), MutualInformationEstimator = new Constant(0.25) };
        var measured = InformationPlane.Measure(model, x, null, ["z"], options);
        Assert.Equal(1.5, measured[0].Entropy.Value.Nats);
        Assert.Equal(0.25, measured[0].InputInformation.Value.Nats);
        Assert.Equal(0.25, measured[0].TargetInformation.Value.Nats);
        Assert.False(measured[0].Saturated);
    }

    [Fact]
    public void DeepChainOnNoisyDataSatisfiesTheForwardDpiApproximately()
    {
        using var scope = NewDisposeScope();
        manual_seed(11);
        var blocks = Enumerable.Range(1, 6)
            .Select(i => ($"layer{i}", (nn.Module<Tensor, Tensor>)nn.Sequential(nn.Linear(10, 10), nn.Tanh())))
            .ToArray();
        var model = nn.Sequential(blocks);
        var signal = rand(new long[] { 100, 2 }).repeat(1, 5);
        var x = signal + 0.3 * randn(new long[] { 100, 10 });
        var order = blocks.Select(b => b.Item1).ToArray();
        // The median-distance width follows each layer's scale, so the values do not fall merely because the tanh
        // layers shrink the activations (a fixed or Silverman width would measure mostly that).
        var options = new InformationPlaneOptions { Renyi = new MatrixRenyiOptions { Bandwidth = Bandwidth.Median() } };
        var measured = InformationPlane.Measure(model, x, null, order, options);
        var step = measured.Select(m => m.ToRecord(0, 0)).ToList();
        Console.WriteLine(string.Join(" | ", measured.Select(m => $"{m.Layer}: H={m.Entropy.Value.Bits:F3} I(X;T)={m.InputInformation.Value.Bits:F3}")));

        // Guaranteed by the estimator: I(X;T) ≤ H(T).
        Assert.All(measured, m => Assert.True(m.InputInformation.Value.Nats <= m.Entropy.Value.Nats + 1e-9));
        // The DPI itself holds for the estimates up to a small slack.
        Assert.Empty(DataProcessingCheck.Forward(step, order, toleranceBits: 0.05));
        Assert.True(measured[0].InputInformation.Value.Bits > measured[^1].InputInformation.Value.Bits + 0.1);
    }

    private sealed class Constant(double nats) : IEntropyEstimator, IMutualInformationEstimator
    {
        public InformationEstimate Estimate(Samples samples) => new(Information.FromNats(nats));

        public InformationEstimate Estimate(Samples x, Samples y) => new(Information.FromNats(nats));
    }
}
