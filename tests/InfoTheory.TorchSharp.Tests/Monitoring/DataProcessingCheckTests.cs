namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class DataProcessingCheckTests
{
    private static readonly string[] Order = ["t1", "t2", "t3", "t4"];

    private static List<InformationRecord> Step(double[] ixt, double?[]? err = null) =>
        [.. Order.Select((name, k) => new InformationRecord(1, 10, name, 5, ixt[k], 1) { ErrorInformation = err?[k] })];

    [Fact]
    public void CleanChainHasNoViolations()
    {
        Assert.Empty(DataProcessingCheck.Forward(Step([4, 3, 3, 1]), Order));
        Assert.Empty(DataProcessingCheck.Backward(Step([4, 3, 2, 1], [0.5, 1, 2, 3]), Order));
    }

    [Fact]
    public void ForwardViolationIsReportedWithItsSize()
    {
        // t3 carries 0.75 bits more than t2 (and 0.25 more than t1 is fine: 3.25 < 3.5).
        var v = DataProcessingCheck.Forward(Step([3.5, 2.5, 3.25, 1]), Order);
        var single = Assert.Single(v);
        Assert.Equal(("t2", "t3"), (single.First, single.Second));
        Assert.Equal(0.75, single.Bits, 12);
    }

    [Fact]
    public void EveryEarlierLayerIsComparedAndToleranceApplies()
    {
        var v = DataProcessingCheck.Forward(Step([3, 2, 1, 4]), Order);
        Assert.Equal(new[] { ("t1", "t4", 1.0), ("t2", "t4", 2.0), ("t3", "t4", 3.0) }, v.Select(x => (x.First, x.Second, x.Bits)));
        Assert.Equal(2, DataProcessingCheck.Forward(Step([3, 2, 1, 4]), Order, toleranceBits: 1.5).Count);
    }

    [Fact]
    public void BackwardChainRunsFromTheLastLayer()
    {
        // I(δ4;δ_k) must grow towards the output; δ2 exceeding δ3 by 0.5 bits is a violation from t3 to t2.
        var v = DataProcessingCheck.Backward(Step([4, 3, 2, 1], [0.5, 2.5, 2, 3]), Order);
        var single = Assert.Single(v);
        Assert.Equal(("t3", "t2"), (single.First, single.Second));
        Assert.Equal(0.5, single.Bits, 12);
    }

    [Fact]
    public void MissingLayersAndValuesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => DataProcessingCheck.Forward(Step([4, 3, 2, 1]).Take(3), Order));
        Assert.Throws<ArgumentException>(() => DataProcessingCheck.Backward(Step([4, 3, 2, 1]), Order));
    }

    private static List<InformationRecord> Plane(double[] ixt, double[] itx) =>
        [.. Order.Select((name, k) => new InformationRecord(1, 10, name, 5, ixt[k], itx[k]))];

    [Fact]
    public void TowardsOutputChainGrowsTowardsTheReconstruction()
    {
        Assert.Empty(DataProcessingCheck.TowardsOutput(Plane([1, 1, 1, 1], [1, 2, 2, 3]), Order));

        // t3 carries 0.5 bits less about X' than t2 although X' is computed from t3: a violation (t2 → t3).
        var single = Assert.Single(DataProcessingCheck.TowardsOutput(Plane([1, 1, 1, 1], [1, 2.5, 2, 3]), Order));
        Assert.Equal(("t3", "t2"), (single.First, single.Second));
        Assert.Equal(0.5, single.Bits, 12);
    }

    [Fact]
    public void AutoencoderSplitsTheChainAtTheBottleneck()
    {
        // Encoder t1 → t2 (bottleneck) must lose I(X;T); decoder t2 → t3 → t4 must gain I(T;X'). I(X;T) rising after
        // the bottleneck (t3 = 3 > t2 = 2) is not checked here (see Forward), but the encoder and decoder chains are.
        Assert.Empty(DataProcessingCheck.Autoencoder(Plane([4, 2, 3, 3], [1, 1.5, 2, 3]), Order, "t2"));
        var v = DataProcessingCheck.Autoencoder(Plane([2, 2.25, 3, 3], [1, 1.5, 1.25, 3]), Order, "t2");
        Assert.Equal(new[] { ("t1", "t2", 0.25), ("t3", "t2", 0.25) }, v.Select(x => (x.First, x.Second, x.Bits)));
        var ex = Assert.Throws<ArgumentException>(() => DataProcessingCheck.Autoencoder(Plane([4, 2, 3, 3], [1, 1, 1, 1]), Order, "zz"));
        Assert.Equal("bottleneck", ex.ParamName);
    }
}
