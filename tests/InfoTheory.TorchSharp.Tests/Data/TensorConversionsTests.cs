using static TorchSharp.torch;

namespace InfoTheory.TorchSharp.Tests.Data;

/// <summary>Tensor → Samples / FeatureMaps: views where the tensor allows, copies otherwise, always the right values.</summary>
public sealed class TensorConversionsTests
{
    private static double[] Values(Samples s) =>
        Enumerable.Range(0, s.Count).SelectMany(i => Enumerable.Range(0, s.Dimensions).Select(k => s[i, k])).ToArray();

    [Fact]
    public void ContiguousFloat64IsAViewThatSeesChanges_CopyIsASnapshot()
    {
        using var t = arange(12, dtype: ScalarType.Float64).reshape(3, 2, 2);
        var view = t.ToSamples();
        var snapshot = t.ToSamples(copy: true);
        Assert.Equal((3, 4), (view.Count, view.Dimensions));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (double)i), Values(view));
        t.mul_(2);
        Assert.Equal(22.0, view[2, 3]);
        Assert.Equal(11.0, snapshot[2, 3]);
    }

    [Fact]
    public void TheViewOutlivesTheCallersTensor()
    {
        Samples view;
        using (var t = arange(6, dtype: ScalarType.Float64).reshape(3, 2))
        {
            view = t.ToSamples();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var junk = zeros(1000, 1000, dtype: ScalarType.Float64) + 7; // reuse freed memory if the storage had gone
        Assert.Equal(new double[] { 0, 1, 2, 3, 4, 5 }, Values(view));
    }

    [Fact]
    public void OffsetsStridesAndOtherDtypesGiveTheLogicalValues()
    {
        using var t = arange(20, dtype: ScalarType.Float32).reshape(5, 4);
        using var rows = t.narrow(0, 2, 2);           // contiguous, storage offset 8
        Assert.Equal(new double[] { 8, 9, 10, 11, 12, 13, 14, 15 }, Values(rows.ToSamples()));
        using var transposed = t.t();                  // non-contiguous: copied in logical order
        var tr = transposed.ToSamples();
        Assert.Equal((4, 5), (tr.Count, tr.Dimensions));
        Assert.Equal(new double[] { 0, 4, 8, 12, 16 }, Enumerable.Range(0, 5).Select(k => tr[0, k]));
        using var ints = tensor(new long[] { 1, 2, 3 });
        Assert.Equal(new double[] { 1, 2, 3 }, Values(ints.ToSamples()));
        using var half = t.to_type(ScalarType.Float16);
        Assert.Equal(19.0, half.ToSamples()[4, 3]);
        using var grad = t.clone().requires_grad_(true);
        Assert.Equal(19.0, grad.ToSamples()[4, 3]);
    }

    [Fact]
    public void EstimatesOnAConvertedTensorEqualThoseOnTheArray()
    {
        var random = new Random(3);
        var data = Enumerable.Range(0, 200 * 3).Select(_ => random.NextDouble()).ToArray();
        using var t = tensor(data, new long[] { 200, 3 }, dtype: ScalarType.Float64);
        Assert.Equal(Entropy.MatrixRenyi(new Samples(data, 3)).Value.Nats, Entropy.MatrixRenyi(t.ToSamples()).Value.Nats, 12);
    }

    [Fact]
    public void FeatureMapsNeedFourDimensions()
    {
        using var t = arange(2 * 3 * 2 * 2, dtype: ScalarType.Float64).reshape(2, 3, 2, 2);
        var maps = t.ToFeatureMaps();
        Assert.Equal((2, 3, 2, 2), (maps.Count, maps.Channels, maps.Height, maps.Width));
        using var flat = t.reshape(2, 12);
        Assert.Equal("tensor", Assert.Throws<ArgumentException>(() => flat.ToFeatureMaps()).ParamName);
        using var scalar = tensor(1.0);
        Assert.Contains("scalar", Assert.Throws<ArgumentException>(() => scalar.ToSamples()).Message);
        using var empty = zeros(3, 0);
        Assert.Contains("at least one value", Assert.Throws<ArgumentException>(() => empty.ToSamples()).Message);
    }
}
