namespace InfoTheory.TorchSharp;

/// <summary>
/// Did a quantity (I(X;T): compression) fall from its peak to the end of training by more than the noise of the probe
/// batch? A split-half paired test on the disjoint probe parts of a run measured with bands
/// (<see cref="InformationPlaneOptions.ProbeBatches"/> B ≥ 3). Values in bits.
/// </summary>
/// <remarks>
/// <para><b>Why split-half.</b> The peak is the largest of many noisy values, so the fall measured from it is inflated
/// even when nothing falls (max-selection bias: over a flat noisy series, peak − end is always ≥ 0). So the parts are
/// split: the odd-numbered parts (1, 3, …) choose the peak window (the largest moving average of their mean), and the
/// even-numbered parts (0, 2, …; ⌈B/2⌉ of them) measure the fall there. The parts hold disjoint observations, so the
/// measuring half's estimates are independent of the choice and their fall is not inflated.</para>
/// <para><b>The test.</b> On each measuring part b, d_b = (its moving average at the peak window) − (its moving average
/// over the last window): a paired difference, so what the part's observations add to every step alike cancels. The
/// fall is the mean of the d_b, its standard error s_d/√m over the m measuring parts, and [<see cref="Low"/>,
/// <see cref="High"/>] = fall ∓ t_{m−1, 0.95} · s_d/√m, a 90 % two-sided interval whose lower end is a one-sided 95 %
/// lower confidence bound. <see cref="Significant"/> when Low &gt; 0: a one-sided test at the 5 % level, so a flat series
/// is declared to fall in 5 % of runs (201 of 4,000 seeded flat series in tests/InfoTheory.TorchSharp.Tests/Monitoring/FallTestTests.cs).</para>
/// <para><b>What it measures.</b> The fall of the estimate on N/B observations (each part's size), not on the whole
/// probe: the direction is the same, the size differs (a matrix-Rényi value is at most log(N/B)). The test has ⌈B/2⌉ − 1
/// degrees of freedom: B = 3 or 4 gives t = 6.3, so use B ≥ 6 (t ≤ 2.9) for power.</para>
/// </remarks>
/// <param name="Batches">B, the probe parts of each measurement.</param>
/// <param name="PeakIteration">The iteration of the middle measurement of the peak window chosen by the selecting half.</param>
/// <param name="PeakEpoch">Its epoch.</param>
/// <param name="Fall">The mean fall over the measuring half (can be negative).</param>
/// <param name="StandardError">The standard error of <paramref name="Fall"/>.</param>
/// <param name="Low">The one-sided 95 % lower confidence bound of the fall.</param>
/// <param name="High">The one-sided 95 % upper confidence bound of the fall.</param>
public sealed record FallTest(int Batches, int PeakIteration, int PeakEpoch, double Fall, double StandardError, double Low, double High)
{
    /// <summary>The level of the one-sided test: 0.05.</summary>
    public const double Alpha = 0.05;

    /// <summary>True when the fall is larger than the noise: <see cref="Low"/> &gt; 0 (one-sided test at 5 %).</summary>
    public bool Significant => Low > 0;

    /// <summary>
    /// The test on one layer's records (in measurement order) with a moving average over <paramref name="window"/>
    /// measurements; null when a record has no band of <paramref name="quantity"/>, the parts' counts differ, or B &lt; 3.
    /// </summary>
    internal static FallTest? Of(IReadOnlyList<InformationRecord> track, InformationQuantity quantity, int window)
    {
        var bands = track.Select(r => r.BandOf(quantity)).ToList();
        int b = bands[0]?.Batches.Count ?? 0;
        if (b < 3 || bands.Any(band => band is null || band.Batches.Count != b))
        {
            return null;
        }

        int windows = track.Count - window + 1;
        // Moving average of part p (or of a half's mean) starting at measurement j.
        double Window(int j, Func<InformationBand, double> value)
        {
            double sum = 0;
            for (int k = j; k < j + window; k++)
            {
                sum += value(bands[k]!);
            }

            return sum / window;
        }

        double Selecting(InformationBand band)
        {
            double sum = 0;
            for (int p = 1; p < b; p += 2)
            {
                sum += band.Batches[p];
            }

            return sum / (b / 2);
        }

        int peakAt = 0;
        double peak = Window(0, Selecting);
        for (int j = 1; j < windows; j++)
        {
            double mean = Window(j, Selecting);
            if (mean > peak)
            {
                (peak, peakAt) = (mean, j);
            }
        }

        var falls = new List<double>();
        for (int p = 0; p < b; p += 2)
        {
            falls.Add(Window(peakAt, band => band.Batches[p]) - Window(windows - 1, band => band.Batches[p]));
        }

        int m = falls.Count;
        double fall = falls.Average(), se = InformationBand.StandardDeviation(falls) / Math.Sqrt(m);
        double half = StudentT.Quantile(1 - Alpha, m - 1) * se;
        var middle = track[peakAt + ((window - 1) / 2)];
        return new FallTest(b, middle.Iteration, middle.Epoch, fall, se, fall - half, fall + half);
    }
}
