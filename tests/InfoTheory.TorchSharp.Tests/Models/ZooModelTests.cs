using InfoTheory.TorchSharp.Tests.Data;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Models;

// Sequential: these tests seed and read torch's global generator.
[Collection(TorchCollection.Name)]
public sealed class ZooModelTests
{
    private readonly ITestOutputHelper _output;

    public ZooModelTests(ITestOutputHelper output)
    {
        _output = output;
    }

    public static TheoryData<string> Names => ZooFactory.Names;

    private static Tensor Batch(ZooModel model, int n)
    {
        var d = TestData.First(n);
        return model.InputLayout == InputLayout.Image ? d.ToImageTensor() : d.ToTensor();
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TrainsWithFallingLoss(string name)
    {
        using var model = ZooFactory.Create(name);
        bool conv = model.InputLayout == InputLayout.Image;
        var data = TestData.First(conv ? 128 : 256);

        // One full-batch Adam step per epoch, so the epoch means are the step losses.
        var losses = Trainer.Train(model, data, epochs: conv ? 20 : 30, batchSize: data.Count, learningRate: 2e-3, seed: 3);
        double first = losses.Take(3).Average();
        double last = losses.TakeLast(3).Average();
        _output.WriteLine($"{name}: {losses.Count} steps, first 3 mean {first:G5}, last 3 mean {last:G5}");
        Assert.All(losses, l => Assert.True(double.IsFinite(l), $"{name}: non-finite loss"));
        Assert.True(last < 0.95 * first, $"{name}: loss did not fall enough: first 3 mean {first}, last 3 mean {last}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void LayersAreNamedChildrenAndHooksSeeTheirOutputs(string name)
    {
        using var model = ZooFactory.Create(name);
        var expected = ZooFactory.ExpectedLayers(name);
        Assert.Equal(expected.Select(e => e.Layer), model.LayerNames);

        // LayerNames are direct children, in order (other children, such as the VAE's "stats", may sit between).
        var children = model.named_children().Select(c => c.name).ToList();
        Assert.Equal(model.LayerNames, children.Where(model.LayerNames.Contains));

        var seen = new Dictionary<string, List<long[]>>();
        var hooks = new List<IDisposable>();
        foreach (var layerName in model.LayerNames)
        {
            var list = seen[layerName] = new List<long[]>();
            var layer = model.Layer(layerName);
            Assert.Same(layer, model.named_children().Single(c => c.name == layerName).module);
            var handle = layer.register_forward_hook((m, input, output) =>
            {
                list.Add(output.shape);
                return output;
            });
            hooks.Add(new Remover(handle.remove));
        }

        using (torch.no_grad())
        using (var x = Batch(model, 4))
        using (var y = model.call(x))
        {
            if (model is IAutoencoder ae)
            {
                Assert.Equal(x.shape, y.shape);
                Assert.Contains(ae.BottleneckName, model.LayerNames);
            }
            else
            {
                Assert.Equal(new long[] { 4, 10 }, y.shape);
            }
        }

        foreach (var (layerName, shape) in expected)
        {
            var calls = seen[layerName];
            Assert.True(calls.Count == 1, $"{name}.{layerName}: hook fired {calls.Count} times");
            Assert.Equal(new long[] { 4 }.Concat(shape), calls[0]);
        }

        hooks.ForEach(h => h.Dispose());
        Assert.Throws<ArgumentException>(() => model.Layer("nope"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void SameSeedSameWeightsAndConstructionLeavesGlobalRngAlone(string name)
    {
        torch.manual_seed(42);
        using var expected = torch.rand(5);
        torch.manual_seed(42);
        using var a = ZooFactory.Create(name, seed: 7);
        using var after = torch.rand(5);
        Assert.True(expected.SameValues(after), "model construction changed torch's global generator");

        using var b = ZooFactory.Create(name, seed: 7);
        using var c = ZooFactory.Create(name, seed: 8);
        var pa = a.parameters().ToList();
        var pb = b.parameters().ToList();
        var pc = c.parameters().ToList();
        Assert.Equal(pa.Count, pb.Count);
        Assert.All(pa.Zip(pb), p => Assert.True(p.First.SameValues(p.Second)));
        Assert.Contains(pa.Zip(pc), p => p.First.shape.Length > 1 && !p.First.SameValues(p.Second));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void WorksAfterConversionToFloat64(string name)
    {
        // to(dtype) / to(device) replace the registered tensors; the models must use the new ones
        // (tied weights, the invertible model's permutations and mask).
        using var model = ZooFactory.Create(name);
        model.to(ScalarType.Float64);
        Assert.All(model.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        using var x32 = Batch(model, 4);
        using var x = x32.to_type(ScalarType.Float64);
        using var y = model.call(x);
        Assert.Equal(ScalarType.Float64, y.dtype);
        using (var loss = model.Loss(x, TestData.First(4).LabelsTensor()))
        {
            loss.Total.backward();
        }

        Assert.All(model.parameters(), p => Assert.NotNull(p.grad));
        if (model is TiedAutoencoder tied)
        {
            var enc = tied.EncoderWeights;
            var dec = tied.DecoderWeights;
            Assert.Equal(ScalarType.Float64, dec[0].dtype);
            Assert.All(Enumerable.Range(0, 3), j => Assert.Same(enc[2 - j], dec[j]));
        }
    }

    [Fact]
    public void TrainerIsDeterministicAndCallsBack()
    {
        var data = TestData.First(100);
        var iterations = new List<int>();
        var epochs = new List<(int, double)>();
        IReadOnlyList<double> Run(List<int>? its, List<(int, double)>? eps)
        {
            using var model = new DeepAutoencoder(seed: 5);
            return Trainer.Train(model, data, 2, 32, 1e-3, 9, eps is null ? null : (e, l) => eps.Add((e, l)), its is null ? null : its.Add);
        }

        var l1 = Run(iterations, epochs);
        var l2 = Run(null, null);
        Assert.Equal(l1, l2);
        Assert.Equal(Enumerable.Range(0, 8), iterations); // 2 epochs × ceil(100/32) batches
        Assert.Equal(new[] { (0, l1[0]), (1, l1[1]) }, epochs);
    }

    // Bit for bit, also when the second run starts on another thread (xunit moves tests between pool threads; torch's
    // thread count and generators must not depend on the calling thread). CAE_1 failed intermittently in CI before the
    // thread count was fixed for the whole test assembly; the VAE also draws from its own generator while training.
    [Theory]
    [InlineData("Cae1")]
    [InlineData("VariationalAutoencoder")]
    public void SeededTrainingIsBitIdenticalOnAnyThread(string name)
    {
        var data = TestData.First(64);
        (IReadOnlyList<double> Losses, float[] Weights) Run()
        {
            using var model = ZooFactory.Create(name, seed: 4);
            var losses = Trainer.Train(model, data, epochs: 3, batchSize: 32, learningRate: 2e-3, seed: 6);
            using var flat = torch.cat(model.parameters().Select(p => p.detach().flatten()).ToList());
            return (losses, flat.data<float>().ToArray());
        }

        var here = Run();
        (IReadOnlyList<double> Losses, float[] Weights) there = default;
        var thread = new Thread(() => there = Run());
        thread.Start();
        thread.Join();
        Assert.All(here.Losses, l => Assert.True(double.IsFinite(l)));
        Assert.Equal(here.Losses, there.Losses);
        Assert.Equal(here.Weights, there.Weights);
    }

    [Fact]
    public void DivergingTrainingStopsWithAClearErrorAndLeavesTheParameters()
    {
        var good = TestData.First(8);
        var pixels = (float[])good.Pixels.Clone();
        pixels[100] = 3e38f; // finite, but its square overflows float32: the MSE loss is +∞
        var poisoned = new ImageDataset(pixels, good.Labels, good.Rows, good.Columns);
        using var model = new Autoencoder(50, seed: 3);
        using var before = torch.cat(model.parameters().Select(p => p.detach().flatten().clone()).ToList());

        var error = Assert.Throws<InvalidOperationException>(() => Trainer.Train(model, poisoned, 1, 8, 1e-3, 1));
        Assert.Contains("epoch 0, iteration 0", error.Message);
        Assert.Contains("the loss is Infinity", error.Message);
        using var after = torch.cat(model.parameters().Select(p => p.detach().flatten()).ToList());
        Assert.True(before.SameValues(after), "a diverged step changed the parameters");
    }

    [Fact]
    public void TrainerFollowsTheModelDtype()
    {
        using var model = new VariationalAutoencoder(seed: 2);
        model.to(ScalarType.Float64);
        var losses = Trainer.Train(model, TestData.First(64), 2, 32, 1e-3, 1);
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
    }

    private sealed class Remover(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
