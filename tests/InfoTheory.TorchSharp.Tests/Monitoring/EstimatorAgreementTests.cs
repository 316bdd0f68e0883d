using SkiaSharp;

namespace InfoTheory.TorchSharp.Tests.Monitoring;

public class EstimatorAgreementTests
{
    /// <summary>Two layers over six steps; each layer's I(X;T) and I(T;Y) are the given functions of the step.</summary>
    private static InformationSeries Series(Func<int, double> inputInformation, Func<int, double> targetInformation)
    {
        var series = new InformationSeries(TargetKind.Reconstruction);
        for (int step = 0; step < 6; step++)
        {
            foreach (var (layer, offset) in new[] { ("enc1", 1.0), ("z", 0.0) })
            {
                series.Add(new InformationRecord(step, 10 * step, layer, 5, offset + inputInformation(step), offset + targetInformation(step)));
            }
        }

        return series;
    }

    // A rise then a fall (a fitting and a compression phase) for I(X;T), a steady rise for I(T;Y).
    private static readonly double[] Hump = [1.0, 2.5, 3.1, 2.9, 2.2, 2.0];

    [Fact]
    public void IdenticalTrajectoriesAgreeReversedOnesDisagree()
    {
        var renyi = Series(s => Hump[s], s => s);
        // Another estimator's scale and offset: same ranks.
        var scaled = Series(s => 0.4 * Hump[s] - 7, s => Math.Exp(s));
        var reversed = Series(s => -Hump[s], s => -s);
        var rows = EstimatorAgreement.Of([new("renyi", renyi), new("ksg", scaled), new("kde", reversed)]);

        // Layers in order, then the pairs of estimators in the order given.
        Assert.Equal(
            [("enc1", "renyi", "ksg"), ("enc1", "renyi", "kde"), ("enc1", "ksg", "kde"), ("z", "renyi", "ksg"), ("z", "renyi", "kde"), ("z", "ksg", "kde")],
            rows.Select(r => (r.Layer, r.First, r.Second)));
        Assert.All(rows, r => Assert.Equal(6, r.Steps));
        Assert.All(rows.Where(r => r.Second == "ksg"), r => Assert.Equal((1.0, 1.0), (r.InputInformation, r.TargetInformation)));
        Assert.All(rows.Where(r => r.Second == "kde"), r => Assert.Equal((-1.0, -1.0), (r.InputInformation, r.TargetInformation)));
    }

    [Fact]
    public void PartialAgreementIsTheRankCorrelationOfTheSteps()
    {
        double[] other = [1.0, 2.0, 3.0, 2.5, 2.4, 3.5]; // the hump's rise and fall, then a late rise
        var rows = EstimatorAgreement.Of([new("renyi", Series(s => Hump[s], s => s)), new("kl", Series(s => other[s], s => s))]);
        // Ranks (1, 4, 6, 5, 3, 2) against (1, 2, 5, 4, 3, 6): Σd² = 22, ρ = 1 − 6·22/(6·35).
        double expected = 1 - 6 * 22 / 210.0;
        Assert.Equal(expected, RankCorrelation.Spearman(Hump, other), 15);
        Assert.All(rows, r => Assert.Equal(expected, r.InputInformation, 15));
    }

    [Fact]
    public void CsvHasOneLinePerLayerAndPair()
    {
        var rows = EstimatorAgreement.Of([new("renyi", Series(s => Hump[s], s => s)), new("ksg", Series(s => -Hump[s], s => 1))]);
        var lines = EstimatorAgreement.ToCsv(rows).TrimEnd('\n').Split('\n');
        Assert.Equal(EstimatorAgreement.CsvHeader, lines[0]);
        // I(T;Y) of ksg is constant: ρ is undefined, written as NaN.
        Assert.Equal(["enc1,renyi,ksg,6,-1,NaN", "z,renyi,ksg,6,-1,NaN"], lines[1..]);
    }

    [Fact]
    public void SeriesOfDifferentRunsOrNamesAreRefused()
    {
        var a = Series(s => Hump[s], s => s);
        var shorter = new InformationSeries(TargetKind.Reconstruction, a.Records.Take(8));
        var steps = Assert.Throws<ArgumentException>(() => EstimatorAgreement.Of([new("renyi", a), new("ksg", shorter)]));
        Assert.Equal("estimators", steps.ParamName);
        Assert.Contains("other steps of layer 'enc1'", steps.Message);

        var layers = Assert.Throws<ArgumentException>(() => EstimatorAgreement.Of([new("renyi", a), new("ksg", new InformationSeries(TargetKind.Reconstruction, a.Records.Where(r => r.Layer == "z")))]));
        Assert.Contains("has layers z but that of 'renyi' has enc1, z", layers.Message);
        var first = new InformationSeries(TargetKind.Reconstruction, a.Records.Take(2));
        Assert.Contains("at least 2 steps", Assert.Throws<ArgumentException>(() => EstimatorAgreement.Of([new("renyi", first), new("ksg", first)])).Message);

        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => EstimatorAgreement.Of([new("renyi", a)])).Message);
        Assert.Contains("give each estimator once", Assert.Throws<ArgumentException>(() => EstimatorAgreement.Of([new("ksg", a), new("ksg", a)])).Message);
    }

    [Fact]
    public void ComparisonPlotPutsOnePanelPerEstimatorSideBySide()
    {
        string path = Path.Combine(Path.GetTempPath(), $"infotheory-compare-{Guid.NewGuid():N}.png");
        var style = new InformationPlaneStyle { Width = 300, Height = 200 };
        var series = Series(s => Hump[s], s => s);
        EstimatorComparisonPlot.Save([new("renyi", series), new("ksg", series), new("kde", series), new("kl", series)], path, style);
        using (var bitmap = SKBitmap.Decode(path))
        {
            // Three panels in the first row, the fourth wrapped below.
            Assert.Equal((900, 400), (bitmap.Width, bitmap.Height));
            int Dark(int left, int top)
            {
                int count = 0;
                for (int row = top; row < top + 200; row++)
                {
                    for (int col = left; col < left + 300; col++)
                    {
                        count += bitmap.GetPixel(col, row).Red < 128 ? 1 : 0;
                    }
                }

                return count;
            }

            // Drawn panels have ink; the empty sixth cell has none.
            Assert.All(new[] { Dark(0, 0), Dark(300, 0), Dark(600, 0), Dark(0, 200) }, d => Assert.True(d > 100, $"{d} dark pixels"));
            Assert.Equal(0, Dark(600, 200));
        }

        File.Delete(path);
        Assert.Throws<ArgumentException>(() => EstimatorComparisonPlot.Save([], path));
    }
}
