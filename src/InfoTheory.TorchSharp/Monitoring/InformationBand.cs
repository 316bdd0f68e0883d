using InfoTheory.Internal;

namespace InfoTheory.TorchSharp;

/// <summary>
/// The uncertainty band of one measured value v (in bits), from the estimates on B disjoint parts of the probe batch
/// (<see cref="Batches"/>; see <see cref="InformationPlaneOptions.ProbeBatches"/>): v ± t_{B−1, 0.975} · s · √(1 + 1/B),
/// s the standard deviation of the B part estimates. Its width is that of the 95 % prediction interval for the estimate of
/// an independent probe batch of N/B observations; it is centred on v, the whole-probe value that is plotted.
/// </summary>
/// <remarks>
/// <para><b>Why this construction.</b> mean ± t·s·√(1 + 1/B) is the textbook prediction interval for one more draw of the
/// part estimate (B draws, their mean and standard deviation, Student's t for the B − 1 degrees of freedom of s). It is
/// centred on v rather than on the parts' mean because an estimate on N/B observations is biased differently from one on
/// N (a matrix-Rényi entropy is at most log N, so parts give smaller values): that offset is a level, not a spread. For v
/// itself the band is conservative, since an estimate on N observations varies less than one on N/B. How much less
/// depends on the estimator, so it is not assumed: for matrix Rényi (α = 1.01, Silverman h = 5) on the Gaussian case of
/// the tests, the variance falls as about N^−0.65 rather than 1/N at these sizes (2.4 times smaller on N = 120 than on
/// N/4 = 30, not 4 times), so a band that divided s by √B would be too narrow (I(X;T) covered in 181 of 200 trials). This
/// band covers an independent part's estimate (moved to the parts' level) in 189 and 191 of 200 trials (I(X;T), I(T;Y)),
/// and an independent whole-probe value in 190 and 196 of 200
/// (tests/InfoTheory.TorchSharp.Tests/Monitoring/InformationBandTests.cs).</para>
/// <para><b>Why disjoint batches and not bootstrap resamples.</b> A resample repeats observations, and a repeated row
/// makes two identical rows of a Gram matrix (a matrix-Rényi entropy sees fewer distinct points) and a k-NN distance of 0
/// (a KSG or Kozachenko–Leonenko estimate diverges): the resampled estimates are biased and their spread is not the
/// spread of the estimator.</para>
/// </remarks>
/// <param name="Low">The lower end of the band, in bits.</param>
/// <param name="High">The upper end of the band, in bits.</param>
/// <param name="Batches">The B estimates on disjoint parts of the probe batch, in bits, in batch order.</param>
public sealed record InformationBand(double Low, double High, IReadOnlyList<double> Batches)
{
    /// <summary>The prediction level of <see cref="Predict"/>: 0.95.</summary>
    public const double Level = 0.95;

    /// <summary>The B estimates on disjoint parts of the probe batch, in bits, in batch order (at least 2).</summary>
    /// <exception cref="ArgumentException">Fewer than 2 values.</exception>
    public IReadOnlyList<double> Batches
    {
        get => _batches;
        init => _batches = Checked(value);
    }

    private readonly IReadOnlyList<double> _batches = Checked(Batches);

    /// <summary>The standard deviation s of the batch estimates (B − 1 in the denominator).</summary>
    public double Spread => StandardDeviation(_batches);

    /// <summary>
    /// The band around <paramref name="value"/>, the whole-probe estimate: <c>value ± t_{B−1,0.975} · s · √(1 + 1/B)</c>,
    /// s the standard deviation of <paramref name="batches"/> (see the remarks of <see cref="InformationBand"/>).
    /// </summary>
    /// <param name="value">The whole-probe estimate, in bits.</param>
    /// <param name="batches">The B ≥ 2 estimates on disjoint parts of the probe batch, in bits.</param>
    /// <exception cref="ArgumentException">Fewer than 2 batch estimates, or a value that is not finite.</exception>
    public static InformationBand Predict(double value, IReadOnlyList<double> batches)
    {
        var list = Checked(batches);
        if (!double.IsFinite(value) || list.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"value = {value} and batches = {list} must all be finite; an estimate that diverged has no band.", nameof(batches));
        }

        int b = list.Count;
        double half = StudentT.Quantile(0.5 + (Level / 2), b - 1) * StandardDeviation(list) * Math.Sqrt(1 + (1.0 / b));
        return new InformationBand(value - half, value + half, list);
    }

    internal static double StandardDeviation(IReadOnlyList<double> values)
    {
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    private static ValueList<double> Checked(IReadOnlyList<double>? batches)
    {
        var list = ValueList<double>.Require(batches, nameof(Batches));
        return list.Count >= 2 ? list
            : throw new ArgumentException($"Batches has {list.Count} value(s); a band needs the estimates of at least 2 disjoint probe batches.", nameof(Batches));
    }
}
