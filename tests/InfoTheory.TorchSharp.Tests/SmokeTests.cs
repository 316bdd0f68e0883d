using TorchSharp;

namespace InfoTheory.TorchSharp.Tests;

public class SmokeTests
{
    [Fact]
    public void LibTorchLoadsAndComputes()
    {
        using var a = torch.tensor(new double[] { 1, 2, 3 });
        Assert.Equal(14.0, a.dot(a).item<double>());
    }
}
