using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace InfoTheory.Tests.Classical;

/// <summary>Hand-worked values, laws and bad input for the discrete, binning and divergence estimators.</summary>
public class DiscreteTests
{
    private static readonly double Ln2 = Math.Log(2);

    [Fact]
    public void TwoEqualSymbolsGiveLn2()
    {
        var h = Entropy.Discrete([0, 0, 1, 1]);
        Assert.Equal(Ln2, h.Value.Nats, 15);
        Assert.Equal(1.0, h.Value.Bits, 15);
        Assert.Equal(0, h.StandardError!.Value.Nats, 15); // every term −ln p̂ = ln 2: no spread
    }

    [Fact]
    public void MillerMadowAddsMMinusOneOverTwoN()
    {
        // {0,0,1,1}: ln 2 + (2 − 1)/(2·4) = ln 2 + 0.125.
        Assert.Equal(Ln2 + 0.125, Entropy.Discrete([0, 0, 1, 1], DiscreteOptions.MillerMadow).Value.Nats, 15);
        // {0,0,0,1,2,2}: p = (1/2, 1/6, 1/3); m = 3, N = 6: + 2/12.
        double plugIn = -(0.5 * Math.Log(0.5) + Math.Log(1.0 / 6) / 6 + Math.Log(1.0 / 3) / 3);
        Assert.Equal(plugIn, Entropy.Discrete([0, 0, 0, 1, 2, 2]).Value.Nats, 14);
        Assert.Equal(plugIn + 2.0 / 12, Entropy.Discrete([0, 0, 0, 1, 2, 2], DiscreteOptions.MillerMadow).Value.Nats, 14);
    }

    [Fact]
    public void OneSymbolIsZeroNotNaN()
    {
        foreach (var options in new[] { DiscreteOptions.Default, DiscreteOptions.MillerMadow })
        {
            var h = Entropy.Discrete([7, 7, 7, 7, 7], options);
            Assert.Equal(0, h.Value.Nats);
            Assert.Equal(0, h.StandardError!.Value.Nats);
        }

        Assert.Equal(0, Entropy.Discrete([3]).Value.Nats);
        Assert.Equal(0, MutualInformation.Discrete([1, 1, 1], [0, 1, 2]).Value.Nats);
        Assert.Equal(0, Entropy.Binned(new Samples(new double[] { 2, 2, 2, 2 }, 2)).Value.Nats);
    }

    [Fact]
    public void WideSymbolRangesAndHugeBinCountsTakeTheSortingPath()
    {
        // Symbols spanning the whole int range cannot use the direct table.
        Assert.Equal(1.5 * Ln2, Entropy.Discrete([int.MinValue, int.MaxValue, 0, 0]).Value.Nats, 15);
        Assert.Equal(Ln2, MutualInformation.Discrete([int.MinValue, int.MaxValue, int.MinValue, int.MaxValue], [5, -5, 5, -5]).Value.Nats, 15);
        // 10⁸ bins per column: five distinct values land in five bins; pairs of such codes are sorted, not tabled.
        var x = new Samples(new double[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 }, 2);
        Assert.Equal(Math.Log(5), Entropy.Binned(x, new BinningOptions { Bins = 100_000_000 }).Value.Nats, 14);
    }

    [Fact]
    public void ManyColumnsOverflowingTheRadixAreRedensified()
    {
        // 20 columns of integers 0–29 (each column hits 0 and 29): 30 bins map v → v, and 30²⁰ > 2⁶² forces re-densifying.
        // The binned entropy must equal the plug-in entropy of the rows themselves (a different code path).
        var r = new Random(5);
        const int n = 300, d = 20;
        var patterns = Enumerable.Range(0, 50).Select(_ => Enumerable.Range(0, d).Select(_ => (double)r.Next(30)).ToArray()).ToArray();
        var values = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            var row = i < 2 ? Enumerable.Repeat(29.0 * i, d).ToArray() : patterns[r.Next(patterns.Length)];
            row.CopyTo(values, i * d);
        }

        var x = new Samples(values, d);
        double rows = new DiscreteEntropy().Estimate(x).Value.Nats;
        Assert.Equal(rows, Entropy.Binned(x, new BinningOptions { Bins = 30 }).Value.Nats, 13);
        Assert.True(rows < Math.Log(53)); // at most 52 distinct rows, most repeated: the coding matters
    }

    [Fact]
    public void RowsAreSymbolsByExactEquality()
    {
        // Rows (0,1), (0,1), (1,0), (−0,1): three of one, one of another; −0 equals +0.
        var rows = new Samples(new double[] { 0, 1, 0, 1, 1, 0, -0.0, 1 }, 2);
        double expected = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        Assert.Equal(expected, new DiscreteEntropy().Estimate(rows).Value.Nats, 15);
    }

    [Fact]
    public void MutualInformationOfACopyIsTheEntropyAndOfIndependentSymbolsZero()
    {
        int[] x = [0, 1, 2, 3, 0, 1, 2, 3];
        Assert.Equal(Math.Log(4), MutualInformation.Discrete(x, x).Value.Nats, 14);
        // x and y independent by construction: every (x, y) pair once.
        int[] a = [0, 0, 1, 1], b = [0, 1, 0, 1];
        Assert.Equal(0, MutualInformation.Discrete(a, b).Value.Nats, 15);
        // Miller–Madow: + (2 − 1 + 2 − 1 − (4 − 1))/(2·4) = −1/8: below 0, as documented.
        Assert.Equal(-0.125, MutualInformation.Discrete(a, b, DiscreteOptions.MillerMadow).Value.Nats, 15);
    }

    [Fact]
    public void BinningWorkedExample()
    {
        // Column over [0, 1] in 2 bins: [0, 0.5), [0.5, 1]; the maximum goes into the last bin.
        var x = Samples.FromColumn(new double[] { 0, 0.2, 0.5, 1 });
        Assert.Equal(Ln2, Entropy.Binned(x, new BinningOptions { Bins = 2 }).Value.Nats, 15);
        // 4 bins: 0 and 0.2 share bin 0; 0.5 → bin 2; 1 → bin 3: p = (1/2, 1/4, 1/4).
        Assert.Equal(1.5 * Ln2, Entropy.Binned(x, new BinningOptions { Bins = 4 }).Value.Nats, 15);
        // One bin: everything together.
        Assert.Equal(0, Entropy.Binned(x, new BinningOptions { Bins = 1 }).Value.Nats);
    }

    [Fact]
    public void LayerRangeSharesOneGridAcrossColumns()
    {
        // Column 0 spans [0, 1], column 1 spans [0, 10]. Per column with 2 bins: rows (0,0),(0,0)... differ from layer-wide.
        var t = new Samples(new double[] { 0, 0, 1, 10, 0.9, 1, 0.1, 9 }, 2);
        // Per column: column 0 bins (0,1,1,0); column 1 bins (0,1,0,1) → patterns (0,0),(1,1),(1,0),(0,1): 4 distinct.
        Assert.Equal(Math.Log(4), Entropy.Binned(t, new BinningOptions { Bins = 2 }).Value.Nats, 15);
        // Layer range [0, 10]: column 0 always bin 0; column 1 bins (0,1,0,1) → 2 patterns.
        Assert.Equal(Ln2, Entropy.Binned(t, new BinningOptions { Bins = 2, Range = BinRange.Layer }).Value.Nats, 15);
    }

    [Fact]
    public void ShwartzZivTishbyLayerEstimator()
    {
        // Activations in [−1, 1] of 8 distinct inputs; 2 bins over the layer range split at 0.
        double[] t = [-0.9, -0.5, -0.8, 0.7, 0.6, -0.2, 0.9, 0.8, -0.3, -0.4, 0.2, 0.1, -0.6, 0.3, 0.5, -0.7];
        var layer = new Samples(t, 2);
        int[] labels = [0, 0, 1, 1, 0, 0, 1, 1];
        var result = new LayerBinning(new BinningOptions { Bins = 2 }).Estimate(layer, labels);
        // Rows → patterns (0,0),(0,1),(1,0),(1,1),(0,0),(1,1),(0,1),(1,0): four patterns, twice each.
        double h = Math.Log(4);
        Assert.Equal(h, result.Input.Value.Nats, 14);
        Assert.Equal(h, result.LayerEntropy.Value.Nats, 14);
        Assert.Equal([4], result.LayerEntropy.DiagnosticsAs<BinningDiagnostics>().Patterns);
        // I(T;Y) = H(T) − H(T|Y): label 0 rows {0,1,4,5} → (0,0),(0,1),(0,0),(1,1): H = 1.5 ln 2;
        // label 1 rows {2,3,6,7} → (1,0),(1,1),(0,1),(1,0): H = 1.5 ln 2. So I(T;Y) = ln 4 − 1.5 ln 2 = ½ ln 2.
        Assert.Equal(h - 1.5 * Ln2, result.Label.Value.Nats, 14);
        // With the inputs given and all distinct, I(X;T) = H(T) as well.
        var x = Samples.FromColumn(Enumerable.Range(0, 8).Select(i => (double)i).ToArray());
        Assert.Equal(h, new LayerBinning(new BinningOptions { Bins = 2 }).Estimate(x, layer, labels).Input.Value.Nats, 14);
    }

    [Fact]
    public void LayerEstimatorWithRepeatedInputsSubtractsHTGivenX()
    {
        // Two inputs, each seen twice, mapped deterministically → I(X;T) = H(X) = ln 2 even though T has 2 patterns.
        var x = Samples.FromColumn(new double[] { 1, 2, 1, 2 });
        var layer = Samples.FromColumn(new double[] { -1, 1, -1, 1 });
        var r = new LayerBinning().Estimate(x, layer, [0, 1, 0, 1]);
        Assert.Equal(Ln2, r.Input.Value.Nats, 15);
        Assert.Equal(Ln2, r.Label.Value.Nats, 15);
    }

    [Fact]
    public void DivergenceHandWorkedAndZeroForEqualDistributions()
    {
        // D((1/2,1/2) ‖ (1/4,3/4)) = ½ ln 2 + ½ ln(2/3).
        var kl = new DiscreteDivergence();
        Assert.Equal(0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3), kl.Estimate(new double[] { 1, 1 }, new double[] { 1, 3 }).Value.Nats, 15);
        Assert.Equal(0, kl.Estimate(new double[] { 2, 3, 5 }, new double[] { 20, 30, 50 }).Value.Nats, 15);
        // Symbols: P = {0,0,1,1}, Q = {0,1,1,1}.
        Assert.Equal(0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3), kl.Estimate([0, 0, 1, 1], [0, 1, 1, 1]).Value.Nats, 15);
        // p_i = 0 where q_i > 0 is fine (0·ln 0 = 0).
        Assert.Equal(Math.Log(2), kl.Estimate(new double[] { 1, 0 }, new double[] { 1, 1 }).Value.Nats, 15);
    }

    [Fact]
    public void DivergenceWithUnsupportedMassThrowsAndExplains()
    {
        var kl = new DiscreteDivergence();
        var e = Assert.Throws<ArgumentException>(() => kl.Estimate(new double[] { 1, 1 }, new double[] { 1, 0 }));
        Assert.Contains("category 1", e.Message);
        Assert.Contains("+∞", e.Message);
        Assert.Contains("Pseudocount", e.Message);
        e = Assert.Throws<ArgumentException>(() => kl.Estimate([0, 5], [0, 0]));
        Assert.Contains("symbol 5", e.Message);
        // With a pseudocount it is finite: p = (1.5, 1.5)/3, q = (1.5, 0.5)/2.
        var smoothed = new DiscreteDivergence(new DiscreteDivergenceOptions { Pseudocount = 0.5 });
        double expected = 0.5 * Math.Log(0.5 / 0.75) + 0.5 * Math.Log(0.5 / 0.25);
        Assert.Equal(expected, smoothed.Estimate(new double[] { 1, 1 }, new double[] { 1, 0 }).Value.Nats, 15);
    }

    [Fact]
    public void HistogramDivergenceOfSamplesUsesOneSharedGrid()
    {
        // P on [0, 1), Q on [0, 2]: 2 bins over [0, 2]: P all in bin 0; Q half and half → D = ln 2.
        var p = Samples.FromColumn(new double[] { 0.1, 0.5, 0.9, 0.2 });
        var q = Samples.FromColumn(new double[] { 0.1, 1.5, 0.4, 2.0 });
        var kl = new DiscreteDivergence(new DiscreteDivergenceOptions { Binning = new BinningOptions { Bins = 2 } });
        Assert.Equal(Math.Log(2), kl.Estimate(p, q).Value.Nats, 15);
        Assert.Throws<ArgumentException>(() => kl.Estimate(q, p)); // Q has mass in bin 1, P none.
        var e = Assert.Throws<ArgumentException>(() => kl.Estimate(p, new Samples(new double[] { 1, 2 }, 2)));
        Assert.Contains("dimension", e.Message);
    }

    private static Arbitrary<int[]> SymbolArrays() =>
        ArbMap.Default.GeneratorFor<int>().Select(v => Math.Abs(v % 12)).ArrayOf().Where(a => a.Length > 0).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property PlugInEntropyLiesBetweenZeroAndLnM() =>
        Prop.ForAll(SymbolArrays(), symbols =>
        {
            double h = Entropy.Discrete(symbols).Value.Nats;
            int m = symbols.Distinct().Count();
            return h >= 0 && h <= Math.Log(m) + 1e-12;
        });

    [Property(MaxTest = 200)]
    public Property EntropyIsInvariantToRelabellingAndOrder() =>
        Prop.ForAll(SymbolArrays(), symbols =>
        {
            double h = Entropy.Discrete(symbols).Value.Nats;
            var relabelled = symbols.Select(s => 1000 - 7 * s).Reverse().ToArray();
            return Math.Abs(h - Entropy.Discrete(relabelled).Value.Nats) < 1e-12;
        });

    [Property(MaxTest = 200)]
    public Property MutualInformationIsSymmetricAndBoundedByTheEntropies() =>
        Prop.ForAll(SymbolArrays(), SymbolArrays(), (a, b) =>
        {
            int n = Math.Min(a.Length, b.Length);
            var x = a[..n];
            var y = b[..n];
            double ixy = MutualInformation.Discrete(x, y).Value.Nats;
            double iyx = MutualInformation.Discrete(y, x).Value.Nats;
            double hx = Entropy.Discrete(x).Value.Nats, hy = Entropy.Discrete(y).Value.Nats;
            return Math.Abs(ixy - iyx) < 1e-12 && ixy >= 0 && ixy <= Math.Min(hx, hy) + 1e-12;
        });

    [Property(MaxTest = 100)]
    public Property BinnedEntropyIsInvariantToSamplePermutationAndIncreasingAffineMaps() =>
        Prop.ForAll(ArbMap.Default.ArbFor<int>(), seed =>
        {
            var x = TestData.Gaussian(200, 2, seed);
            double h = Entropy.Binned(x).Value.Nats;
            var order = Enumerable.Range(0, x.Count).ToArray();
            new Random(seed).Shuffle(order);
            // 2x + 1 keeps every bin in place (per-column ranges move with the data); use exact powers of 2.
            var scaled = new Samples(x.ToArray().Select(v => 4 * v + 1).ToArray(), 2);
            return Math.Abs(h - Entropy.Binned(x.Select(order)).Value.Nats) < 1e-12
                && Math.Abs(h - Entropy.Binned(scaled).Value.Nats) < 1e-12
                && h <= Math.Log(200) + 1e-12;
        });

    [Fact]
    public void BadInputIsRefusedWithTheFix()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new BinningOptions { Bins = 0 });
        Assert.Equal("Bins", e1.ParamName);
        Assert.Contains("bins = 0", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Entropy.Discrete(ReadOnlySpan<int>.Empty));
        Assert.Contains("at least one symbol", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => MutualInformation.Discrete([1, 2, 3], [1, 2]));
        Assert.Contains("x has 3 symbols but y has 2", e3.Message);
        var nan = Samples.FromColumn(new[] { 1.0, double.NaN, 2 });
        var e4 = Assert.Throws<ArgumentException>(() => Entropy.Binned(nan));
        Assert.Contains("NaN at observation 1", e4.Message);
        var e5 = Assert.Throws<ArgumentException>(() => MutualInformation.Binned(Samples.FromColumn(new double[] { 1, 2 }), Samples.FromColumn(new double[] { 1, 2, 3 })));
        Assert.Contains("x has 2 samples but y has 3", e5.Message);
        var outside = new BinningOptions { Range = BinRange.Fixed, Minimum = -1, Maximum = 1 };
        var e6 = Assert.Throws<ArgumentException>(() => Entropy.Binned(Samples.FromColumn(new double[] { 0, 1.5 }), outside));
        Assert.Contains("outside the fixed bin range", e6.Message);
        Assert.Throws<ArgumentException>(() => Entropy.Binned(Samples.FromColumn(new double[] { 0, 0.5 }), outside with { Minimum = 1, Maximum = 1 }));
        Assert.Throws<ArgumentException>(() => new LayerBinning().Estimate(Samples.FromColumn(new double[] { 1, 2 }), [0]));
        Assert.Throws<ArgumentException>(() => new DiscreteDivergence().Estimate(new double[] { 1, -1 }, new double[] { 1, 1 }));
        Assert.Throws<ArgumentException>(() => new DiscreteDivergence().Estimate(new double[] { 1 }, new double[] { 1, 1 }));
        Assert.Throws<ArgumentException>(() => new DiscreteDivergence().Estimate(new double[] { 0, 0 }, new double[] { 1, 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscreteDivergenceOptions { Pseudocount = -1 });
    }
}
