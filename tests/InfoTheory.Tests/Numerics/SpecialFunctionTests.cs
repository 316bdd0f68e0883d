using System.Text.Json;
using InfoTheory.Internal;

namespace InfoTheory.Tests.Numerics;

/// <summary>
/// ψ, ln Γ, Φ and Φ⁻¹ against mpmath (Reference/numerics/special-functions.json, made by make_special_functions.py beside
/// it: each value correctly rounded at the exact double argument), and against closed forms (DLMF / Abramowitz &amp; Stegun).
/// </summary>
public class SpecialFunctionTests
{
    private const double EulerGamma = 0.57721566490153286061; // A&S 6.1.3

    public static TheoryData<string, double, double> Table(string function)
    {
        using var stream = File.OpenRead(TestData.ReferencePath(Path.Combine("numerics", "special-functions.json")));
        using var json = JsonDocument.Parse(stream);
        var data = new TheoryData<string, double, double>();
        foreach (var row in json.RootElement.GetProperty(function).EnumerateArray())
        {
            data.Add(function, row[0].GetDouble(), row[1].GetDouble());
        }

        return data;
    }

    public static TheoryData<string, double, double> Digammas => Table("digamma");

    public static TheoryData<string, double, double> LogGammas => Table("log_gamma");

    public static TheoryData<string, double, double> NormalCdfs => Table("normal_cdf");

    public static TheoryData<string, double, double> NormalQuantiles => Table("normal_quantile");

    // Relative error bounds, a little above the worst case over the table (2026-12-04: ψ 1.4e-15 at 1.75, where the
    // recurrence's 1/x terms and ln(x + 9) cancel; ln Γ 1.3e-15 at −2.5; Φ 4.4e-16 at −37; Φ⁻¹ 3.3e-16 at 1e-100).
    [Theory]
    [MemberData(nameof(Digammas))]
    [MemberData(nameof(LogGammas))]
    [MemberData(nameof(NormalCdfs))]
    [MemberData(nameof(NormalQuantiles))]
    public void MatchesMpmath(string function, double x, double expected)
    {
        (double actual, double bound) = function switch
        {
            // Negative arguments: ψ(1 − x) and π cot(πx) nearly cancel near ψ's negative zeros; none is in the table.
            "digamma" => (SpecialFunctions.Digamma(x), 2e-15),
            "log_gamma" => (SpecialFunctions.LogGamma(x), 2e-15),
            "normal_cdf" => (NormalDistribution.Cdf(x), 1e-15),
            _ => (NormalDistribution.Quantile(x), 1e-15),
        };
        Assert.True(Math.Abs(actual - expected) <= bound * Math.Abs(expected), $"{function}({x:R}) = {actual:R}, mpmath {expected:R}: relative error {Math.Abs(actual / expected - 1):G3}");
    }

    [Fact]
    public void DigammaClosedForms()
    {
        // Relative 1e-15: ψ(1) is 7.8e-16 off (the cancellation of the recurrence, as in the table above).
        Assert.Equal(-EulerGamma, SpecialFunctions.Digamma(1), 1e-15 * EulerGamma);                     // A&S 6.3.2
        Assert.Equal(-EulerGamma - 2 * Math.Log(2), SpecialFunctions.Digamma(0.5), 2e-15);              // A&S 6.3.3
        double harmonic = 0;
        for (int n = 1; n < 60; n++)
        {
            // ψ(n + 1) = −γ + Σ_{k≤n} 1/k (A&S 6.3.2); ψ(n + ½) = −γ − 2 ln 2 + 2 Σ_{k≤n} 1/(2k − 1) (A&S 6.3.4).
            harmonic += 1.0 / n;
            Assert.Equal(-EulerGamma + harmonic, SpecialFunctions.Digamma(n + 1), 1e-15 * Math.Abs(harmonic - EulerGamma));
        }

        // Reflection at half-integers, where π cot(πx) = 0: ψ(−n − ½) = ψ(n + 3/2).
        foreach (int n in new[] { 0, 1, 7, 40 })
        {
            Assert.Equal(SpecialFunctions.Digamma(n + 1.5), SpecialFunctions.Digamma(-n - 0.5));
        }
    }

    [Fact]
    public void LogGammaClosedForms()
    {
        Assert.Equal(0.0, SpecialFunctions.LogGamma(1));
        Assert.Equal(0.0, SpecialFunctions.LogGamma(2));
        Assert.Equal(0.5 * Math.Log(Math.PI), SpecialFunctions.LogGamma(0.5), 2e-16);                  // Γ(½) = √π
        double logFactorial = 0;
        for (int n = 2; n <= 170; n++)
        {
            // Γ(n + 1) = n!; ln n! by the sum of logs (a few ulps for these n).
            logFactorial += Math.Log(n);
            Assert.Equal(logFactorial, SpecialFunctions.LogGamma(n + 1), 2e-15 * logFactorial);
        }

        // The recurrence across the branch points of the implementation (½, 1.5, 2.5, 10).
        foreach (double x in new[] { 0.49, 0.5, 0.51, 1.49, 1.5, 1.51, 2.49, 2.5, 2.51, 9.99, 10, 10.01 })
        {
            Assert.Equal(SpecialFunctions.LogGamma(x) + Math.Log(x), SpecialFunctions.LogGamma(x + 1), 4e-16 * Math.Max(1, Math.Abs(SpecialFunctions.LogGamma(x + 1))));
        }
    }

    [Fact]
    public void PolesAndLimits()
    {
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.Digamma(0.0));   // from the right
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Digamma(-0.0));  // from the left
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(-3)));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(double.NegativeInfinity)));
        Assert.True(double.IsNaN(SpecialFunctions.Digamma(double.NaN)));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.Digamma(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(0.0));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(-4));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, SpecialFunctions.LogGamma(1e306)); // ln Γ overflows the double range
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(double.NegativeInfinity)));
        Assert.True(double.IsNaN(SpecialFunctions.LogGamma(double.NaN)));
    }
}
