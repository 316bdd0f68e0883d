namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>
/// The plane with <see cref="MatrixRenyiMethod.Approximate"/>: the shared pass carries each measure's certified interval
/// (the value its midpoint, the exact value inside, no wider than the tolerance where the rank allows), and the PID proxies,
/// which have no approximate method, are refused before any estimate.
/// </summary>
public class ApproximatePlaneTests
{
    private static readonly MatrixRenyiOptions Approximate = new() { Method = MatrixRenyiMethod.Approximate };

    [Fact]
    public void EveryMeasureCarriesAnIntervalThatContainsTheExactValue()
    {
        // One dimension each (joints of two): the rank cap N/4 resolves the spectra, so every interval meets the tolerance.
        var random = new Random(5);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var xs = Enumerable.Range(0, 300).Select(_ => Normal()).ToArray();
        var x = Samples.FromColumn(xs);
        var y = Samples.FromColumn(xs.Select(v => v + (0.5 * Normal())).ToArray());
        var t = new CapturedTensor("t", [300, 1], [.. xs.Select(v => Math.Tanh(v) + (0.3 * Normal()))]);
        var exact = InformationPlane.Compute(x, y, [t])[0];
        var approx = InformationPlane.Compute(x, y, [t], options: new InformationPlaneOptions { Renyi = Approximate })[0];
        foreach (var (name, a, e) in new[]
        {
            ("H(T)", approx.Entropy, exact.Entropy),
            ("I(X;T)", approx.InputInformation, exact.InputInformation),
            ("I(T;Y)", approx.TargetInformation, exact.TargetInformation),
        })
        {
            var d = Assert.IsType<RenyiDiagnostics>(a.Diagnostics);
            Assert.Null(((RenyiDiagnostics)e.Diagnostics!).Lower);
            double lower = d.Lower!.Value.Nats, upper = d.Upper!.Value.Nats;
            Assert.True(lower <= e.Value.Nats && e.Value.Nats <= upper, $"{name}: the exact {e.Value.Nats} is outside [{lower}, {upper}]");
            Assert.Equal(0.5 * (lower + upper), a.Value.Nats, 12);
            Assert.False(d.ToleranceMissed);
            Assert.True(upper - lower <= Approximate.Tolerance.Nats, $"{name}: [{lower}, {upper}] is wider than the tolerance");
            Assert.True(d.FactorRank > 0);
        }
    }

    [Fact]
    public void AutomaticOnASmallProbeIsTheExactPlane()
    {
        var (x, y, t) = InformationBandTests.Probe(200, 6);
        var exact = InformationPlane.Compute(x, y, [t])[0];
        var auto = InformationPlane.Compute(x, y, [t], options: new InformationPlaneOptions { Renyi = new() { Method = MatrixRenyiMethod.Automatic } })[0];
        Assert.Equal(exact.Entropy.Value, auto.Entropy.Value);
        Assert.Equal(exact.InputInformation.Value, auto.InputInformation.Value);
        Assert.Equal(exact.TargetInformation.Value, auto.TargetInformation.Value);
        Assert.Null(((RenyiDiagnostics)auto.InputInformation.Diagnostics!).Lower);
    }

    [Fact]
    public void ThePidProxiesRefuseTheApproximateMethodBeforeAnyEstimate()
    {
        var (x, y, _) = InformationBandTests.Probe(40, 7);
        var random = new Random(8);
        var maps = new CapturedTensor("conv", [40, 2, 2, 2], [.. Enumerable.Range(0, 40 * 8).Select(_ => random.NextDouble())]);
        var options = new InformationPlaneOptions { Renyi = Approximate };
        var e = Assert.Throws<ArgumentException>(() => InformationPlane.Compute(x, y, [maps], options: options));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("layer 'conv' has 2 feature maps", e.Message);
        Assert.Contains("ComputePid = false", e.Message);

        // Without the proxies, or with the automatic method (the proxies exact), the layer is measured.
        Assert.NotNull(InformationPlane.Compute(x, y, [maps], options: options with { ComputePid = false })[0].Entropy.Diagnostics);
        var auto = InformationPlane.Compute(x, y, [maps], options: options with { Renyi = Approximate with { Method = MatrixRenyiMethod.Automatic } })[0];
        Assert.NotNull(auto.Pid);
    }
}
