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
        Assert.Equal("# infotheory-series v3; unit=bits; target=labels", lines[0]);
        Assert.Equal("epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec,"
            + "i_xt_low,i_xt_high,i_ty_low,i_ty_high,i_xt_batches,i_ty_batches", lines[1]);
        Assert.Equal("3,120,z,2,1,0.5,,,,,,false,,0.0123,,,,,,,,,,,,,", lines[4]);
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
        };
        var series = new InformationSeries(TargetKind.Reconstruction, [banded, new InformationRecord(2, 40, "enc1", 3, 1, 1)]);
        var path = Path.Combine(Path.GetTempPath(), $"infotheory-bands-{Guid.NewGuid():N}{extension}");
        try
        {
            series.Save(path);
            var back = InformationSeries.Load(path).Records;
            Assert.Equal(banded.InputInformationBand, back[0].InputInformationBand); // value equality: Low, High and every batch bit for bit
            Assert.Equal(banded.TargetInformationBand, back[0].TargetInformationBand);
            Assert.Null(back[1].InputInformationBand);
            Assert.Null(back[1].TargetInformationBand);
        }
        finally
        {
            File.Delete(path);
        }

        var line = series.ToCsv().Split('\n')[2];
        Assert.EndsWith(",1.25,1.75," + Invariant(banded.TargetInformationBand.Low) + "," + Invariant(banded.TargetInformationBand.High)
            + ",0.30000000000000004;0.3333333333333333;3.141592653589793,0.5;0.625", line, StringComparison.Ordinal);
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

        var v3 = new InformationSeries(TargetKind.Reconstruction, [new InformationRecord(1, 2, "z", 4, 3, 1)]).ToCsv();
        var half = v3.Replace("false,,,,,,,,,,,,,,,\n", "false,,,,,,,,,,2.5,3.5,,,,\n", StringComparison.Ordinal);
        Assert.NotEqual(v3, half);
        var e = Assert.Throws<FormatException>(() => InformationSeries.FromCsv(half));
        Assert.Contains("i_xt_batches", e.Message);
    }

    private static string Invariant(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
