using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>
/// The pieces of Yu et al. (2021) in the monitor: the proxies with respect to Y (the modified plane on both axes), their
/// series columns and plot axes, and the forward DPI with the MMI for feature-map layers.
/// </summary>
public class ModifiedPlaneTests
{
    private static void Close(double expected, double actual) => Assert.Equal(expected, actual, 1e-9);

    [Fact]
    public void TargetProxiesEqualTheCoreProxiesWithYInPlaceOfX()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier();
        manual_seed(11);
        var x = rand(new long[] { 36, 1, 8, 8 });
        var labels = randint(0, 10, new long[] { 36 });
        var renyi = new MatrixRenyiOptions { Alpha = 1.01 };
        var measured = InformationPlane.Measure(model, x, labels, TestModels.ConvLayers, new InformationPlaneOptions { Renyi = renyi, TargetPid = true, Classes = 10 });
        var plain = InformationPlane.Measure(model, x, labels, TestModels.ConvLayers, new InformationPlaneOptions { Renyi = renyi, Classes = 10 });

        model.eval();
        Dictionary<string, Tensor> manual;
        using (no_grad())
        {
            manual = TestModels.RunChildren(model, x);
        }

        var y = InformationPlane.OneHot(labels, 10);
        var conv2 = measured.Single(m => m.Layer == "conv2");
        var maps = new FeatureMaps(TestModels.Values(manual["conv2"]), 36, 4, 4, 4);
        var expected = PartialInformation.Proxies(y, maps, new PidOptions { Renyi = renyi });
        Close(expected.Mmi.Value.Nats, conv2.TargetMmi!.Value.Nats);
        Close(expected.Wnri.Nats, conv2.TargetPid!.Wnri.Nats);
        Close(expected.Rst.Nats, conv2.TargetPid!.Rst.Nats);
        foreach (var pair in conv2.TargetPid!.Pairs)
        {
            Close(pair.JointInformation.Nats, (pair.Rst + pair.Wnri).Nats);
        }

        // The X side is untouched by the Y side, and layers without maps get neither.
        var plainConv2 = plain.Single(m => m.Layer == "conv2");
        Close(plainConv2.Pid!.Wnri.Nats, conv2.Pid!.Wnri.Nats);
        Assert.Null(plainConv2.TargetPid);
        Assert.Null(measured.Single(m => m.Layer == "out").TargetPid);

        var record = conv2.ToRecord(1, 2);
        Assert.Equal(conv2.TargetPid.Wnri.Bits, record.TargetWnri);
        Assert.Equal(conv2.TargetMmi.Value.Bits, record.TargetMmi);
        Assert.Equal(100, record.TargetRstPercent!.Value + record.TargetWnriPercent!.Value, 9);
    }

    [Fact]
    public void WithYEqualToXBothSidesAgreeExactly()
    {
        // Floating targets are used as given: Y = X makes the proxies with respect to Y those with respect to X.
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier(seed: 5);
        manual_seed(3);
        var x = rand(new long[] { 24, 1, 8, 8 });
        var measured = InformationPlane.Measure(model, x, x.reshape(24, 64).clone(), ["conv1", "conv2"],
            new InformationPlaneOptions { Renyi = new MatrixRenyiOptions { Alpha = 2 }, TargetPid = true });
        foreach (var m in measured)
        {
            Close(m.Mmi!.Value.Nats, m.TargetMmi!.Value.Nats);
            Close(m.Pid!.Wnri.Nats, m.TargetPid!.Wnri.Nats);
            Close(m.Pid!.RstPercent!.Value, m.TargetPid!.RstPercent!.Value);
        }
    }

    [Fact]
    public void TargetPidWithoutPidIsRefused()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier();
        var x = rand(new long[] { 10, 1, 8, 8 });
        var e = Assert.Throws<ArgumentException>(() => InformationPlane.Measure(model, x, null, ["conv2"],
            new InformationPlaneOptions { ComputePid = false, TargetPid = true }));
        Assert.Contains("ComputePid", e.Message);
    }

    [Fact]
    public void SeriesKeepsTheYSideColumnsAndStillReadsVersionOne()
    {
        var series = new InformationSeries(TargetKind.Labels,
        [
            new InformationRecord(0, 5, "conv1", 4, 3, 1) { Wnri = 0.5, TargetMmi = 1.25, TargetRst = 0.125, TargetWnri = 0.75, TargetRstPercent = 20, TargetWnriPercent = 80 },
        ]);
        var csv = series.ToCsv();
        Assert.StartsWith("# infotheory-series v4;", csv, StringComparison.Ordinal);
        Assert.EndsWith(",1.25,0.125,0.75,20,80" + new string(',', 21) + "\n", csv, StringComparison.Ordinal);
        foreach (var back in new[] { InformationSeries.FromCsv(csv), InformationSeries.FromJson(series.ToJson()) })
        {
            var r = Assert.Single(back.Records);
            Assert.Equal((1.25, 0.125, 0.75, 20.0, 80.0), (r.TargetMmi!.Value, r.TargetRst!.Value, r.TargetWnri!.Value, r.TargetRstPercent!.Value, r.TargetWnriPercent!.Value));
        }

        const string v1 = "# infotheory-series v1; unit=bits; target=labels\n"
            + "epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss\n"
            + "1,2,conv1,4,3,1,,,0.5,,,false,,\n";
        var old = Assert.Single(InformationSeries.FromCsv(v1).Records);
        Assert.Equal(0.5, old.Wnri);
        Assert.Null(old.TargetWnri);
        Assert.Throws<FormatException>(() => InformationSeries.FromCsv(v1.Replace(",,0.5,,,false,,\n", ",,0.5,,,false,,,1\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void ForwardMmiUsesTheMapsWhereMeasuredAndTheWholeLayerElsewhere()
    {
        string[] order = ["conv1", "conv2", "fc1"];
        // Whole-layer I(X;T): conv2 (3) exceeds conv1 (2) by 1 bit; with the MMI (5 ≥ 4 ≥ 3.5) the chain holds.
        List<InformationRecord> step =
        [
            new(0, 0, "conv1", 6, 2, 1) { Mmi = 5 },
            new(0, 0, "conv2", 6, 3, 1) { Mmi = 4 },
            new(0, 0, "fc1", 6, 3.5, 1),
        ];
        var whole = DataProcessingCheck.Forward(step, order);
        Assert.Contains(whole, v => v is { First: "conv1", Second: "conv2", Bits: 1 });
        Assert.Empty(DataProcessingCheck.ForwardMmi(step, order));

        // A dense layer above the last conv layer's MMI is a violation of its own size; the tolerance applies.
        step[2] = new(0, 0, "fc1", 6, 4.25, 1);
        var v = Assert.Single(DataProcessingCheck.ForwardMmi(step, order));
        Assert.Equal(("conv2", "fc1", 0.25), (v.First, v.Second, v.Bits));
        Assert.Empty(DataProcessingCheck.ForwardMmi(step, order, toleranceBits: 0.25));
    }

    [Fact]
    public void ModifiedPlaneOnBothAxesIsAPngAndNeedsTheYSide()
    {
        var series = new InformationSeries(TargetKind.Labels);
        for (int epoch = 0; epoch < 4; epoch++)
        {
            series.Add(new InformationRecord(epoch, epoch * 10, "conv1", 5, 4, 1) { Wnri = 1 + 0.2 * epoch, TargetWnri = 0.1 * epoch });
            series.Add(new InformationRecord(epoch, epoch * 10, "fc1", 5, 3, 1));
        }

        string path = Path.Combine(Path.GetTempPath(), $"mip-{Guid.NewGuid():N}.png");
        try
        {
            InformationPlot.SaveInformationPlane(series, path, new InformationPlaneStyle { XAxis = InformationPlaneInputAxis.Wnri, YAxis = InformationPlaneAxis.TargetWnri });
            Assert.True(new FileInfo(path).Length > 5000);
            var plot = InformationPlot.CreateInformationPlane(series, new InformationPlaneStyle { XAxis = InformationPlaneInputAxis.Wnri, YAxis = InformationPlaneAxis.TargetWnri });
            Assert.Equal("WNRI w.r.t. X (bits)", plot.Axes.Bottom.Label.Text);
            Assert.Equal("WNRI w.r.t. Y (bits)", plot.Axes.Left.Label.Text);
        }
        finally
        {
            File.Delete(path);
        }

        var noY = new InformationSeries(TargetKind.Labels, [new InformationRecord(0, 0, "conv1", 5, 4, 1) { Wnri = 1 }]);
        var e = Assert.Throws<ArgumentException>(() => InformationPlot.CreateInformationPlane(noY, new InformationPlaneStyle { YAxis = InformationPlaneAxis.TargetWnri }));
        Assert.Contains("TargetPid", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InformationPlaneStyle { XAxis = (InformationPlaneInputAxis)7 });
    }
}
