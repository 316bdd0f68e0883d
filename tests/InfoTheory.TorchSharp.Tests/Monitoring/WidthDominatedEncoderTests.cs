using InfoTheory.TorchSharp.Tests.Data;
using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>
/// The case: a freshly initialised 784-256-128-50 sigmoid encoder on 500 real MNIST digits, Scott γ = 2. The
/// activations' spread shrinks layer by layer while σ stays: the deep layers are width-dominated, and the saturation rule
/// must stay quiet there (S(X) alone fills the log N ceiling, but S(T) ≈ 0 gives no forced floor).
/// </summary>
public sealed class WidthDominatedEncoderTests
{
    [Fact]
    public void DeepLayersAreWidthDominatedAndNotSaturated()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var model = nn.Sequential(
            ("l1", nn.Sequential(nn.Linear(784, 256), nn.Sigmoid())),
            ("l2", nn.Sequential(nn.Linear(256, 128), nn.Sigmoid())),
            ("l3", nn.Sequential(nn.Linear(128, 50), nn.Sigmoid())));
        using var x = TestData.First(500).ToTensor();
        var options = new InformationPlaneOptions { Renyi = new MatrixRenyiOptions { Bandwidth = Bandwidth.Scott(2) } };
        var measured = InformationPlane.Measure(model, x, null, ["l1", "l2", "l3"], options);
        Assert.Equal(3, measured.Count);
        foreach (var m in measured)
        {
            var d = Assert.IsType<RenyiDiagnostics>(m.InputInformation.Diagnostics);
            Assert.False(d.WidthChecks[0].WidthDominated); // X, 784 pixels in [0, 1]: σ near its median distance
            Assert.True(d.WidthChecks[0].EntropyOverLogN > 0.99); // S(X) alone fills the ceiling
        }

        // σ/median grows layer by layer; the last layer is far beyond the flat ratio.
        var ratios = measured.Select(m => ((RenyiDiagnostics)m.InputInformation.Diagnostics!).WidthChecks[1].SigmaOverMedian).ToArray();
        Assert.True(ratios[0] < ratios[1] && ratios[1] < ratios[2], string.Join(", ", ratios));
        Assert.True(((RenyiDiagnostics)measured[2].InputInformation.Diagnostics!).WidthChecks[1].WidthDominated, string.Join(", ", ratios));
        Assert.True(ratios[2] >= 100, string.Join(", ", ratios));
        Assert.False(measured[1].InputInformation.Diagnostics is RenyiDiagnostics { Saturated: true });
        Assert.False(measured[2].InputInformation.Diagnostics is RenyiDiagnostics { Saturated: true });

        // The monitor's records carry the same checks, and the series keeps them: the last layer's points are width-dominated.
        var series = new InformationSeries(TargetKind.Reconstruction, measured.Select(m => m.ToRecord(0, 0)));
        var back = InformationSeries.FromCsv(series.ToCsv()).Records;
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(ratios[k], back[k].LayerWidthCheck!.SigmaOverMedian);
            Assert.False(back[k].InputWidthCheck!.WidthDominated);
        }

        Assert.True(back[2].WidthDominated);
    }
}
