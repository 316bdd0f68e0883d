using System.Text.RegularExpressions;

namespace InfoTheory.Tests.MatrixRenyi;

/// <summary>
/// Issue #12 for the matrix-based Rényi estimators: α over its whole range, data anywhere in the finite double range,
/// one memory budget per call planned before allocating, and inputs snapshotted once.
/// </summary>
public sealed class RangeAndBudgetTests
{
    private static readonly Samples X = TestData.Gaussian(120, 3, 1);
    private static readonly Samples Y = TestData.Dependent(X, 2, 2);

    private static Samples Scaled(Samples s, double factor) => new(s.ToArray().Select(v => v * factor).ToArray(), s.Dimensions);

    // ---- α ----

    [Theory]
    [InlineData(1e4)]
    [InlineData(1e6)]
    [InlineData(1e300)]
    public void LargeAlphaTendsToMinusLogLambdaMax(double alpha)
    {
        // S_α → −ln λ_max(A) as α → ∞ (α/(α−1) → 1); α = 1e4 used to be an internal error (Σλ^α underflowed to 0).
        var o = new MatrixRenyiOptions { Alpha = alpha };
        double s = Entropy.MatrixRenyi(X, o).Value.Nats;
        double lambdaMax = LargestEigenvalueOfA(X, o);
        double expected = alpha / (alpha - 1) * -Math.Log(lambdaMax);
        Assert.Equal(expected, s, 1e-9);
        Assert.True(s < Entropy.MatrixRenyi(X, o with { Alpha = 100 }).Value.Nats, "S_α falls as α grows");
    }

    [Fact]
    public void AlphaBetweenOneAndTwoIsUnchangedByTheStableSum()
    {
        // The relative power sum is the same number as before for ordinary α: S_1.01 against MathNet's spectrum.
        var o = new MatrixRenyiOptions { Alpha = 1.5 };
        var a = UnitGramOverN(X, o);
        var evd = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(a).Evd().EigenValues.Select(z => Math.Max(z.Real, 0));
        double expected = Math.Log(evd.Sum(l => Math.Pow(l, 1.5))) / (1 - 1.5);
        Assert.Equal(expected, Entropy.MatrixRenyi(X, o).Value.Nats, 1e-10);
    }

    [Fact]
    public void TinyAlphaIsRefusedWithTheSmallestAlphaTheSpectrumSupports()
    {
        // α = 1e-9 counted eigenvalues that were positive only by round-off (7.18 bits at N = 500 in the issue). A wide
        // kernel makes the spectrum fall below round-off quickly.
        var smooth = new MatrixRenyiOptions { Alpha = 1e-9, Bandwidth = Bandwidth.Fixed(10) };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Entropy.MatrixRenyi(X, smooth));
        Assert.Equal("alpha", e.ParamName);
        Assert.Contains("below the solver's round-off", e.Message);
        var m = Regex.Match(e.Message, @"supports within 0\.01 nats is about ([0-9.eE+-]+)");
        Assert.True(m.Success, e.Message);
        double smallest = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(smallest, 1e-6, 1);
        // The bound it names is honest: slightly above it the estimate is given.
        var fine = Entropy.MatrixRenyi(X, smooth with { Alpha = Math.Min(0.999, smallest * 1.01) });
        Assert.True(fine.Value.Nats > 0);
    }

    [Fact]
    public void ModerateAlphaBelowOneIsStillComputed() =>
        Assert.True(Entropy.MatrixRenyi(X, new MatrixRenyiOptions { Alpha = 0.5 }).Value.Nats > 0);

    // ---- scale ----

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-300)]
    [InlineData(1e150)]
    [InlineData(9.332636185032189e-302)] // 2^−1000
    public void TheMedianRuleFollowsTheDataAtAnyScale(double factor)
    {
        // The Gram of c·X with the median width is the Gram of X: the same entropy and MI, the width times c.
        var o = new MatrixRenyiOptions { Bandwidth = Bandwidth.Median() };
        var plain = MutualInformation.MatrixRenyi(X, Y, o);
        var scaled = MutualInformation.MatrixRenyi(Scaled(X, factor), Scaled(Y, factor), o);
        Assert.Equal(plain.Value.Nats, scaled.Value.Nats, 1e-9);
        Assert.Equal(plain.DiagnosticsAs<RenyiDiagnostics>().Widths[0] * factor, scaled.DiagnosticsAs<RenyiDiagnostics>().Widths[0], Math.Abs(plain.DiagnosticsAs<RenyiDiagnostics>().Widths[0] * factor) * 1e-12);
        Assert.Equal(Entropy.MatrixRenyi(X, o).Value.Nats, Entropy.MatrixRenyi(Scaled(X, factor), o).Value.Nats, 1e-9);
    }

    [Fact]
    public void PowersOfTwoAreExact()
    {
        var o = new MatrixRenyiOptions { Bandwidth = Bandwidth.Median(), Alpha = 2 };
        Assert.Equal(Entropy.MatrixRenyi(X, o).Value.Nats, Entropy.MatrixRenyi(Scaled(X, Math.ScaleB(1.0, -900)), o).Value.Nats);
        var fixedWidth = new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(0.75) };
        var viaScale = new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(0.75 * Math.ScaleB(1.0, 40)) };
        Assert.Equal(Entropy.MatrixRenyi(X, fixedWidth).Value.Nats, Entropy.MatrixRenyi(Scaled(X, Math.ScaleB(1.0, 40)), viaScale).Value.Nats);
    }

    [Theory]
    [InlineData(1e300, "smaller")]
    [InlineData(1e-300, "larger")]
    public void AWidthAbsurdlyFarFromTheDataScaleIsRefused(double factor, string direction)
    {
        // Silverman's σ ≈ 2 does not follow the data: at 1e±300 every kernel value would be 0 (or 1) whatever the data.
        var e = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(Scaled(X, factor)));
        Assert.Contains($"more than 1e150 times {direction} than the scale of", e.Message);
        Assert.Equal("Bandwidth", e.ParamName);
        var f = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(Scaled(X, factor), new MatrixRenyiOptions { Bandwidth = Bandwidth.Fixed(1) }));
        Assert.Equal("sigma", f.ParamName);
    }

    // ---- memory ----

    [Fact]
    public void MutualInformationPlansThreeMatricesAndNamesWhatFits()
    {
        // N = 120: one matrix is 115,200 bytes; MI holds K_X, K_Y and their product.
        var tight = new MatrixRenyiOptions { MaxMemoryBytes = 300_000 };
        var e = Assert.Throws<ArgumentException>(() => MutualInformation.MatrixRenyi(X, Y, tight));
        Assert.Contains("N = 120 observations: ", e.Message);
        Assert.Contains("3 N×N matrices", e.Message);
        Assert.Contains("alpha = 2", e.Message);
        int fits = int.Parse(Regex.Match(e.Message, @"N ≤ ([0-9,]+)").Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(fits, 2, 119);
        // What the message says fits, fits; one more does not.
        var first = new Samples(X.ToArray().AsMemory(0, fits * 3), 3);
        var firstY = new Samples(Y.ToArray().AsMemory(0, fits * 2), 2);
        Assert.True(MutualInformation.MatrixRenyi(first, firstY, tight).Value.Nats >= 0);
        var more = new Samples(X.ToArray().AsMemory(0, (fits + 1) * 3), 3);
        var moreY = new Samples(Y.ToArray().AsMemory(0, (fits + 1) * 2), 2);
        Assert.Throws<ArgumentException>(() => MutualInformation.MatrixRenyi(more, moreY, tight));
        // α = 2 with a Silverman width streams: no N×N matrix, so it fits.
        Assert.True(MutualInformation.MatrixRenyi(X, Y, tight with { Alpha = 2 }).Value.Nats >= 0);
    }

    [Fact]
    public void SmallBudgetsAreWrittenInTheirOwnUnit()
    {
        // A budget under 1 MiB used to read "0 MiB".
        var e = Assert.Throws<ArgumentException>(() => Entropy.MatrixRenyi(X, new MatrixRenyiOptions { MaxMemoryBytes = 10_000 }));
        Assert.Contains("left for it, 9.77 KiB", e.Message);
        Assert.DoesNotContain(" 0 MiB", e.Message);
    }

    [Fact]
    public void AnEntropyWorksOnItsGramInPlace()
    {
        // One matrix (115,200 bytes) plus snapshots and workspace fits where two would not.
        long oneMatrix = 120L * 120 * 8;
        var options = new MatrixRenyiOptions { MaxMemoryBytes = oneMatrix + 400_000 };
        Assert.True(oneMatrix * 2 + 0 > 0);
        Assert.True(Entropy.MatrixRenyi(X, options).Value.Nats > 0);
    }

    [Fact]
    public void ThePidPassPlansItsGramsAndProducts()
    {
        var layer = TestData.Layer(X, 4, 4, 9);
        var e = Assert.Throws<ArgumentException>(() =>
            PartialInformation.Proxies(X, layer, new PidOptions { Renyi = new MatrixRenyiOptions { MaxMemoryBytes = 500_000 } }));
        Assert.Contains("The PID pass over C = 4 maps", e.Message);
    }

    // ---- snapshots ----

    [Fact]
    public void TheEstimateWorksOnASnapshot()
    {
        // A buffer the caller changes after the call starts cannot reach the Gram: the engine works on a copy made once.
        var buffer = X.ToArray();
        var input = RenyiEngine.Prepare(new Samples(buffer, 3), "x");
        double before = input.Values[0, 0];
        buffer[0] = double.NaN;
        Assert.Equal(before, input.Values[0, 0]);
        Assert.Throws<ArgumentException>(() => RenyiEngine.Prepare(new Samples(buffer, 3), "x"));
    }

    private static double[,] UnitGramOverN(Samples x, MatrixRenyiOptions o)
    {
        var (k, _) = RenyiEngine.UnitGram(x, o);
        int n = x.Count;
        var a = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                a[i, j] = k[i * n + j] / n;
            }
        }

        return a;
    }

    private static double LargestEigenvalueOfA(Samples x, MatrixRenyiOptions o) =>
        MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(UnitGramOverN(x, o)).Evd().EigenValues.Max(z => z.Real);
}
