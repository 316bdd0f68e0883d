using System.Globalization;
using InfoTheory.Internal;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The course of one quantity of one layer over training (see <see cref="InformationPhases"/>), after a moving average
/// over <see cref="Window"/> consecutive measurements: where it starts, its peak, where it ends. All values in bits.
/// </summary>
/// <param name="Layer">The layer.</param>
/// <param name="Quantity">The quantity followed.</param>
/// <param name="Window">The moving-average width, in measurements.</param>
/// <param name="Measurements">How many measurements of the layer the series holds.</param>
/// <param name="Initial">The first measurement itself (not averaged): the untrained network when measured before training.</param>
/// <param name="Start">The mean of the first <see cref="Window"/> measurements.</param>
/// <param name="Peak">The largest moving average (the first, if several are equal).</param>
/// <param name="End">The mean of the last <see cref="Window"/> measurements.</param>
/// <param name="PeakIteration">The iteration of the middle measurement of the peak window.</param>
/// <param name="PeakEpoch">The epoch of the middle measurement of the peak window.</param>
/// <param name="PeakPosition">Where the peak window starts, as a fraction of the possible starts: 0 for the first window, 1 for
/// the last (0 when there is only one window).</param>
public sealed record LayerPhases(string Layer, InformationQuantity Quantity, int Window, int Measurements, double Initial, double Start, double Peak, double End,
    int PeakIteration, int PeakEpoch, double PeakPosition)
{
    /// <summary>Peak − Start (≥ 0): how far the quantity rose before its peak, the fitting phase.</summary>
    public double Rise => Peak - Start;

    /// <summary>Peak − End (≥ 0): how far it fell after its peak, the compression (simplifying) phase when the quantity is I(X;T).</summary>
    public double Fall => Peak - End;

    /// <summary>
    /// Whether the fall is larger than the noise of the probe batch: the split-half test of <see cref="FallTest"/>, when
    /// every record of the layer carries a band of the quantity (<see cref="InformationPlaneOptions.ProbeBatches"/> B ≥ 3,
    /// the same B throughout); else null (H(T) has no band).
    /// </summary>
    public FallTest? FallTest { get; init; }

    /// <summary>
    /// True when the fall passed its test (<see cref="FallTest.Significant"/>): for I(X;T), a compression phase larger than
    /// the noise at the 5 % level; null without a test.
    /// </summary>
    public bool? Compressed => FallTest?.Significant;

    /// <summary>One line: <c>enc1 I(X;T): 5.10 → peak 6.20 (iteration 812) → 5.90 bits</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Layer} {Quantity.Symbol()}: {Start:F3} → peak {Peak:F3} (iteration {PeakIteration}) → {End:F3} bits");
}

/// <summary>
/// Fitting and compression phases read off a training run's <see cref="InformationSeries"/>: the rise of a quantity to
/// its peak and its fall after it, on a moving average so that the measurement-to-measurement jitter of a fixed probe
/// batch is not read as a phase.
/// </summary>
/// <remarks>
/// Shwartz-Ziv &amp; Tishby (arXiv:1703.00810, 2017) describe a fitting phase, where I(X;T) and I(T;Y) grow, followed by a
/// compression phase, where I(X;T) falls; Lee &amp; Jo (Entropy 23(7) 862, 2021, doi:10.3390/e23070862) call the latter the
/// simplifying phase and look for it in autoencoders, with Y = X′. <see cref="LayerPhases.Rise"/> and
/// <see cref="LayerPhases.Fall"/> put numbers on both; what counts as a phase (how many bits) is the caller's rule. A good
/// window is about one epoch of measurements when measuring every iteration. When the run was measured with bands
/// (<see cref="InformationPlaneOptions.ProbeBatches"/> B ≥ 3), <see cref="LayerPhases.FallTest"/> says whether the fall
/// is larger than the noise of the probe batch (see <see cref="FallTest"/>).
/// </remarks>
public static class InformationPhases
{
    /// <summary>The phases of <paramref name="quantity"/> for one layer.</summary>
    /// <param name="series">The run's records (in measurement order).</param>
    /// <param name="layer">The layer.</param>
    /// <param name="quantity">The quantity (default I(X;T)).</param>
    /// <param name="window">The moving-average width in measurements (≥ 1; 1 for none).</param>
    /// <exception cref="ArgumentException">The layer has no records, or fewer than <paramref name="window"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is less than 1, or the quantity is not defined.</exception>
    public static LayerPhases Of(InformationSeries series, string layer, InformationQuantity quantity = InformationQuantity.InputInformation, int window = 1)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(layer);
        EnumGuard.Defined(quantity);
        if (window < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, $"window = {window}; give a moving-average width of at least 1 measurement (1 for none).");
        }

        var track = series.Records.Where(r => r.Layer == layer).ToList();
        if (track.Count == 0)
        {
            throw new ArgumentException($"The series has no records of layer '{layer}'; its layers are {string.Join(", ", series.Layers)}.", nameof(layer));
        }

        if (window > track.Count)
        {
            throw new ArgumentException(
                $"window = {window} is longer than the {track.Count} measurements of layer '{layer}'; use a window of at most {track.Count}.", nameof(window));
        }

        // Running sums give each window's mean in O(n).
        int windows = track.Count - window + 1;
        double sum = 0;
        for (int i = 0; i < window; i++)
        {
            sum += track[i].ValueOf(quantity);
        }

        double start = sum / window, peak = start, end = start;
        int peakAt = 0;
        for (int k = 1; k < windows; k++)
        {
            sum += track[k + window - 1].ValueOf(quantity) - track[k - 1].ValueOf(quantity);
            double mean = sum / window;
            if (mean > peak)
            {
                peak = mean;
                peakAt = k;
            }

            end = mean;
        }

        var middle = track[peakAt + ((window - 1) / 2)];
        return new LayerPhases(layer, quantity, window, track.Count, track[0].ValueOf(quantity), start, peak, end, middle.Iteration, middle.Epoch,
            windows == 1 ? 0 : peakAt / (double)(windows - 1))
        {
            FallTest = FallTest.Of(track, quantity, window),
        };
    }

    /// <summary>The phases of <paramref name="quantity"/> for each of <paramref name="layers"/> (all layers of the series when null).</summary>
    /// <exception cref="ArgumentException">A layer has no records, or fewer than <paramref name="window"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="window"/> is less than 1, or the quantity is not defined.</exception>
    public static IReadOnlyList<LayerPhases> Of(InformationSeries series, InformationQuantity quantity, int window, IReadOnlyList<string>? layers = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        return [.. (layers ?? series.Layers).Select(l => Of(series, l, quantity, window))];
    }
}
