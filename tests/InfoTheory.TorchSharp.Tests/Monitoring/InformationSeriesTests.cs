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
        Assert.Equal("# infotheory-series v2; unit=bits; target=labels", lines[0]);
        Assert.Equal("epoch,iteration,layer,h_t,i_xt,i_ty,mmi,rst,wnri,rst_pct,wnri_pct,saturated,i_err,loss,mmi_y,rst_y,wnri_y,rst_pct_y,wnri_pct_y,kl_io,kl_rec", lines[1]);
        Assert.Equal("3,120,z,2,1,0.5,,,,,,false,,0.0123,,,,,,,", lines[4]);
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
}
