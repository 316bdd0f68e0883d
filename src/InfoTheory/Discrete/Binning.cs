namespace InfoTheory.Internal;

/// <summary>Equal-width binning of the columns of a variable, and the bin pattern of each row as a dense symbol code.</summary>
internal static class Binning
{
    /// <summary>The dense code of each row's bin pattern; <paramref name="distinct"/> is the number of occupied patterns.</summary>
    public static int[] RowCodes(in Samples samples, BinningOptions options, string name, out int distinct)
    {
        Guard.Usable(samples, 1, name);
        int n = samples.Count, d = samples.Dimensions, b = options.Bins;
        var (lo, hi) = Ranges(samples, options, name);
        var bins = new int[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                bins[i * d + k] = Bin(samples[i, k], lo[k], hi[k], b);
            }
        }

        return SymbolCodes.BinRows(bins, n, d, b, out distinct);
    }

    /// <summary>The diagnostics of an estimate on these bins: the grid, the correction and the distinct patterns.</summary>
    public static BinningDiagnostics Diagnostics(BinningOptions options, params int[] patterns) =>
        new(options.Bins, options.Range, options.Correction, patterns);

    /// <summary>
    /// The bin of v in B equal bins over [lo, hi]: ⌊B·(v − lo)/(hi − lo)⌋, with v = hi in the last bin; lo = hi → bin 0.
    /// The fraction is invariant to scaling, and exactly so for powers of two; when hi − lo overflows (data near
    /// ±1.8e308) it is computed on the halved values, which gives the same fraction bit for bit.
    /// </summary>
    public static int Bin(double v, double lo, double hi, int bins)
    {
        if (!(hi > lo))
        {
            return 0;
        }

        if (double.IsInfinity(hi - lo))
        {
            v *= 0.5;
            lo *= 0.5;
            hi *= 0.5;
        }

        int b = (int)((v - lo) / (hi - lo) * bins);
        return Math.Clamp(b, 0, bins - 1);
    }

    private static (double[] Low, double[] High) Ranges(in Samples samples, BinningOptions options, string name)
    {
        int n = samples.Count, d = samples.Dimensions;
        var lo = new double[d];
        var hi = new double[d];
        Array.Fill(lo, double.PositiveInfinity);
        Array.Fill(hi, double.NegativeInfinity);
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                double v = samples[i, k];
                lo[k] = Math.Min(lo[k], v);
                hi[k] = Math.Max(hi[k], v);
            }
        }

        switch (options.Range)
        {
            case BinRange.Layer:
                double min = lo.Min(), max = hi.Max();
                Array.Fill(lo, min);
                Array.Fill(hi, max);
                break;
            case BinRange.Fixed:
                if (!(options.Maximum > options.Minimum))
                {
                    throw new ArgumentException(
                        $"The fixed bin range [{options.Minimum}, {options.Maximum}] is empty; set Maximum greater than Minimum.", nameof(options));
                }

                for (int k = 0; k < d; k++)
                {
                    if (lo[k] < options.Minimum || hi[k] > options.Maximum)
                    {
                        throw new ArgumentException(
                            $"{name} column {k} spans [{lo[k]}, {hi[k]}], outside the fixed bin range [{options.Minimum}, {options.Maximum}]; widen the range or use BinRange.Layer.",
                            name);
                    }
                }

                Array.Fill(lo, options.Minimum);
                Array.Fill(hi, options.Maximum);
                break;
        }

        return (lo, hi);
    }
}
