namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>
/// The plane with <see cref="MatrixRenyiMethod.Approximate"/>: the shared pass carries each measure's certified interval
/// (the value its midpoint, the exact value inside, no wider than the tolerance where the rank allows), and so do the PID
/// proxies of a convolutional layer.
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
    public void ThePidProxiesOfAConvolutionalLayerCarryIntervalsThatContainTheExactProxies()
    {
        // Three scalar maps (the approximate PID's intervals meet the tolerance on low-dimensional joints).
        var (x, y, _) = InformationBandTests.Probe(200, 7);
        var random = new Random(8);
        var values = new double[200 * 3];
        for (int i = 0; i < 200; i++)
        {
            double v = x.Row(i)[0];
            values[(i * 3) + 0] = Math.Tanh(v) + (0.2 * random.NextDouble());
            values[(i * 3) + 1] = (v * v) + (0.5 * random.NextDouble());
            values[(i * 3) + 2] = random.NextDouble();
        }

        var maps = new CapturedTensor("conv", [200, 3, 1, 1], values);
        var exact = InformationPlane.Compute(x, y, [maps])[0].Pid!;
        var approx = InformationPlane.Compute(x, y, [maps], options: new InformationPlaneOptions { Renyi = Approximate })[0].Pid!;
        var d = Assert.IsType<RenyiDiagnostics>(approx.Mmi.Diagnostics);
        Assert.Null(((RenyiDiagnostics)exact.Mmi.Diagnostics!).Lower);
        AssertInside("MMI", d.Lower!.Value, d.Upper!.Value, exact.Mmi.Value);
        AssertInside("RST", approx.RstBounds!.Value.Low, approx.RstBounds.Value.High, exact.Rst);
        AssertInside("WNRI", approx.WnriBounds!.Value.Low, approx.WnriBounds.Value.High, exact.Wnri);
        for (int p = 0; p < 3; p++)
        {
            AssertInside($"I(X;T{p})", approx.MapBounds![p].Low, approx.MapBounds[p].High, exact.MapInformation[p]);
        }

        Assert.Equal(exact.Pairs.Count, approx.Pairs.Count);
    }

    private static void AssertInside(string name, Information lower, Information upper, Information exact) =>
        Assert.True(lower.Nats <= exact.Nats && exact.Nats <= upper.Nats, $"{name}: the exact {exact.Nats} is outside [{lower.Nats}, {upper.Nats}]");
}
