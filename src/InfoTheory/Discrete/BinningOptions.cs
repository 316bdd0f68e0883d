using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>Which interval the equal-width bins of a column cover.</summary>
public enum BinRange
{
    /// <summary>Each column its own [min, max] over the samples.</summary>
    PerColumn,

    /// <summary>
    /// One [min, max] over every value of the variable (all columns of a layer), as in the layer estimator of
    /// Shwartz-Ziv &amp; Tishby (arXiv:1703.00810).
    /// </summary>
    Layer,

    /// <summary>The fixed interval [<see cref="BinningOptions.Minimum"/>, <see cref="BinningOptions.Maximum"/>]
    /// (e.g. [−1, 1] for tanh units, the range of Shwartz-Ziv &amp; Tishby's code); values outside it are refused.</summary>
    Fixed,
}

/// <summary>
/// Settings of equal-width binning: B bins of width (max − min)/B over a column's range; bin b holds
/// [min + b·w, min + (b+1)·w), the last bin also holds max (the numpy.histogram convention). A constant column is one bin.
/// </summary>
public sealed record BinningOptions
{
    /// <summary>The default bin count, 30 (Shwartz-Ziv &amp; Tishby, arXiv:1703.00810).</summary>
    public const int DefaultBins = 30;

    /// <summary>The defaults: 30 bins over each column's own range, plug-in entropies.</summary>
    public static BinningOptions Default { get; } = new();

    /// <summary>The number of equal-width bins per column, B ≥ 1 (default 30).</summary>
    /// <exception cref="ArgumentOutOfRangeException">B &lt; 1.</exception>
    public int Bins
    {
        get;
        init => field = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Bins), value, $"bins = {value}: at least 1 bin is needed; 30 is the usual choice for a layer.");
    } = DefaultBins;

    /// <summary>The interval the bins cover (default: each column's own [min, max]).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined range.</exception>
    public BinRange Range
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Range));
    }

    /// <summary>Lower end of the interval when <see cref="Range"/> is <see cref="BinRange.Fixed"/> (default −1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double Minimum
    {
        get;
        init => field = double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Minimum), value, "Minimum must be finite.");
    } = -1;

    /// <summary>Upper end of the interval when <see cref="Range"/> is <see cref="BinRange.Fixed"/> (default 1); must exceed
    /// <see cref="Minimum"/> (checked when used).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double Maximum
    {
        get;
        init => field = double.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(Maximum), value, "Maximum must be finite.");
    } = 1;

    /// <summary>The bias correction of the entropies of the bin patterns (default none).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined correction.</exception>
    public DiscreteBiasCorrection Correction
    {
        get;
        init => field = EnumGuard.Defined(value, nameof(Correction));
    }
}
