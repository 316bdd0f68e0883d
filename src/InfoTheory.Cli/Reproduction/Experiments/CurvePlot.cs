using InfoTheory.TorchSharp;
using ScottPlot;

namespace InfoTheory.Cli.Reproduction.Experiments;

/// <summary>Line plots of a few named series for the reproduction reports (ScottPlot, the size of the information planes).</summary>
internal static class CurvePlot
{
    /// <summary>Line plot of several series against epochs (or another x), dashed where asked.</summary>
    /// <param name="path">The PNG file.</param>
    /// <param name="title">The title.</param>
    /// <param name="yLabel">The vertical axis label, with its unit.</param>
    /// <param name="series">Each curve: legend text, values, dashed (then it takes the colour of the curve before it).</param>
    /// <param name="xs">The x value of each point.</param>
    /// <param name="xLabel">The horizontal axis label.</param>
    public static void Save(string path, string title, string yLabel, IReadOnlyList<(string Name, IEnumerable<double> Values, bool Dashed)> series, IEnumerable<double> xs, string xLabel = "Epoch")
    {
        var x = xs.ToArray();
        var first = series[0].Values.ToArray();
        var plot = InformationPlot.CreateTrainingCurve(first, x, xLabel, title);
        plot.YLabel(yLabel);
        plot.PlottableList.Clear();
        var palette = new ScottPlot.Palettes.Category10();
        for (int i = 0; i < series.Count; i++)
        {
            var s = plot.Add.Scatter(x, series[i].Values.ToArray());
            s.LegendText = series[i].Name;
            s.LineWidth = 2;
            s.MarkerSize = x.Length <= 60 ? 4 : 0;
            // A dashed series shares the colour of the solid one before it (the same model).
            s.Color = palette.GetColor(series[i].Dashed ? i - 1 : i);
            if (series[i].Dashed)
            {
                s.LinePattern = LinePattern.Dashed;
            }
        }

        plot.ShowLegend(Alignment.LowerRight);
        plot.SavePng(path, InformationPlot.DefaultWidth, InformationPlot.DefaultHeight);
    }
}
