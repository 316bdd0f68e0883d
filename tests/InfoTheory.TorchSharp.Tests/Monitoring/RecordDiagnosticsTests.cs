namespace InfoTheory.TorchSharp.Tests.Monitoring;

/// <summary>
/// What a monitor's records carry beyond the values: the width checks of the I(X;T) estimate (X and the layer T) on the
/// matrix-Rényi path, null for other estimators, and the H(T) band from the same disjoint probe parts as the other bands.
/// </summary>
public class RecordDiagnosticsTests
{
    [Fact]
    public void MatrixRenyiRecordsCarryTheWidthChecksOfTheInputInformationEstimate()
    {
        var (x, y, t) = InformationBandTests.Probe(120, 3);
        var m = InformationPlane.Compute(x, y, [t])[0];
        var record = m.ToRecord(1, 10);
        var checks = Assert.IsType<RenyiDiagnostics>(m.InputInformation.Diagnostics).WidthChecks;
        Assert.Same(checks[0], record.InputWidthCheck);
        Assert.Same(checks[1], record.LayerWidthCheck);

        // The same checks as the library's own I(X;T) on these samples, and S(T)/log N is the record's H(T).
        var alone = Assert.IsType<RenyiDiagnostics>(MutualInformation.MatrixRenyi(x, t.AsSamples(), InformationPlaneOptions.Default.Renyi).Diagnostics).WidthChecks;
        foreach (var (got, want) in new[] { (record.InputWidthCheck!, alone[0]), (record.LayerWidthCheck!, alone[1]) })
        {
            Assert.Equal(want.Sigma, got.Sigma, 12);
            Assert.Equal(want.MedianDistance, got.MedianDistance, 12);
            Assert.Equal(want.SigmaOverMedian, got.SigmaOverMedian, 12);
            Assert.Equal(want.EntropyOverLogN!.Value, got.EntropyOverLogN!.Value, 9);
        }

        Assert.Equal(record.Entropy * Math.Log(2) / Math.Log(120), record.LayerWidthCheck!.EntropyOverLogN!.Value, 9);
        Assert.InRange(record.LayerWidthCheck.SigmaOverMedian, 0.1, 10); // standard-normal-scale data, Silverman h = 5
        Assert.False(record.WidthDominated);
    }

    [Fact]
    public void ShrunkenActivationsMakeTheRecordWidthDominated()
    {
        // The layer scaled by 10⁻³: σ (Silverman, scale-blind) stays, the distances shrink, σ/median grows 1000-fold.
        var (x, y, t) = InformationBandTests.Probe(120, 3);
        var shrunk = new CapturedTensor("t", t.Shape, [.. t.Values.Select(v => v * 1e-3)]);
        var record = InformationPlane.Compute(x, y, [shrunk])[0].ToRecord(0, 0);
        Assert.True(record.LayerWidthCheck!.WidthDominated);
        Assert.True(record.LayerWidthCheck.SigmaOverMedian >= WidthCheck.FlatRatio);
        Assert.False(record.InputWidthCheck!.WidthDominated);
        Assert.True(record.WidthDominated);
    }

    [Fact]
    public void KsgAndOtherEstimatorsLeaveTheWidthChecksNull()
    {
        var (x, y, t) = InformationBandTests.Probe(120, 3);
        var options = new InformationPlaneOptions { EntropyEstimator = new KozachenkoLeonenkoEntropy(), MutualInformationEstimator = new KsgMutualInformation() };
        var record = InformationPlane.Compute(x, y, [t], options: options)[0].ToRecord(0, 0);
        Assert.Null(record.LayerWidthCheck);
        Assert.Null(record.InputWidthCheck);
        Assert.False(record.WidthDominated);

        var csv = new InformationSeries(TargetKind.Values, [record]).ToCsv().Split('\n')[2];
        Assert.EndsWith(",,,,,,,,,,", csv, StringComparison.Ordinal); // the ten width cells empty
    }

    [Fact]
    public void TheEntropyBandComesFromTheSameDisjointPartsAsTheOtherBands()
    {
        // N = 103, B = 4: parts of 25 rows of the permutation Random(seed).Shuffle gives (as the I(X;T) and I(T;Y) bands).
        var (x, y, t) = InformationBandTests.Probe(103, 5);
        var options = new InformationPlaneOptions { ProbeBatches = 4, Seed = 11 };
        var m = InformationPlane.Compute(x, y, [t], options: options)[0];
        var order = Enumerable.Range(0, 103).ToArray();
        new Random(11).Shuffle(order);
        for (int b = 0; b < 4; b++)
        {
            var rows = order[(25 * b)..(25 * (b + 1))];
            var tb = t.AsSamples().Select(rows);
            Assert.Equal(Entropy.MatrixRenyi(tb, options.Renyi).Value.Nats, m.EntropyBatches![b].Value.Nats, 9);
            Assert.Equal(25, m.EntropyBatches[b].SampleCount);
        }

        var record = m.ToRecord(0, 0);
        var band = record.EntropyBand!;
        Assert.Equal(m.EntropyBatches!.Select(e => e.Value.Bits), band.Batches);
        Assert.Equal(InformationBand.Predict(record.Entropy, band.Batches), band);
        Assert.True(band.Low < record.Entropy && record.Entropy < band.High, $"{band.Low} < {record.Entropy} < {band.High}");
        Assert.Same(band, record.BandOf(InformationQuantity.Entropy));
        Assert.NotNull(record.InputInformationBand);
        Assert.NotNull(record.TargetInformationBand);

        // Without bands there is none; with plug-in estimators the band is theirs (H(T) by Kozachenko–Leonenko here).
        Assert.Null(InformationPlane.Compute(x, y, [t])[0].ToRecord(0, 0).EntropyBand);
        var kl = new KozachenkoLeonenkoEntropy();
        var plugIn = InformationPlane.Compute(x, y, [t], options: options with { EntropyEstimator = kl, MutualInformationEstimator = new KsgMutualInformation() })[0];
        var first = order[..25];
        var tb0 = t.AsSamples().Select(first);
        Assert.Equal(kl.Estimate(tb0).Value.Nats, plugIn.EntropyBatches![0].Value.Nats, 12);
        var plugInBand = plugIn.ToRecord(0, 0).EntropyBand!;
        Assert.InRange(plugIn.Entropy.Value.Bits, plugInBand.Low, plugInBand.High);
    }
}
