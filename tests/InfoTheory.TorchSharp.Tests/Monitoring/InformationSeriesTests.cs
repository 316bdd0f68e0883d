namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class InformationSeriesTests
{
    private static InformationSeries Sample() => new(TargetKind.Labels,
    [
        new InformationRecord(0, 0, "enc1", 0.1 + 0.2, 1e-300, -0.0) { Loss = double.NaN },
        new InformationRecord(0, 0, "odd, \"name\"", Math.PI, Math.E, 1.0 / 3)
        {
            Mmi = 5e-324, Rst = -1.2345678901234567, Wnri = double.MaxValue, RstPercent = 12.5, WnriPercent = 87.5,
            Saturated = true, ErrorInformation = 0.7, Loss = double.PositiveInfinity,
        },
        new InformationRecord(3, 120, "z", 2, 1, 0.5) { Loss = 0.0123 },
    ]);

    private static void AssertSame(InformationSeries expected, InformationSeries actual)
    {
        Assert.Equal(expected.Target, actual.Target);
        Assert.Equal(expected.Records.Count, actual.Records.Count);
        for (int i = 0; i < expected.Records.Count; i++)
        {
            var (a, b) = (expected.Records[i], actual.Records[i]);
            Assert.Equal(a.Layer, b.Layer);
            Assert.Equal((a.Epoch, a.Iteration, a.Saturated), (b.Epoch, b.Iteration, b.Saturated));
            double?[] va = [a.Entropy, a.InputInformation, a.TargetInformation, a.Mmi, a.Rst, a.Wnri, a.RstPercent, a.WnriPercent, a.ErrorInformation, a.Loss];
            double?[] vb = [b.Entropy, b.InputInformation, b.TargetInformation, b.Mmi, b.Rst, b.Wnri, b.RstPercent, b.WnriPercent, b.ErrorInformation, b.Loss];
            for (int k = 0; k < va.Length; k++)
            {
                Assert.Equal(va[k].HasValue, vb[k].HasValue);
                if (va[k] is { } x)
                {
                    Assert.Equal(BitConverter.DoubleToInt64Bits(x), BitConverter.DoubleToInt64Bits(vb[k]!.Value));
                }
            }
        }
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".json")]
    [InlineData(".CSV")]
    public void SaveLoadRoundTripsExactly(string extension)
    {
        var path = Path.Combine(Path.GetTempPath(), $"infotheory-series-{Guid.NewGuid():N}{extension}");
        try
        {
            var series = Sample();
            series.Save(path);
            AssertSame(series, InformationSeries.Load(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CsvHasTheDocumentedHeader()
    {
        var lines = Sample().ToCsv().Split('\n');
        Assert.Equal("# infotheory-series v4; unit=bits; target=labels", lines[0]);
        Assert.Equal("epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec,"
            + "i_xt_low,i_xt_high,i_ty_low,i_ty_high,i_xt_batches,i_ty_batches,h_t_low,h_t_high,h_t_batches,"
            + "sigma_t,median_distance_t,sigma_over_median_t,h_t_over_log_n,width_dominated_t,"
            + "sigma_x,median_distance_x,sigma_over_median_x,h_x_over_log_n,width_dominated_x", lines[1]);
        Assert.Equal("3,120,z,2,1,0.5,,,,,,false,,0.0123,,,,,,,,,,,,," + new string(',', 13), lines[4]); // 40 cells, bands and width checks empty
    }

    [Fact]
    public void UnknownExtensionAndForeignFilesAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Sample().Save(Path.Combine(Path.GetTempPath(), "series.txt")));
        Assert.Throws<FormatException>(() => InformationSeries.FromCsv("a,b\n1,2\n"));
        Assert.Throws<FormatException>(() => InformationSeries.FromJson("{\"format\":\"other\"}"));
    }

    [Fact]
    public void StepsAndLayersKeepMeasurementOrder()
    {
        var s = Sample();
        Assert.Equal(new[] { "enc1", "odd, \"name\"", "z" }, s.Layers);
        Assert.Equal(2, s.Steps().Count);
        Assert.Equal(2, s.Steps()[0].Count);
    }

    [Theory]
    [InlineData(".csv")]
    [InlineData(".json")]
    public void BandsRoundTripExactlyAndEmptyCellsMeanNoBand(string extension)
    {
        var banded = new InformationRecord(2, 40, "z", 3, 1.5, 0.75)
        {
            InputInformationBand = new InformationBand(1.25, 1.75, [0.1 + 0.2, 1.0 / 3, Math.PI]),
            TargetInformationBand = InformationBand.Predict(0.75, [0.5, 0.625]),
            EntropyBand = InformationBand.Predict(3, [2.5, 2.75, 2.875]),
        };
        var series = new InformationSeries(TargetKind.Reconstruction, [banded, new InformationRecord(2, 40, "enc1", 3, 1, 1)]);
        var path = Path.Combine(Path.GetTempPath(), $"infotheory-bands-{Guid.NewGuid():N}{extension}");
        try
        {
            series.Save(path);
            var back = InformationSeries.Load(path).Records;
            Assert.Equal(banded.InputInformationBand, back[0].InputInformationBand); // value equality: Low, High and every batch bit for bit
            Assert.Equal(banded.TargetInformationBand, back[0].TargetInformationBand);
            Assert.Equal(banded.EntropyBand, back[0].EntropyBand);
            Assert.Null(back[1].InputInformationBand);
            Assert.Null(back[1].TargetInformationBand);
            Assert.Null(back[1].EntropyBand);
        }
        finally
        {
            File.Delete(path);
        }

        var line = series.ToCsv().Split('\n')[2];
        Assert.EndsWith(",1.25,1.75," + Invariant(banded.TargetInformationBand.Low) + "," + Invariant(banded.TargetInformationBand.High)
            + ",0.30000000000000004;0.3333333333333333;3.141592653589793,0.5;0.625,"
            + Invariant(banded.EntropyBand.Low) + "," + Invariant(banded.EntropyBand.High) + ",2.5;2.75;2.875" + new string(',', 10), line, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionTwoFilesStillLoadWithoutBandsAndHalfGivenBandsAreRefused()
    {
        const string v2 = "# infotheory-series v2; unit=bits; target=reconstruction\n"
            + "epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec\n"
            + "1,2,z,4,3,1,,,,,,false,,0.5,,,,,,0.25,\n";
        var old = Assert.Single(InformationSeries.FromCsv(v2).Records);
        Assert.Equal((3.0, 0.5, 0.25), (old.InputInformation, old.Loss!.Value, old.InputOutputDivergence!.Value));
        Assert.Null(old.InputInformationBand);
        Assert.Null(old.TargetInformationBand);

        var e = Assert.Throws<FormatException>(() => InformationSeries.FromCsv(WithCells(new InformationRecord(1, 2, "z", 4, 3, 1), (21, "2.5"), (22, "3.5"))));
        Assert.Contains("i_xt_batches", e.Message);
        e = Assert.Throws<FormatException>(() => InformationSeries.FromCsv(WithCells(new InformationRecord(1, 2, "z", 4, 3, 1), (27, "2.5"), (28, "3.5"))));
        Assert.Contains("h_t_batches", e.Message);
    }

    [Fact]
    public void VersionThreeFilesStillLoadWithTheirBandsAndNoWidthChecks()
    {
        const string v3 = "# infotheory-series v3; unit=bits; target=labels\n"
            + "epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec,"
            + "i_xt_low,i_xt_high,i_ty_low,i_ty_high,i_xt_batches,i_ty_batches\n"
            + "1,2,z,4,3,1,,,,,,true,,0.5,,,,,,,,2.5,3.5,0.75,1.25,2.75;3.25,0.875;1.125\n"
            + "1,2,enc1,5,4,2,,,,,,false,,0.5,,,,,,,,,,,,,\n";
        var series = InformationSeries.FromCsv(v3);
        Assert.Equal(TargetKind.Labels, series.Target);
        var (banded, plain) = (series.Records[0], series.Records[1]);
        Assert.Equal(new InformationBand(2.5, 3.5, [2.75, 3.25]), banded.InputInformationBand);
        Assert.Equal(new InformationBand(0.75, 1.25, [0.875, 1.125]), banded.TargetInformationBand);
        Assert.True(banded.Saturated);
        Assert.Null(plain.InputInformationBand);
        Assert.All(series.Records, r =>
        {
            Assert.Null(r.EntropyBand);
            Assert.Null(r.LayerWidthCheck);
            Assert.Null(r.InputWidthCheck);
            Assert.False(r.WidthDominated);
        });

        // Written again, it is a version 4 file with the same values.
        var again = InformationSeries.FromCsv(series.ToCsv());
        Assert.StartsWith("# infotheory-series v4;", series.ToCsv(), StringComparison.Ordinal);
        Assert.Equal(banded.InputInformationBand, again.Records[0].InputInformationBand);

        // A version 3 JSON series (no h_t_* or width fields) loads the same way.
        const string json = """
            {"format":"infotheory-series","version":3,"unit":"bits","target":"labels","records":[{"epoch":1,"iteration":2,"layer":"z",
            "h_t":4,"i_xt":3,"i_ty":1,"mmi":null,"rst":null,"wnri":null,"rst_pct":null,"wnri_pct":null,"saturated":true,"i_err":null,"loss":0.5,
            "i_xt_low":2.5,"i_xt_high":3.5,"i_ty_low":0.75,"i_ty_high":1.25,"i_xt_batches":[2.75,3.25],"i_ty_batches":[0.875,1.125]}]}
            """;
        var fromJson = Assert.Single(InformationSeries.FromJson(json).Records);
        Assert.Equal(banded.InputInformationBand, fromJson.InputInformationBand);
        Assert.Null(fromJson.EntropyBand);
        Assert.Null(fromJson.LayerWidthCheck);
        Assert.Null(fromJson.InputWidthCheck);
    }

    /// <summary>A layer with a width-dominated (flat) check and an infinite ratio for X; a layer without checks.</summary>
    private static InformationSeries WidthSeries() => new(TargetKind.Reconstruction,
    [
        new InformationRecord(0, 0, "z", 0.25, 0.125, 0.0625)
        {
            LayerWidthCheck = new WidthCheck(2.5, 0.01, 250, 0.001),
            InputWidthCheck = new WidthCheck(0.1 + 0.2, 0, double.PositiveInfinity, null),
            EntropyBand = new InformationBand(0.2, 0.3, [0.1, 0.15]),
        },
        new InformationRecord(0, 0, "enc1", 4, 3, 2)
        {
            LayerWidthCheck = new WidthCheck(1.0 / 3, 0.5, 2.0 / 3, 0.75),
            InputWidthCheck = new WidthCheck(1.5, 1.25, 1.2, 0.995),
        },
        new InformationRecord(0, 0, "dec1", 4, 3, 2),
    ]);

    [Theory]
    [InlineData(".csv")]
    [InlineData(".json")]
    public void VersionFourWidthChecksAndEntropyBandsRoundTripExactly(string extension)
    {
        var series = WidthSeries();
        var path = Path.Combine(Path.GetTempPath(), $"infotheory-width-{Guid.NewGuid():N}{extension}");
        try
        {
            series.Save(path);
            var back = InformationSeries.Load(path);
            AssertSame(series, back);
            for (int i = 0; i < series.Records.Count; i++)
            {
                // Record equality of WidthCheck and InformationBand: every double bit for bit, null where not measured.
                Assert.Equal(series.Records[i].LayerWidthCheck, back.Records[i].LayerWidthCheck);
                Assert.Equal(series.Records[i].InputWidthCheck, back.Records[i].InputWidthCheck);
                Assert.Equal(series.Records[i].EntropyBand, back.Records[i].EntropyBand);
                Assert.Equal(series.Records[i].WidthDominated, back.Records[i].WidthDominated);
            }

            Assert.True(back.Records[0].WidthDominated);
            Assert.False(back.Records[0].InputWidthCheck!.WidthDominated); // median 0: the ties decide, not the width
            Assert.False(back.Records[1].WidthDominated);
            Assert.Null(back.Records[2].LayerWidthCheck);
        }
        finally
        {
            File.Delete(path);
        }

        var lines = series.ToCsv().Split('\n');
        Assert.EndsWith(",0.2,0.3,0.1;0.15,2.5,0.01,250,0.001,true,0.30000000000000004,0,Infinity,,false", lines[2], StringComparison.Ordinal);
        Assert.EndsWith(",,,,0.3333333333333333,0.5,0.6666666666666666,0.75,false,1.5,1.25,1.2,0.995,false", lines[3], StringComparison.Ordinal);
        Assert.Equal(string.Join(',', new[] { "0", "0", "dec1", "4", "3", "2", "", "", "", "", "", "false" }.Concat(Enumerable.Repeat("", 28))), lines[4]);
        var json = series.ToJson();
        Assert.Contains("\"version\": 4", json, StringComparison.Ordinal);
        Assert.Contains("\"width_dominated_t\": true", json, StringComparison.Ordinal);
        Assert.Contains("\"sigma_over_median_x\": \"Infinity\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void HalfGivenOrContradictoryWidthCellsAreRefused()
    {
        var record = WidthSeries().Records[1];
        var e = Assert.Throws<FormatException>(() => InformationSeries.FromCsv(WithCells(record, (32, ""))));
        Assert.Contains("sigma_over_median_t", e.Message);
        e = Assert.Throws<FormatException>(() => InformationSeries.FromCsv(WithCells(record, (39, "true"))));
        Assert.Contains("width_dominated_x", e.Message);
        // The entropy share alone may be empty (a variable whose entropy the estimate did not compute).
        Assert.Null(Assert.Single(InformationSeries.FromCsv(WithCells(record, (33, ""))).Records).LayerWidthCheck!.EntropyOverLogN);
    }

    /// <summary>The version 4 CSV of one record with some cells (0-based columns) replaced.</summary>
    private static string WithCells(InformationRecord record, params (int Column, string Value)[] cells)
    {
        var lines = new InformationSeries(TargetKind.Reconstruction, [record]).ToCsv().Split('\n');
        var fields = lines[2].Split(',');
        Assert.Equal(40, fields.Length);
        foreach (var (column, value) in cells)
        {
            fields[column] = value;
        }

        lines[2] = string.Join(',', fields);
        return string.Join('\n', lines);
    }

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
