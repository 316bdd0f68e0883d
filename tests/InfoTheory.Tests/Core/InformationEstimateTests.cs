using InfoTheory.Internal;

namespace InfoTheory.Tests.Core;

public class InformationEstimateTests
{
    // Standard normal quantiles from tables (Abramowitz & Stegun 26.2; R's qnorm to 10 digits).
    [Theory]
    [InlineData(0.975, 1.959963985)]
    [InlineData(0.95, 1.644853627)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.995, 2.575829304)]
    [InlineData(0.025, -1.959963985)]
    [InlineData(1e-10, -6.361340902)]
    public void Normal_quantile_matches_tables(double p, double expected) =>
        Assert.Equal(expected, NormalDistribution.Quantile(p), 8);

    [Fact]
    public void Ninety_five_percent_interval_is_value_plus_minus_1_96_standard_errors()
    {
        var e = new InformationEstimate(Information.FromNats(1.0), Information.FromNats(0.1), 100);
        var ci = e.ConfidenceInterval(0.95);
        Assert.Equal(1.0 - 0.1959963985, ci.Low.Nats, 9);
        Assert.Equal(1.0 + 0.1959963985, ci.High.Nats, 9);
        Assert.True(ci.Contains(e.Value));
        Assert.Equal(0.95, ci.Level);
    }

    [Fact]
    public void Interval_without_standard_error_says_to_bootstrap()
    {
        var e = new InformationEstimate(Information.FromNats(1.0));
        var ex = Assert.Throws<InvalidOperationException>(() => e.ConfidenceInterval());
        Assert.Contains("ootstrap", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Bad_levels_are_refused(double level)
    {
        var e = new InformationEstimate(Information.FromNats(1.0), Information.FromNats(0.1));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => e.ConfidenceInterval(level));
        Assert.Equal("level", ex.ParamName);
    }

    [Fact]
    public void Negative_standard_error_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new InformationEstimate(Information.FromNats(1), Information.FromNats(-0.1)));

    // One unit for the value and its error (was "0.0545 bits ± 0.0102 nats").
    [Fact]
    public void ToString_writes_value_and_error_in_one_unit()
    {
        var e = new InformationEstimate(Information.FromNats(Math.Log(2)), Information.FromNats(0.5 * Math.Log(2)));
        Assert.Equal("1 ± 0.5 bits", e.ToString());
        Assert.Equal("0.693 ± 0.347 nats", e.ToString("F3n", null));
        Assert.Equal("1.00 ± 0.50 bits", e.ToString("F2b", null));
        Assert.Equal("1 ± 0.5 bits", $"{e}");
        Assert.Equal("0.693147 nats", new InformationEstimate(Information.FromNats(Math.Log(2))).ToString("n", null));
    }

    [Fact]
    public void ConfidenceInterval_ToString_writes_both_ends_in_one_unit_with_its_level()
    {
        var ci = new ConfidenceInterval(Information.FromBits(0.0631), Information.FromBits(0.913), 0.95);
        Assert.Equal("[0.0631, 0.913] bits (95%)", ci.ToString());
        Assert.Equal("[0.044, 0.633] nats (95%)", ci.ToString("F3n", null));
    }

    [Fact]
    public void Warnings_AreEmptyByDefault_AndComparedByValue()
    {
        var plain = new InformationEstimate(Information.FromNats(1), Information.FromNats(0.1), 10);
        Assert.Empty(plain.Warnings);
        Assert.Equal(plain, plain with { Warnings = [] });
        var warned = plain with { Warnings = [new EstimateWarning("ties", "5 of 10 observations …")] };
        Assert.NotEqual(plain, warned);
        Assert.Equal(warned, plain with { Warnings = new List<EstimateWarning> { new("ties", "5 of 10 observations …") } });
        Assert.Equal(warned.GetHashCode(), (plain with { Warnings = [new EstimateWarning("ties", "5 of 10 observations …")] }).GetHashCode());
        Assert.Equal("ties: 5 of 10 observations …", warned.Warnings[0].ToString());
        Assert.Throws<ArgumentNullException>(() => plain with { Warnings = null! });
    }
}
