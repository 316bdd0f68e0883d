using ScottPlot;
using SkiaSharp;

namespace InfoTheory.TorchSharp.Tests.Plotting;

public class InformationPlotTests
{
    private static readonly string Folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "infotheory-plot-tests")).FullName;

    /// <summary>Three layers over five epochs, drifting like a compressing autoencoder.</summary>
    private static InformationSeries Series(TargetKind target = TargetKind.Reconstruction)
    {
        var series = new InformationSeries(target);
        string[] layers = ["enc1", "z", "dec1"];
        for (int epoch = 0; epoch < 5; epoch++)
        {
            for (int l = 0; l < layers.Length; l++)
            {
                double ixt = 4.5 - l - 0.3 * epoch * l;
                series.Add(new InformationRecord(epoch, epoch * 100, layers[l], 5, ixt, ixt - 0.5 + 0.1 * epoch));
            }
        }

        return series;
    }

    /// <summary>Pixels that differ between two equally sized images inside a rectangle.</summary>
    private static int DifferingPixels(string a, string b, SKRectI region)
    {
        using var x = SKBitmap.Decode(a);
        using var y = SKBitmap.Decode(b);
        int count = 0;
        for (int row = region.Top; row < region.Bottom; row++)
        {
            for (int col = region.Left; col < region.Right; col++)
            {
                if (x.GetPixel(col, row) != y.GetPixel(col, row))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static int DarkPixels(string path, SKRectI region)
    {
        using var bmp = SKBitmap.Decode(path);
        int count = 0;
        for (int row = region.Top; row < region.Bottom; row++)
        {
            for (int col = region.Left; col < region.Right; col++)
            {
                var c = bmp.GetPixel(col, row);
                if (c.Red < 110 && c.Green < 110 && c.Blue < 110)
                {
                    count++;
                }
            }
        }

        return count;
    }

    [Fact]
    public void InformationPlaneIsAn800By600Png()
    {
        var path = Path.Combine(Folder, "information-plane.png");
        InformationPlot.SaveInformationPlane(Series(), path);
        using var bmp = SKBitmap.Decode(path);
        Assert.Equal((800, 600), (bmp.Width, bmp.Height));
    }

    [Fact]
    public void TitleAndAxisLabelsReallyRender()
    {
        // Same fixed layout with and without texts: only glyphs can make the margins differ. Without fonts
        // ScottPlot draws no text, the images match and this fails.
        var padding = new PixelPadding(90, 140, 70, 60);
        string with = Path.Combine(Folder, "texts-on.png"), without = Path.Combine(Folder, "texts-off.png");
        var on = InformationPlot.CreateInformationPlane(Series(), new InformationPlaneStyle { Legend = false });
        on.Layout.Fixed(padding);
        on.SavePng(with, 800, 600);
        var off = InformationPlot.CreateInformationPlane(Series(), new InformationPlaneStyle { Title = null, AxisLabels = false, Legend = false });
        off.Layout.Fixed(padding);
        off.SavePng(without, 800, 600);

        var titleBand = new SKRectI(90, 0, 660, 55);
        Assert.True(DarkPixels(with, titleBand) > 150, $"title: {DarkPixels(with, titleBand)} dark pixels");
        Assert.Equal(0, DarkPixels(without, titleBand));
        Assert.True(DifferingPixels(with, without, new SKRectI(0, 545, 800, 600)) > 100, "x-axis label");
        Assert.True(DifferingPixels(with, without, new SKRectI(0, 60, 54, 530)) > 100, "y-axis label");
    }

    [Fact]
    public void IdentityLineOnlyForAutoencodersByDefault()
    {
        int Lines(InformationSeries s) => InformationPlot.CreateInformationPlane(s).GetPlottables().OfType<ScottPlot.Plottables.LinePlot>().Count();
        Assert.Equal(1, Lines(Series()));
        Assert.Equal(0, Lines(Series(TargetKind.Labels)));
    }

    [Fact]
    public void TrainingCurveIsAn800By600Png()
    {
        var path = Path.Combine(Folder, "loss.png");
        InformationPlot.SaveTrainingCurve([1.0, 0.6, 0.4, 0.3, 0.25, 0.22], path);
        using var bmp = SKBitmap.Decode(path);
        Assert.Equal((800, 600), (bmp.Width, bmp.Height));
        Assert.Throws<ArgumentException>(() => InformationPlot.SaveTrainingCurve([], path));
    }

    [Fact]
    public void InformationCurvesDrawOneLinePerLayerAgainstTheIteration()
    {
        var path = Path.Combine(Folder, "curves.png");
        InformationPlot.SaveInformationCurves(Series(), path, InformationQuantity.InputInformation, title: "I(X;T)");
        using (var bmp = SKBitmap.Decode(path))
        {
            Assert.Equal((800, 600), (bmp.Width, bmp.Height));
        }

        var plot = InformationPlot.CreateInformationCurves(Series(), InformationQuantity.TargetInformation, layers: ["z", "dec1"]);
        var lines = plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().ToList();
        Assert.Equal(["z", "dec1"], lines.Select(l => l.LegendText));
        // x = the iteration (0, 100, …, 400); y = I(T;X′) of z: 3.5 − 0.3·epoch − 0.5 + 0.1·epoch.
        var z = lines[0].Data.GetScatterPoints();
        Assert.Equal([0.0, 100, 200, 300, 400], z.Select(p => p.X));
        Assert.Equal(3.0 - (0.2 * 4), z[^1].Y, 12);
        Assert.Throws<ArgumentException>(() => InformationPlot.CreateInformationCurves(Series(), layers: ["nothing"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => InformationPlot.CreateInformationCurves(Series(), (InformationQuantity)9));
    }

    [Fact]
    public void EmptySeriesIsRefused() =>
        Assert.Throws<ArgumentException>(() => InformationPlot.SaveInformationPlane(new InformationSeries(), Path.Combine(Folder, "empty.png")));

    [Fact]
    public void WnriPlanePlotsOnlyRecordsWithWnriAgainstInputInformation()
    {
        var series = new InformationSeries(TargetKind.Labels);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            series.Add(new InformationRecord(epoch, 0, "conv1", 5, 3 + epoch, 0.5) { Wnri = 0.25 * epoch });
            series.Add(new InformationRecord(epoch, 0, "fc1", 5, 2, 0.6));
        }

        var plot = InformationPlot.CreateInformationPlane(series, new InformationPlaneStyle { YAxis = InformationPlaneAxis.Wnri });
        var track = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Scatter>());
        var points = track.Data.GetScatterPoints();
        Assert.Equal([3.0, 4.0, 5.0], points.Select(p => p.X));
        Assert.Equal([0.0, 0.25, 0.5], points.Select(p => p.Y));
        Assert.Equal("WNRI (bits)", plot.Axes.Left.Label.Text);
        Assert.Empty(plot.GetPlottables().OfType<ScottPlot.Plottables.LinePlot>());

        var plain = new InformationSeries(TargetKind.Labels);
        plain.Add(new InformationRecord(0, 0, "fc1", 5, 2, 0.6));
        var ex = Assert.Throws<ArgumentException>(() => InformationPlot.CreateInformationPlane(plain, new InformationPlaneStyle { YAxis = InformationPlaneAxis.Wnri }));
        Assert.Contains("WNRI", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BandsAreShadedOnTheCurvesAndAroundThePlanesPoints()
    {
        // The same series with bands of ±0.25 bits on both quantities: one FillY per layer under the curves, one box per
        // point on the plane, none for H(T) (no band) or without bands.
        var banded = new InformationSeries(TargetKind.Reconstruction, Series().Records.Select(r => r with
        {
            InputInformationBand = new InformationBand(r.InputInformation - 0.25, r.InputInformation + 0.25, [r.InputInformation - 0.1, r.InputInformation + 0.1]),
            TargetInformationBand = new InformationBand(r.TargetInformation - 0.25, r.TargetInformation + 0.25, [r.TargetInformation, r.TargetInformation]),
        }));
        var curves = InformationPlot.CreateInformationCurves(banded, InformationQuantity.InputInformation);
        var fills = curves.GetPlottables().OfType<ScottPlot.Plottables.FillY>().ToList();
        Assert.Equal(3, fills.Count);
        Assert.IsType<ScottPlot.Plottables.FillY>(curves.GetPlottables().First()); // under the lines
        Assert.Empty(InformationPlot.CreateInformationCurves(banded, InformationQuantity.Entropy).GetPlottables().OfType<ScottPlot.Plottables.FillY>());
        Assert.Empty(InformationPlot.CreateInformationCurves(Series()).GetPlottables().OfType<ScottPlot.Plottables.FillY>());

        var boxes = InformationPlot.CreateInformationPlane(banded).GetPlottables().OfType<ScottPlot.Plottables.Rectangle>().ToList();
        Assert.Equal(15, boxes.Count);
        var first = banded.Records[0];
        Assert.Contains(boxes, b => b.X1 == first.InputInformation - 0.25 && b.X2 == first.InputInformation + 0.25);
        Assert.Empty(InformationPlot.CreateInformationPlane(Series()).GetPlottables().OfType<ScottPlot.Plottables.Rectangle>());
        InformationPlot.SaveInformationPlane(banded, Path.Combine(Folder, "plane-bands.png"));
        InformationPlot.SaveInformationCurves(banded, Path.Combine(Folder, "curves-bands.png"));
    }

    [Fact]
    public void TheEntropyBandIsShadedUnderTheEntropyCurves()
    {
        var banded = new InformationSeries(TargetKind.Reconstruction, Series().Records.Select(r => r with
        {
            EntropyBand = new InformationBand(r.Entropy - 0.5, r.Entropy + 0.5, [r.Entropy - 0.2, r.Entropy + 0.2]),
        }));
        var fills = InformationPlot.CreateInformationCurves(banded, InformationQuantity.Entropy).GetPlottables().OfType<ScottPlot.Plottables.FillY>().ToList();
        Assert.Equal(3, fills.Count);
        Assert.All(fills, f => Assert.Equal((4.5, 5.5), (f.GetAxisLimits().Bottom, f.GetAxisLimits().Top))); // H(T) = 5 ± 0.5
        Assert.Empty(InformationPlot.CreateInformationCurves(banded, InformationQuantity.InputInformation).GetPlottables().OfType<ScottPlot.Plottables.FillY>());
    }

    [Fact]
    public void WidthDominatedPointsAreRingedAndNamedInTheLegend()
    {
        // Layer z flat (σ/median = 50) at every epoch but the first; enc1 well scaled; dec1 unchecked.
        var checkedSeries = new InformationSeries(TargetKind.Reconstruction, Series().Records.Select(r => r.Layer switch
        {
            "z" => r with { LayerWidthCheck = new WidthCheck(5, r.Epoch == 0 ? 5 : 0.1, r.Epoch == 0 ? 1 : 50, 0.01) },
            "enc1" => r with { LayerWidthCheck = new WidthCheck(1, 1, 1, 0.9) },
            _ => r,
        }));
        var plot = InformationPlot.CreateInformationPlane(checkedSeries);
        var rings = Assert.Single(plot.GetPlottables().OfType<ScottPlot.Plottables.Markers>());
        Assert.Contains("width-dominated", rings.LegendText, StringComparison.Ordinal);
        var points = rings.Data.GetScatterPoints();
        Assert.Equal(4, points.Count);
        var z = checkedSeries.Records.Where(r => r.Layer == "z" && r.Epoch > 0).ToList();
        Assert.Equal(z.Select(r => r.InputInformation), points.Select(p => p.X));
        Assert.Equal(z.Select(r => r.TargetInformation), points.Select(p => p.Y));

        // None without width checks, and none on the WNRI planes (the checks are those of I(X;T)).
        Assert.Empty(InformationPlot.CreateInformationPlane(Series()).GetPlottables().OfType<ScottPlot.Plottables.Markers>());
        var wnri = new InformationSeries(TargetKind.Reconstruction, checkedSeries.Records.Select(r => r with { Wnri = 0.5 }));
        Assert.Empty(InformationPlot.CreateInformationPlane(wnri, new InformationPlaneStyle { YAxis = InformationPlaneAxis.Wnri }).GetPlottables().OfType<ScottPlot.Plottables.Markers>());
        InformationPlot.SaveInformationPlane(checkedSeries, Path.Combine(Folder, "plane-width-dominated.png"));
    }
}
