using SkiaSharp;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The information planes of one run measured with several estimators, side by side in one PNG: one panel per estimator
/// (<see cref="InformationPlot.CreateInformationPlane"/>), each on its own axes in its own bits.
/// </summary>
/// <remarks>
/// The panels are not normalised onto common axes: estimators differ in bias and scale (a matrix-Rényi I(X;T) of a
/// 100-digit probe tops out near log₂ 100, a KSG one does not), and rescaling each to its own maximum would hide that.
/// What should agree is the shape of each trajectory, which <see cref="EstimatorAgreement"/> measures with ranks.
/// </remarks>
public static class EstimatorComparisonPlot
{
    /// <summary>At most this many panels per row; more estimators wrap onto further rows.</summary>
    public const int PanelsPerRow = 3;

    /// <summary>Writes one information-plane panel per estimator to a PNG file.</summary>
    /// <param name="estimators">Each estimator's name and series, in panel order (left to right, then down), e.g. <see cref="MultiEstimatorMonitor.Series"/>.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="style">The style of every panel (its <see cref="InformationPlaneStyle.Width"/> and <see cref="InformationPlaneStyle.Height"/>
    /// are a panel's size); each panel's title is the style's title followed by the estimator's name.</param>
    /// <exception cref="ArgumentException">No series, or a series with nothing to plot.</exception>
    public static void Save(IEnumerable<KeyValuePair<string, InformationSeries>> estimators, string path, InformationPlaneStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(estimators);
        ArgumentException.ThrowIfNullOrEmpty(path);
        style ??= new InformationPlaneStyle();
        var panels = estimators.ToList();
        if (panels.Count == 0)
        {
            throw new ArgumentException("estimators is empty; give at least one estimator's series.", nameof(estimators));
        }

        var plots = panels.Select(p => InformationPlot.CreateInformationPlane(p.Value,
            style with { Title = style.Title is { } title ? $"{title}: {p.Key}" : p.Key })).ToList();
        int columns = Math.Min(PanelsPerRow, plots.Count), rows = (plots.Count + columns - 1) / columns;
        using var surface = NewSurface(columns * style.Width, rows * style.Height);
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < plots.Count; i++)
        {
            // Each panel on a surface of its own: Plot.Render(canvas, rect) clears the whole canvas.
            using var panel = NewSurface(style.Width, style.Height);
            plots[i].Render(panel);
            using var drawn = panel.Snapshot();
            surface.Canvas.DrawImage(drawn, i % columns * style.Width, i / columns * style.Height);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static SKSurface NewSurface(int width, int height) => SKSurface.Create(new SKImageInfo(width, height))
        ?? throw new InvalidOperationException($"SkiaSharp could not allocate a {width}×{height} image; use smaller panels.");
}
