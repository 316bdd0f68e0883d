namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class InformationPhasesTests
{
    /// <summary>One layer whose I(X;T) goes 1, 2, 4, 3, 2 over iterations 0, 10, …, 40 (epochs 0, 0, 1, 1, 2); I(T;Y) = 5 − I(X;T).</summary>
    private static InformationSeries RiseAndFall()
    {
        double[] values = [1, 2, 4, 3, 2];
        var series = new InformationSeries();
        for (int i = 0; i < values.Length; i++)
        {
            series.Add(new InformationRecord(i / 2, 10 * i, "z", 9, values[i], 5 - values[i]));
            series.Add(new InformationRecord(i / 2, 10 * i, "enc1", 9, 1 + i, 0.5));
        }

        return series;
    }

    [Fact]
    public void WithoutSmoothingTheRiseAndFallAreThoseOfTheRawValues()
    {
        var p = InformationPhases.Of(RiseAndFall(), "z");
        Assert.Equal((1.0, 1.0, 4.0, 2.0), (p.Initial, p.Start, p.Peak, p.End));
        Assert.Equal(3.0, p.Rise);
        Assert.Equal(2.0, p.Fall);
        Assert.Equal((20, 1), (p.PeakIteration, p.PeakEpoch));
        Assert.Equal(0.5, p.PeakPosition);
        Assert.Equal(5, p.Measurements);
    }

    [Fact]
    public void AMovingAverageOfTwoGivesTheHandWorkedMeans()
    {
        // Window means: 1.5, 3, 3.5, 2.5 → start 1.5, peak 3.5 (the third window, measurements 2 and 3), end 2.5.
        var p = InformationPhases.Of(RiseAndFall(), "z", window: 2);
        Assert.Equal(1.0, p.Initial);
        Assert.Equal(1.5, p.Start, 12);
        Assert.Equal(3.5, p.Peak, 12);
        Assert.Equal(2.5, p.End, 12);
        Assert.Equal(1.0, p.Fall, 12);
        Assert.Equal(20, p.PeakIteration); // the middle (first of two) measurement of the peak window
        Assert.Equal(2.0 / 3, p.PeakPosition, 12);
    }

    [Fact]
    public void AnIncreasingQuantityHasNoFallAndOtherQuantitiesAreFollowed()
    {
        var series = RiseAndFall();
        var enc1 = InformationPhases.Of(series, "enc1", window: 3);
        Assert.Equal(0.0, enc1.Fall);
        Assert.Equal(2.0, enc1.Rise, 12); // window means 2, 3, 4
        Assert.Equal(1.0, enc1.PeakPosition);

        // I(T;X′) = 5 − I(X;T): it peaks at the start (4) and its lowest point is the peak of I(X;T).
        var target = InformationPhases.Of(series, "z", InformationQuantity.TargetInformation);
        Assert.Equal((4.0, 4.0, 3.0), (target.Start, target.Peak, target.End));
        Assert.Equal(0.0, target.PeakPosition);

        var all = InformationPhases.Of(series, InformationQuantity.InputInformation, 2);
        Assert.Equal(["z", "enc1"], all.Select(p => p.Layer));
    }

    [Fact]
    public void BadWindowsLayersAndQuantitiesAreRefused()
    {
        var series = RiseAndFall();
        var tooLong = Assert.Throws<ArgumentException>(() => InformationPhases.Of(series, "z", window: 6));
        Assert.Contains("at most 5", tooLong.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => InformationPhases.Of(series, "z", window: 0));
        var unknown = Assert.Throws<ArgumentException>(() => InformationPhases.Of(series, "dec9"));
        Assert.Contains("z, enc1", unknown.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => InformationPhases.Of(series, "z", (InformationQuantity)7));
    }

    [Fact]
    public void QuantitiesReadTheirFieldsAndNameThemselves()
    {
        var r = new InformationRecord(0, 0, "z", 3, 2, 1);
        Assert.Equal(3.0, r.ValueOf(InformationQuantity.Entropy));
        Assert.Equal(2.0, r.ValueOf(InformationQuantity.InputInformation));
        Assert.Equal(1.0, r.ValueOf(InformationQuantity.TargetInformation));
        Assert.Equal("I(T;X')", InformationQuantity.TargetInformation.Symbol());
        Assert.Equal("I(T;Y)", InformationQuantity.TargetInformation.Symbol(TargetKind.Labels));
        Assert.Contains("peak 4.000 (iteration 20)", InformationPhases.Of(RiseAndFall(), "z").ToString());
    }
}
