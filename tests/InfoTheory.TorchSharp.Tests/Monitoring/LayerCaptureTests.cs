using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class LayerCaptureTests
{
    [Fact]
    public void CapturesNamedLayerOutputsExactly()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        manual_seed(5);
        var x = rand(new long[] { 20, 8 });
        var manual = TestModels.RunChildren(model, x);
        using var capture = new LayerCapture(model, TestModels.DenseLayers);
        model.call(x);
        Assert.Equal(TestModels.DenseLayers, capture.Layers);
        foreach (var name in TestModels.DenseLayers)
        {
            var captured = capture.Output(name);
            Assert.Equal(manual[name].shape, captured.Shape);
            Assert.Equal(TestModels.Values(manual[name]), captured.Values);
        }
    }

    [Fact]
    public void HooksFireOncePerForwardAndAreGoneAfterDispose()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = rand(new long[] { 10, 8 });
        var capture = new LayerCapture(model, TestModels.DenseLayers);
        Assert.Equal(4, TestModels.TotalForwardHooks(model));
        model.call(x);
        model.call(x);
        Assert.All(TestModels.DenseLayers, name => Assert.Equal(2, capture.CallCount(name)));

        capture.Dispose();
        Assert.Equal(0, TestModels.TotalForwardHooks(model));
        var before = capture.Output("z").Values;
        model.call(x * 0.5);
        Assert.All(TestModels.DenseLayers, name => Assert.Equal(2, capture.CallCount(name)));
        Assert.Same(before, capture.Output("z").Values);
    }

    [Fact]
    public void WithoutNamesEveryLeafModuleIsHooked()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var leaves = LayerCapture.ResolveLayers(model);
        Assert.Equal(8, leaves.Count);
        Assert.Equal(new[] { "enc1.0", "enc1.1" }, leaves.Take(2));
        using var capture = new LayerCapture(model);
        model.call(rand(new long[] { 5, 8 }));
        Assert.Equal(new[] { 5L, 6L }, capture.Output("enc1.0").Shape);
        Assert.All(leaves, name => Assert.Equal(1, capture.CallCount(name)));
    }

    [Fact]
    public void UnknownLayerIsRefusedWithTheKnownNames()
    {
        var model = TestModels.DenseAutoencoder();
        var e = Assert.Throws<ArgumentException>(() => new LayerCapture(model, ["enc9"]));
        Assert.Contains("enc1", e.Message);
        Assert.Equal(0, TestModels.TotalForwardHooks(model));
    }

    [Fact]
    public void GradientsAreTheLossDerivativeWithRespectToEachOutput()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = rand(new long[] { 12, 8 });
        using var capture = new LayerCapture(model, TestModels.DenseLayers, keepGraph: true);
        var output = model.call(x);
        var loss = (output - x).square().sum() * 0.5;
        var grads = capture.Gradients(loss);
        Assert.Equal(4, grads.Count);
        // d/d(out) of ½‖out − x‖² is out − x.
        var expected = TestModels.Values(output - x);
        Assert.Equal(expected.Length, grads[3].Values.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], grads[3].Values[i], 6);
        }

        Assert.Equal(new[] { 12L, 3L }, grads[1].Shape);
        Assert.All(model.parameters(), p => Assert.True(p.grad is null || p.grad.abs().sum().item<float>() == 0));
    }
}
