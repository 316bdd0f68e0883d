using System.Globalization;

namespace InfoTheory.Tests.Core;

public class InformationTests
{
    [Fact]
    public void OneBitIsLnTwoNats()
    {
        var bit = Information.FromBits(1);
        Assert.Equal(Math.Log(2), bit.Nats, 15);
        Assert.Equal(1, Information.FromNats(Math.Log(2)).Bits, 15);
    }

    [Fact]
    public void ArithmeticKeepsTheUnit()
    {
        var a = Information.FromBits(3);
        var b = Information.FromBits(1);
        Assert.Equal(4, (a + b).Bits, 12);
        Assert.Equal(2, (a - b).Bits, 12);
        Assert.Equal(6, (2 * a).Bits, 12);
        Assert.Equal(1.5, (a / 2).Bits, 12);
        Assert.Equal(3, a / b, 12);
        Assert.True(a > b && b < a && a >= b && b <= a && !(a < b));
        Assert.Equal(-3, (-a).Bits, 12);
        Assert.Equal(a, Information.Max(a, b));
        Assert.Equal(b, Information.Min(a, b));
    }

    [Fact]
    public void FormatsWithItsUnit()
    {
        var i = Information.FromBits(1);
        Assert.Equal("1 bits", i.ToString());
        Assert.Equal("0.693 nats", i.ToString("F3n", CultureInfo.InvariantCulture));
        Assert.Equal("1.000 bits", i.ToString("F3b", CultureInfo.InvariantCulture));
#pragma warning disable CA1305 // the overload without a provider is the one under test (it formats invariantly)
        Assert.Equal("0.6931 nats", i.ToString(InformationUnit.Nats, "F4"));
#pragma warning restore CA1305
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void RefusesNonFiniteAmounts(double value)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Information.FromNats(value));
        Assert.Equal("nats", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Information.FromBits(value));
    }
}
