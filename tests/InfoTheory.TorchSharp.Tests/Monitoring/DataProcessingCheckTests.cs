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
}
