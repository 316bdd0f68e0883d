using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// How the kernel width σ is chosen for a variable of N observations in d dimensions. Every estimate reports the σ
/// it used. The rule is applied to each variable separately (its own N and d).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="Fixed"/>: σ as given.</item>
/// <item><see cref="Silverman"/>: σ = h·N^(−1/(4+d)); Yu et al. use h = 5 for forward signals and h = 0.1 for
/// back-propagated errors (IEEE TNNLS 32(1) 2021, doi:10.1109/TNNLS.2020.2968509).</item>
/// <item><see cref="Scott"/>: σ = γ·N^(−1/(4+d)); Lee &amp; Jo use γ = 2 (Entropy 23(7) 862, 2021, doi:10.3390/e23070862).
/// The formula is Silverman's with a different constant: the two names keep the papers' vocabulary.</item>
/// <item><see cref="Median"/>: σ = s·median of the pairwise distances ‖xᵢ − xⱼ‖ over i &lt; j (the median heuristic).</item>
/// </list>
/// </remarks>
public abstract record Bandwidth
{
    private protected Bandwidth()
    {
    }

    /// <summary>The default constant of <see cref="Silverman"/>, h = 5 (Yu et al.'s choice for forward signals).</summary>
    public const double DefaultH = 5;

    /// <summary>The default constant of <see cref="Scott"/>, γ = 2 (Lee &amp; Jo's choice).</summary>
    public const double DefaultGamma = 2;

    /// <summary>The default rule: Silverman-style with h = <see cref="DefaultH"/> = 5.</summary>
    public static Bandwidth Default { get; } = new SilvermanRule(DefaultH);

    /// <summary>
    /// A fixed width σ &gt; 0 in the data's units. An estimate refuses a σ more than 10^150 times larger or smaller than
    /// the data's scale, where every kernel value between distinct observations is 1 or 0 whatever the data.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not a finite positive number.</exception>
    public static Bandwidth Fixed(double sigma)
    {
        Guard.Positive(sigma, "give the kernel width in the units of the data, e.g. sigma = 1.");
        return new FixedWidth(sigma);
    }

    /// <summary>σ = h·N^(−1/(4+d)).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="h"/> is not a finite positive number.</exception>
    public static Bandwidth Silverman(double h = DefaultH)
    {
        Guard.Positive(h, "the papers use h = 5 for activations and h = 0.1 for gradients.");
        return new SilvermanRule(h);
    }

    /// <summary>σ = γ·N^(−1/(4+d)).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gamma"/> is not a finite positive number.</exception>
    public static Bandwidth Scott(double gamma = DefaultGamma)
    {
        Guard.Positive(gamma, "Lee & Jo use gamma = 2.");
        return new ScottRule(gamma);
    }

    /// <summary>σ = scale·median pairwise Euclidean distance.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not a finite positive number.</exception>
    public static Bandwidth Median(double scale = 1)
    {
        Guard.Positive(scale, "scale = 1 uses the median distance itself.");
        return new MedianRule(scale);
    }

    /// <summary>True when the rule needs the pairwise distances (only the median heuristic).</summary>
    internal virtual bool NeedsDistances => false;

    /// <summary>The width for a variable of <paramref name="count"/> observations in <paramref name="dimensions"/> dimensions.</summary>
    /// <param name="count">N.</param>
    /// <param name="dimensions">d.</param>
    /// <param name="squaredDistances">Row-major N×N squared distances; only read when <see cref="NeedsDistances"/>.</param>
    internal abstract double Resolve(int count, int dimensions, ReadOnlySpan<double> squaredDistances);

    /// <summary>The width this rule gives for <paramref name="samples"/>.</summary>
    /// <exception cref="ArgumentException">The samples are not finite, fewer than 2, or all identical (median rule).</exception>
    public double WidthFor(Samples samples)
    {
        Guard.Usable(samples, 2);
        if (!NeedsDistances)
        {
            return Resolve(samples.Count, samples.Dimensions, default);
        }

        return Resolve(samples.Count, samples.Dimensions, PairwiseDistances.Squared(samples.ToDouble(), parallel: true));
    }

    private sealed record FixedWidth(double Sigma) : Bandwidth
    {
        internal override double Resolve(int count, int dimensions, ReadOnlySpan<double> squaredDistances) => Sigma;

        public override string ToString() => $"fixed(sigma={Sigma:G6})";
    }

    private sealed record SilvermanRule(double H) : Bandwidth
    {
        internal override double Resolve(int count, int dimensions, ReadOnlySpan<double> squaredDistances) =>
            H * Math.Pow(count, -1.0 / (4 + dimensions));

        public override string ToString() => $"silverman(h={H:G6})";
    }

    private sealed record ScottRule(double Gamma) : Bandwidth
    {
        internal override double Resolve(int count, int dimensions, ReadOnlySpan<double> squaredDistances) =>
            Gamma * Math.Pow(count, -1.0 / (4 + dimensions));

        public override string ToString() => $"scott(gamma={Gamma:G6})";
    }

    private sealed record MedianRule(double Scale) : Bandwidth
    {
        internal override bool NeedsDistances => true;

        internal override double Resolve(int count, int dimensions, ReadOnlySpan<double> squaredDistances)
        {
            var upper = new double[count * (count - 1) / 2];
            int at = 0;
            for (int i = 1; i < count; i++)
            {
                squaredDistances.Slice(i * count, i).CopyTo(upper.AsSpan(at));
                at += i;
            }

            double median = Math.Sqrt(Statistics.Median(upper));
            if (!(median > 0))
            {
                throw new ArgumentException(
                    "The median pairwise distance is 0 (more than half of the observations coincide), so the median rule gives no width; use a fixed sigma or the Silverman/Scott rule.",
                    "bandwidth");
            }

            return Scale * median;
        }

        public override string ToString() => $"median(scale={Scale:G6})";
    }
}
