using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>The layer-wise k-NN KL of the monitor: D(input‖output) per dimension-keeping layer and D(X‖X̂).</summary>
// Sequential: these tests seed torch's global generator.
[Collection(Models.TorchCollection.Name)]
public sealed class LayerDivergenceTests
{
    private static readonly string[] ShiftLayers = ["a", "b"];

    /// <summary>Layer a: x ↦ x + 1 (a fixed shift), layer b: ↦ 2·x (a fixed scale); both keep the dimension 2.</summary>
    private static nn.Module<Tensor, Tensor> ShiftThenScale()
    {
        var a = nn.Linear(2, 2);
        var b = nn.Linear(2, 2);
        using (no_grad())
        {
            a.weight!.copy_(eye(2));
            a.bias!.fill_(1.0);
            b.weight!.copy_(eye(2) * 2);
            b.bias!.fill_(0.0);
        }

        return nn.Sequential(("a", a), ("b", b));
    }

    [Fact]
    public void ShiftedGaussianLayerGivesTheClosedFormDivergence()
    {
        // X ~ N(0, I₂); layer a outputs X + 1, so D(N(0,I)‖N(1,I)) = ½‖μ‖² = 1 nat. Layer b maps N(1, I) to N(2, 4I):
        // D(N(1,I)‖N(2,4I)) = ½[tr(¼I) + ¼‖1‖² − 2 + ln 16] = ½[0.5 + 0.5 − 2 + ln 16] ≈ 0.886 nats. The reconstruction
        // X̂ = 2(X + 1) against X: D(N(0,I)‖N(2,4I)) = ½[0.5 + ¼·8 − 2 + ln 16] ≈ 1.636 nats. (Q is never narrower than P:
        // where P has mass in Q's far tails the k-NN estimate cannot see the Gaussian tail and falls short.)
        using var scope = NewDisposeScope();
        var model = ShiftThenScale();
        manual_seed(5);
        var x = randn(new long[] { 1500, 2 });
        var knn = new KnnOptions { Seed = 1 };
        var options = new InformationPlaneOptions { LayerDivergence = knn, ReconstructionDivergence = knn, Renyi = new MatrixRenyiOptions { Alpha = 2 } };
        var measured = InformationPlane.Measure(model, x, null, ShiftLayers, options);
        Assert.Equal(1.0, measured[0].InputOutputDivergence!.Value.Nats, 0.15);
        Assert.Equal(0.5 * (1 - 2 + Math.Log(16)), measured[1].InputOutputDivergence!.Value.Nats, 0.15);
        Assert.Equal(0.5 * (2.5 - 2 + Math.Log(16)), measured[0].ReconstructionDivergence!.Value.Nats, 0.15);
        Assert.Equal(measured[0].ReconstructionDivergence, measured[1].ReconstructionDivergence);
        var record = measured[0].ToRecord(1, 2);
        Assert.Equal(measured[0].InputOutputDivergence!.Value.Bits, record.InputOutputDivergence);
        Assert.Equal(measured[0].ReconstructionDivergence!.Value.Bits, record.ReconstructionDivergence);
    }

    [Fact]
    public void DivergenceEqualsTheCoreEstimatorOnTheCapturedInputAndOutput()
    {
        using var scope = NewDisposeScope();
        var model = ShiftThenScale();
        manual_seed(6);
        var x = rand(new long[] { 200, 2 });
        var knn = new KnnOptions { K = 4, Seed = 9 };
        var measured = InformationPlane.Measure(model, x, null, ShiftLayers, new InformationPlaneOptions { LayerDivergence = knn, ReconstructionDivergence = knn });
        model.eval();
        Dictionary<string, Tensor> manual;
        using (no_grad())
        {
            manual = TestModels.RunChildren(model, x);
        }

        var xs = TestModels.AsSamples(x);
        var a = TestModels.AsSamples(manual["a"]);
        var b = TestModels.AsSamples(manual["b"]);
        Assert.Equal(Divergence.KullbackLeibler(xs, a, knn).Value.Nats, measured[0].InputOutputDivergence!.Value.Nats, 12);
        Assert.Equal(Divergence.KullbackLeibler(a, b, knn).Value.Nats, measured[1].InputOutputDivergence!.Value.Nats, 12);
        Assert.Equal(Divergence.KullbackLeibler(xs, b, knn).Value.Nats, measured[0].ReconstructionDivergence!.Value.Nats, 12);
        // Off by default: nothing is estimated.
        var plain = InformationPlane.Measure(model, x, null, ShiftLayers);
        Assert.All(plain, m => Assert.Null(m.InputOutputDivergence));
        Assert.All(plain, m => Assert.Null(m.ReconstructionDivergence));
    }

    [Fact]
    public void LayerThatChangesTheDimensionIsRefused()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.DenseAutoencoder();
        var x = rand(new long[] { 30, 8 });
        var e = Assert.Throws<ArgumentException>(() =>
            InformationPlane.Measure(model, x, null, TestModels.DenseLayers, new InformationPlaneOptions { LayerDivergence = KnnOptions.Default }));
        Assert.Contains("'enc1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("8 to 6 values", e.Message, StringComparison.Ordinal);
        // The reconstruction alone is defined for the same model (8 → … → 8).
        var rec = InformationPlane.Measure(model, x, null, TestModels.DenseLayers, new InformationPlaneOptions { ReconstructionDivergence = KnnOptions.Default });
        Assert.All(rec, m => Assert.NotNull(m.ReconstructionDivergence));
        Assert.All(rec, m => Assert.Null(m.InputOutputDivergence));
    }

    [Fact]
    public void ReconstructionDivergenceOfAClassifierIsRefused()
    {
        using var scope = NewDisposeScope();
        var model = TestModels.ConvClassifier();
        var x = rand(new long[] { 20, 1, 8, 8 });
        var labels = randint(0, 10, new long[] { 20 });
        var e = Assert.Throws<ArgumentException>(() => InformationPlane.Measure(model, x, labels, TestModels.ConvLayers,
            new InformationPlaneOptions { ReconstructionDivergence = KnnOptions.Default, ComputePid = false }));
        Assert.Equal("targets", e.ParamName);
    }

    [Fact]
    public void ConstantCoordinateIsRefusedUnlessBothSamplesAreSmoothed()
    {
        // The layer zeroes its second coordinate, as a zero-padding bottleneck does: D(input‖output) = +∞.
        using var scope = NewDisposeScope();
        var pad = nn.Linear(2, 2);
        using (no_grad())
        {
            pad.weight!.copy_(tensor(new float[] { 1, 0, 0, 0 }).reshape(2, 2));
            pad.bias!.fill_(0);
        }

        var model = nn.Sequential(("pad", pad));
        manual_seed(3);
        var x = randn(new long[] { 300, 2 });
        string[] layers = ["pad"];
        var knn = new KnnOptions { Seed = 4 };
        var e = Assert.Throws<ArgumentException>(() => InformationPlane.Measure(model, x, null, layers, new InformationPlaneOptions { LayerDivergence = knn }));
        Assert.Contains("layer 'pad'", e.Message, StringComparison.Ordinal);
        Assert.Contains("+∞", e.Message, StringComparison.Ordinal);

        var smoothed = InformationPlane.Measure(model, x, null, layers, new InformationPlaneOptions { LayerDivergence = knn, DivergenceSmoothing = 0.1 });
        var xs = TestModels.AsSamples(x);
        Tensor y;
        using (no_grad())
        {
            y = model.call(x);
        }

        var expected = Divergence.KullbackLeibler(InformationPlane.Smoothed(xs, 0.1, 4), InformationPlane.Smoothed(TestModels.AsSamples(y), 0.1, 5), knn);
        Assert.Equal(expected.Value.Nats, smoothed[0].InputOutputDivergence!.Value.Nats, 12);
        // More smoothing brings the two distributions closer (data processing): σ = 1 gives a smaller D than σ = 0.1.
        var wide = InformationPlane.Measure(model, x, null, layers, new InformationPlaneOptions { LayerDivergence = knn, DivergenceSmoothing = 1 });
        Assert.True(smoothed[0].InputOutputDivergence!.Value.Nats > 1, $"{smoothed[0].InputOutputDivergence}");
        Assert.True(wide[0].InputOutputDivergence!.Value.Nats < 0.5 * smoothed[0].InputOutputDivergence!.Value.Nats, $"{wide[0].InputOutputDivergence}");
        Assert.Throws<ArgumentOutOfRangeException>(() => new InformationPlaneOptions { DivergenceSmoothing = -1 });
    }

    [Fact]
    public void SmoothingAddsSeededGaussianNoise()
    {
        var samples = new Samples(new double[20_000], 2);
        var a = InformationPlane.Smoothed(samples, 0.5, 7).ToArray();
        var b = InformationPlane.Smoothed(samples, 0.5, 7).ToArray();
        Assert.Equal(a, b);
        double mean = a.Average(), sd = Math.Sqrt(a.Select(v => (v - mean) * (v - mean)).Average());
        Assert.Equal(0, mean, 0.02);
        Assert.Equal(0.5, sd, 0.02);
        Assert.All(samples.ToArray(), v => Assert.Equal(0, v)); // the input is not touched
    }

    [Fact]
    public void SeriesKeepsTheDivergenceColumnsAndReadsTheOlderHeader()
    {
        var series = new InformationSeries(TargetKind.Reconstruction,
        [
            new InformationRecord(1, 2, "enc1", 3, 2, 1) { InputOutputDivergence = 0.1 + 0.2, ReconstructionDivergence = -1.5 },
            new InformationRecord(1, 2, "z", 1, 1, 1),
        ]);
        string csv = series.ToCsv();
        Assert.Contains(",loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec,", csv, StringComparison.Ordinal);
        Assert.Equal(series.Records, InformationSeries.FromCsv(csv).Records);
        Assert.Equal(series.Records, InformationSeries.FromJson(series.ToJson()).Records);
        const string older = "# infotheory-series v1; unit=bits; target=reconstruction\n" +
            "epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss\n1,2,enc1,3,2,1,,,,,,false,,0.5\n";
        var record = Assert.Single(InformationSeries.FromCsv(older).Records);
        Assert.Equal((0.5, (double?)null, (double?)null), (record.Loss!.Value, record.InputOutputDivergence, record.ReconstructionDivergence));
        Assert.Throws<FormatException>(() => InformationSeries.FromCsv(older.Replace(",0.5\n", ",0.5,1,2\n", StringComparison.Ordinal)));
    }
}
