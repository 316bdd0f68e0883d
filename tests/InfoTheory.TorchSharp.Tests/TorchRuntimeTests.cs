using TorchSharp;

namespace InfoTheory.TorchSharp.Tests;

/// <summary>The switch is process-wide: these tests run alone (no other test sees oneDNN on) and restore it.</summary>
[CollectionDefinition(nameof(TorchRuntimeTests), DisableParallelization = true)]
public class TorchRuntimeCollection;

[Collection(nameof(TorchRuntimeTests))]
public class TorchRuntimeTests
{
    [Fact]
    public void OneDnnSwitchReachesLibtorchAndConvolutionsAgreeEitherWay()
    {
        bool before = TorchRuntime.OneDnnEnabled;
        try
        {
            using var scope = torch.NewDisposeScope();
            var generator = new torch.Generator(11);
            var x = torch.rand(new long[] { 4, 3, 12, 12 }, generator: generator);
            var w = torch.rand(new long[] { 5, 3, 3, 3 }, generator: generator);
            TorchRuntime.OneDnnEnabled = true;
            Assert.True(TorchRuntime.OneDnnEnabled);
            var with = torch.nn.functional.conv2d(x, w, padding: new long[] { 1, 1 });
            TorchRuntime.OneDnnEnabled = false;
            Assert.False(TorchRuntime.OneDnnEnabled);
            var without = torch.nn.functional.conv2d(x, w, padding: new long[] { 1, 1 });
            // Each output is a sum of 27 products of numbers in [0, 1): the two kernels differ only by rounding.
            Assert.True(without.isfinite().all().item<bool>());
            Assert.True(with.allclose(without, rtol: 1e-5, atol: 1e-5));
        }
        finally
        {
            TorchRuntime.OneDnnEnabled = before;
        }
    }

    [Fact]
    public void NnpackSwitchReachesLibtorch()
    {
        bool before = TorchRuntime.NnpackEnabled;
        try
        {
            TorchRuntime.NnpackEnabled = true;
            Assert.True(TorchRuntime.NnpackEnabled);
            TorchRuntime.NnpackEnabled = false;
            Assert.False(TorchRuntime.NnpackEnabled);
        }
        finally
        {
            TorchRuntime.NnpackEnabled = before;
        }
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public void AvoidKnownFaultsFollowsTheEnvironmentVariable(string value, bool expected)
    {
        bool before = TorchRuntime.OneDnnEnabled, nnpack = TorchRuntime.NnpackEnabled;
        string? variable = Environment.GetEnvironmentVariable("INFOTHEORY_ONEDNN");
        try
        {
            Environment.SetEnvironmentVariable("INFOTHEORY_ONEDNN", value);
            Assert.Equal(expected, TorchRuntime.AvoidKnownFaults());
            Assert.Equal(expected, TorchRuntime.OneDnnEnabled);
            Environment.SetEnvironmentVariable("INFOTHEORY_ONEDNN", null);
            TorchRuntime.NnpackEnabled = true;
            Assert.Equal(!TorchRuntime.OneDnnFaultKnownHere, TorchRuntime.AvoidKnownFaults());
            // Where oneDNN's fault is known NNPACK cannot initialise either; elsewhere it is left as it was.
            Assert.Equal(!TorchRuntime.OneDnnFaultKnownHere, TorchRuntime.NnpackEnabled);
        }
        finally
        {
            Environment.SetEnvironmentVariable("INFOTHEORY_ONEDNN", variable);
            TorchRuntime.OneDnnEnabled = before;
            TorchRuntime.NnpackEnabled = nnpack;
        }
    }
}
