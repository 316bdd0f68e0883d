using InfoTheory.Internal;
using ScottPlot;

namespace InfoTheory.TorchSharp;

/// <summary>What an information-plane plot puts on its vertical axis.</summary>
public enum InformationPlaneAxis
{
    /// <summary>I(T;Y), or I(T;X′) for autoencoders: the usual information plane.</summary>
    Target,

    /// <summary>
    /// WNRI (the weighted non-redundant information of Yu, Wickstrøm, Jenssen &amp; Principe, IEEE TNNLS 32(1) 2021,
    /// doi:10.1109/TNNLS.2020.2968509): the modified plane that shows, for convolutional layers, how much of what the
    /// layer carries about X is synergistic rather than redundant across its feature maps. Only records with a WNRI
    /// (feature-map layers measured with PID) are drawn.
    /// </summary>
    Wnri,

    /// <summary>
    /// WNRI with respect to Y (<see cref="InformationRecord.TargetWnri"/>): with <see cref="InformationPlaneInputAxis.Wnri"/>
    /// on the horizontal axis, the modified information plane of Yu et al. (2021) on both axes. Only records with a WNRI
    /// with respect to Y (measured with <see cref="InformationPlaneOptions.TargetPid"/>) are drawn.
    /// </summary>
    TargetWnri,
}

/// <summary>What an information-plane plot puts on its horizontal axis.</summary>
public enum InformationPlaneInputAxis
{
    /// <summary>I(X;T), the whole layer as one variable: the usual information plane.</summary>
    Input,

    /// <summary>WNRI with respect to X (<see cref="InformationRecord.Wnri"/>); only records with one are drawn.</summary>
    Wnri,
}

/// <summary>Appearance of an information-plane plot. Null texts are left out.</summary>
public sealed record InformationPlaneStyle
{
    /// <summary>The vertical axis (default <see cref="InformationPlaneAxis.Target"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined axis.</exception>
    public InformationPlaneAxis YAxis { get; init => field = EnumGuard.Defined(value, nameof(YAxis)); } = InformationPlaneAxis.Target;

    /// <summary>The horizontal axis (default <see cref="InformationPlaneInputAxis.Input"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not a defined axis.</exception>
    public InformationPlaneInputAxis XAxis { get; init => field = EnumGuard.Defined(value, nameof(XAxis)); } = InformationPlaneInputAxis.Input;

    /// <summary>The title (default "Information plane").</summary>
    public string? Title { get; init; } = "Information plane";

    /// <summary>Axis labels with units (default true): "I(X;T) (bits)" and "I(T;X′) (bits)" or "I(T;Y) (bits)".</summary>
    public bool AxisLabels { get; init; } = true;

    /// <summary>Show the legend of layers (default true).</summary>
    public bool Legend { get; init; } = true;

    /// <summary>Show the epoch colour bar (default true).</summary>
    public bool ColorBar { get; init; } = true;

    /// <summary>Draw the line y = x; null (default) draws it for autoencoders (<see cref="TargetKind.Reconstruction"/>).</summary>
    public bool? IdentityLine { get; init; }

    /// <summary>Only these layers, in this order; null for all.</summary>
    public IReadOnlyList<string>? Layers { get => _layers; init => _layers = ValueList<string>.Of(value); }

    private readonly IReadOnlyList<string>? _layers;

    /// <summary>Width in pixels (default 800).</summary>
    public int Width { get; init; } = InformationPlot.DefaultWidth;

    /// <summary>Height in pixels (default 600).</summary>
    public int Height { get; init; } = InformationPlot.DefaultHeight;
}

/// <summary>
/// PNG plots of a training run with ScottPlot: the information plane (I(X;T) against I(T;Y), one marker track per
/// layer, points coloured by epoch) and the training curve. A run measured with bands
/// (<see cref="InformationPlaneOptions.ProbeBatches"/> ≥ 2) gets them drawn: a shaded box (the I(X;T) band by the
/// I(T;Y) band) around each point of the plane, and a shaded band under each layer's curve over training (H(T) included).
/// On the usual plane (I(X;T) against I(T;Y)), a point whose kernel width decided its values
/// (<see cref="InformationRecord.WidthDominated"/>: σ/median ≥ 10 or ≤ 0.1 for X or the layer) is ringed in black, with
/// the legend entry "width-dominated"; read the trajectory only where there is no ring.
/// </summary>
/// <remarks>Text needs a system font (e.g. Debian's fonts-dejavu-core); without one ScottPlot draws no text at all.</remarks>
public static class InformationPlot
{
    /// <summary>Default width in pixels.</summary>
    public const int DefaultWidth = 800;

    /// <summary>Default height in pixels.</summary>
    public const int DefaultHeight = 600;

    private static readonly MarkerShape[] Shapes =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp,
        MarkerShape.OpenDiamond, MarkerShape.OpenTriangleDown, MarkerShape.Cross, MarkerShape.Eks, MarkerShape.Asterisk,
    ];

    /// <summary>Writes the information plane of <paramref name="series"/> to a PNG file.</summary>
    /// <exception cref="ArgumentException">The series has no records (for the chosen layers).</exception>
    public static void SaveInformationPlane(InformationSeries series, string path, InformationPlaneStyle? style = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        style ??= new InformationPlaneStyle();
        CreateInformationPlane(series, style).SavePng(path, style.Width, style.Height);
    }

    /// <summary>The information-plane plot, for further styling before saving.</summary>
    /// <exception cref="ArgumentException">The series has no records (for the chosen layers).</exception>
    public static Plot CreateInformationPlane(InformationSeries series, InformationPlaneStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        style ??= new InformationPlaneStyle();
        var layers = style.Layers ?? series.Layers;
        bool wnri = style.YAxis == InformationPlaneAxis.Wnri, targetWnri = style.YAxis == InformationPlaneAxis.TargetWnri;
        bool xWnri = style.XAxis == InformationPlaneInputAxis.Wnri;
        var records = series.Records.Where(r => layers.Contains(r.Layer) && (!(wnri || xWnri) || r.Wnri is not null)
            && (!targetWnri || r.TargetWnri is not null)).ToList();
        if (records.Count == 0)
        {
            throw new ArgumentException(
                targetWnri ? "The series has no WNRI values with respect to Y to plot: only feature-map layers measured with ComputePid and TargetPid carry them."
                : wnri || xWnri ? "The series has no WNRI values to plot: only feature-map layers measured with ComputePid carry them."
                : "The series has no records to plot (for the chosen layers).", nameof(series));
        }

        double Y(InformationRecord r) => wnri ? r.Wnri!.Value : targetWnri ? r.TargetWnri!.Value : r.TargetInformation;
        double X(InformationRecord r) => xWnri ? r.Wnri!.Value : r.InputInformation;

        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Viridis();
        int minEpoch = records.Min(r => r.Epoch), maxEpoch = records.Max(r => r.Epoch);
        var range = new ScottPlot.Range(minEpoch, maxEpoch > minEpoch ? maxEpoch : minEpoch + 1);
        for (int l = 0; l < layers.Count; l++)
        {
            var track = records.Where(r => r.Layer == layers[l]).ToList();
            if (track.Count == 0)
            {
                continue;
            }

            var shape = Shapes[l % Shapes.Length];
            double[] xs = [.. track.Select(X)], ys = [.. track.Select(Y)];
            if (!wnri && !targetWnri && !xWnri)
            {
                // Bands (runs measured with ProbeBatches ≥ 2): a shaded box of the I(X;T) band by the I(T;Y) band around each point.
                foreach (var r in track)
                {
                    if (r is { InputInformationBand: { } bx, TargetInformationBand: { } by })
                    {
                        var box = plot.Add.Rectangle(bx.Low, bx.High, by.Low, by.High);
                        box.FillColor = Colors.Gray.WithAlpha(0.15);
                        box.LineWidth = 0;
                    }
                }
            }

            var line = plot.Add.Scatter(xs, ys, Colors.Gray.WithAlpha(0.6));
            line.LineWidth = 1;
            line.MarkerShape = shape;
            line.MarkerSize = 9;
            line.LegendText = layers[l];
            foreach (var r in track)
            {
                double position = (r.Epoch - range.Min) / (range.Max - range.Min);
                plot.Add.Marker(X(r), Y(r), shape, 7, colormap.GetColor(position));
            }
        }

        if (!wnri && !targetWnri && !xWnri && records.Where(r => r.WidthDominated).ToList() is { Count: > 0 } dominated)
        {
            // Width-dominated points (σ/median ≥ 10 or ≤ 0.1 for X or T): ringed, so that they are not read as data.
            double[] ringXs = [.. dominated.Select(X)], ringYs = [.. dominated.Select(Y)];
            var rings = plot.Add.Markers(ringXs, ringYs, MarkerShape.OpenCircle, 14, Colors.Black);
            rings.LegendText = "width-dominated";
        }

        bool reconstruction = series.Target == TargetKind.Reconstruction;
        if (!wnri && !targetWnri && !xWnri && (style.IdentityLine ?? reconstruction))
        {
            double top = Math.Max(records.Max(r => r.InputInformation), records.Max(r => r.TargetInformation));
            double bottom = Math.Min(0, Math.Min(records.Min(r => r.InputInformation), records.Min(r => r.TargetInformation)));
            var identity = plot.Add.Line(bottom, bottom, top, top);
            identity.LinePattern = LinePattern.Dashed;
            identity.Color = Colors.Black.WithAlpha(0.5);
            identity.LegendText = "y = x";
        }

        if (style.ColorBar)
        {
            var bar = plot.Add.ColorBar(new EpochAxis(colormap, range));
            bar.Label = "Epoch";
            bar.Axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        }

        if (style.Title is { } title)
        {
            plot.Title(title);
        }

        if (style.AxisLabels)
        {
            plot.XLabel(xWnri ? "WNRI w.r.t. X (bits)" : "I(X;T) (bits)");
            plot.YLabel(wnri ? "WNRI (bits)" : targetWnri ? (reconstruction ? "WNRI w.r.t. X' (bits)" : "WNRI w.r.t. Y (bits)")
                : reconstruction ? "I(T;X') (bits)" : "I(T;Y) (bits)");
        }

        if (style.Legend)
        {
            plot.ShowLegend(Edge.Right);
        }
        else
        {
            plot.HideLegend();
        }

        return plot;
    }

    /// <summary>
    /// Writes one quantity of each layer over training (one line per layer) to a PNG file: against the iteration when
    /// every record carries one (≥ 0), else against the epoch.
    /// </summary>
    /// <param name="series">The run's records.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="quantity">What to draw (default I(X;T)).</param>
    /// <param name="layers">Only these layers, in this order; null for all.</param>
    /// <param name="title">The title; null for none.</param>
    /// <exception cref="ArgumentException">No records (for the chosen layers).</exception>
    public static void SaveInformationCurves(InformationSeries series, string path, InformationQuantity quantity = InformationQuantity.InputInformation,
        IReadOnlyList<string>? layers = null, string? title = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CreateInformationCurves(series, quantity, layers, title).SavePng(path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The plot of <see cref="SaveInformationCurves"/>, for further styling before saving.</summary>
    /// <exception cref="ArgumentException">No records (for the chosen layers).</exception>
    public static Plot CreateInformationCurves(InformationSeries series, InformationQuantity quantity = InformationQuantity.InputInformation,
        IReadOnlyList<string>? layers = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        EnumGuard.Defined(quantity);
        layers ??= series.Layers;
        var records = series.Records.Where(r => layers.Contains(r.Layer)).ToList();
        if (records.Count == 0)
        {
            throw new ArgumentException("The series has no records to plot (for the chosen layers).", nameof(series));
        }

        bool byIteration = records.All(r => r.Iteration >= 0);
        var plot = new Plot();
        foreach (var layer in layers)
        {
            var track = records.Where(r => r.Layer == layer).ToList();
            if (track.Count == 0)
            {
                continue;
            }

            double[] xs = [.. track.Select(r => (double)(byIteration ? r.Iteration : r.Epoch))];
            double[] ys = [.. track.Select(r => r.ValueOf(quantity))];
            var line = plot.Add.Scatter(xs, ys);
            line.LineWidth = 1.5f;
            line.MarkerSize = track.Count <= 50 ? 5 : 0;
            line.LegendText = layer;
            var bands = track.Select(r => r.BandOf(quantity)).ToList();
            if (bands.All(b => b is not null))
            {
                // The 95 % band of a run measured with ProbeBatches ≥ 2, shaded in the layer's colour under its line.
                var fill = plot.Add.FillY(xs, [.. bands.Select(b => b!.Low)], [.. bands.Select(b => b!.High)]);
                fill.FillColor = line.Color.WithAlpha(0.2);
                fill.LineWidth = 0;
                plot.MoveToBack(fill);
            }
        }

        if (title is not null)
        {
            plot.Title(title);
        }

        plot.XLabel(byIteration ? "Iteration" : "Epoch");
        plot.YLabel($"{quantity.Symbol(series.Target)} (bits)");
        plot.ShowLegend(Edge.Right);
        return plot;
    }

    /// <summary>Writes a training-loss curve to a PNG file (x = 1, 2, … unless <paramref name="steps"/> are given).</summary>
    /// <param name="losses">The losses.</param>
    /// <param name="path">The PNG file.</param>
    /// <param name="steps">The x value of each loss (e.g. epochs or iterations); null for 1, 2, ….</param>
    /// <param name="xLabel">The x-axis label (default "Epoch").</param>
    /// <param name="title">The title (default "Training loss"; null for none).</param>
    /// <exception cref="ArgumentException">No losses, or steps of another length.</exception>
    public static void SaveTrainingCurve(IReadOnlyList<double> losses, string path, IReadOnlyList<double>? steps = null,
        string xLabel = "Epoch", string? title = "Training loss")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        CreateTrainingCurve(losses, steps, xLabel, title).SavePng(path, DefaultWidth, DefaultHeight);
    }

    /// <summary>The training-loss plot, for further styling before saving.</summary>
    /// <exception cref="ArgumentException">No losses, or steps of another length.</exception>
    public static Plot CreateTrainingCurve(IReadOnlyList<double> losses, IReadOnlyList<double>? steps = null,
        string xLabel = "Epoch", string? title = "Training loss")
    {
        ArgumentNullException.ThrowIfNull(losses);
        if (losses.Count == 0)
        {
            throw new ArgumentException("losses is empty; give at least one value.", nameof(losses));
        }

        if (steps is not null && steps.Count != losses.Count)
        {
            throw new ArgumentException($"steps has {steps.Count} values but losses has {losses.Count}.", nameof(steps));
        }

        double[] xs = steps is null ? [.. Enumerable.Range(1, losses.Count).Select(i => (double)i)] : [.. steps];
        var plot = new Plot();
        var curve = plot.Add.Scatter(xs, [.. losses]);
        curve.LineWidth = 2;
        curve.MarkerSize = losses.Count <= 50 ? 5 : 0;
        if (title is not null)
        {
            plot.Title(title);
        }

        plot.XLabel(xLabel);
        plot.YLabel("Loss");
        plot.HideLegend();
        return plot;
    }

    /// <summary>The epoch colour scale for the colour bar.</summary>
    private sealed class EpochAxis(IColormap colormap, ScottPlot.Range range) : IHasColorAxis
    {
        public IColormap Colormap { get; } = colormap;

        public ScottPlot.Range GetRange() => range;
    }
}
