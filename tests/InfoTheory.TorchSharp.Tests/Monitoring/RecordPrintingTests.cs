namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>The companion's records print their shapes and sizes, not <c>System.Int64[]</c> or a whole pixel array.</summary>
public sealed class RecordPrintingTests
{
    [Fact]
    public void LayerMeasurement_prints_its_shape_and_compares_it_by_value()
    {
        var a = new LayerMeasurement("enc1", new long[] { 500, 256 }, new(Information.FromBits(8)), new(Information.FromBits(7)), new(Information.FromBits(6)));
        var b = a with { Shape = new List<long> { 500, 256 } };
        Assert.Contains("Shape = [500, 256]", a.ToString());
        Assert.Equal(a, b);
    }

    [Fact]
    public void LayerMeasurement_is_saturated_when_one_of_its_renyi_estimates_is()
    {
        var plain = new LayerMeasurement("enc1", new long[] { 500, 256 }, new(Information.FromBits(8)), new(Information.FromBits(7)), new(Information.FromBits(6)));
        Assert.False(plain.Saturated);
        var saturated = new InformationEstimate(Information.FromBits(7)) { Diagnostics = new RenyiDiagnostics(1.01, [0.5, 0.7], 0, Saturated: true) };
        Assert.True((plain with { InputInformation = saturated }).Saturated);
        Assert.True((plain with { Mmi = saturated }).Saturated);
        Assert.False((plain with { InputInformation = saturated with { Diagnostics = new RenyiDiagnostics(1.01, [0.5, 0.7], 0, false) } }).Saturated);
        Assert.True((plain with { TargetInformation = saturated }).ToRecord(0, 0).Saturated);
    }

    [Fact]
    public void NeuralDiagnostics_print_and_compare_by_value()
    {
        var a = new NeuralDiagnostics(2000, Information.FromNats(0.5), Information.FromBits(7));
        Assert.Equal(a, new NeuralDiagnostics(2000, Information.FromNats(0.5), Information.FromBits(7)));
        Assert.NotEqual(a, a with { UpperLimit = null });
        Assert.Equal("NeuralDiagnostics { EvaluationCount = 2000, TrainingBound = 0.721348 bits, UpperLimit = 7 bits }", a.ToString());
    }

    [Fact]
    public void CapturedTensor_and_IdxImages_print_sizes_not_values()
    {
        var captured = new CapturedTensor("conv1", new long[] { 2, 3 }, new double[6]);
        Assert.Equal("CapturedTensor { Layer = conv1, Shape = [2, 3], Values = double[6] }", captured.ToString());
        var images = new IdxImages(2, 28, 28, new byte[2 * 28 * 28]);
        Assert.Equal("IdxImages { Count = 2, Rows = 28, Columns = 28, Pixels = byte[1568] }", images.ToString());
    }

    [Fact]
    public void Options_print_their_lists()
    {
        Assert.Contains("HiddenSizes = [128, 64]", new AutoencoderCompressorOptions().ToString());
        Assert.Contains("Layers = [enc1, z]", new InformationPlaneStyle { Layers = new[] { "enc1", "z" } }.ToString());
    }
}
