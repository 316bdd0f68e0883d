namespace InfoTheory;

/// <summary>Settings of the discrete / histogram Kullback–Leibler divergence (<see cref="DiscreteDivergence"/>). Immutable.</summary>
public sealed record DiscreteDivergenceOptions
{
    /// <summary>The defaults: no pseudocount (a support mismatch is an error), 30 bins per column for continuous samples.</summary>
    public static DiscreteDivergenceOptions Default { get; } = new();

    /// <summary>
    /// A count a ≥ 0 added to every category of both P and Q before normalising (additive / Laplace smoothing; a = 0.5
    /// is Jeffreys' prior). Categories are the histogram's entries, or the symbols (bins) seen in P or in Q. With a = 0
    /// (default) a category with mass under P and none under Q makes D(P‖Q) = +∞, which is refused.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">a is negative or not finite.</exception>
    public double Pseudocount
    {
        get;
        init => field = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Pseudocount), value, $"Pseudocount = {value} must be a finite number ≥ 0 (0 = none, 0.5 = Jeffreys).");
    }

    /// <summary>
    /// How continuous samples are binned (default 30 equal bins per column). The ranges are taken over P and Q together,
    /// so both histograms share one grid; <see cref="BinRange.Fixed"/> gives an explicit grid.
    /// </summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public BinningOptions Binning
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Binning), "Give binning settings, e.g. BinningOptions.Default.");
    } = BinningOptions.Default;
}
