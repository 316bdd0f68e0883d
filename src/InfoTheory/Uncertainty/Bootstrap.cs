using System.Runtime.ExceptionServices;
using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// A resampling confidence interval, with the estimate on all the data and the replicate values: a record composed of
/// the estimator's own <see cref="InformationEstimate"/> (its analytic standard error and diagnostics kept as they are)
/// and what resampling adds.
/// </summary>
/// <param name="Estimate">The estimate on all N observations, as the estimator returned it.</param>
/// <param name="Interval">The confidence interval.</param>
/// <param name="StandardError">The resampling standard error (std of the replicates; for subsampling, rescaled by √(m/N)).</param>
/// <param name="Replicates">The estimate on each resample, in replicate order (reproducible for a given seed).</param>
public sealed record BootstrapResult(InformationEstimate Estimate, ConfidenceInterval Interval, Information StandardError, IReadOnlyList<Information> Replicates)
{
    /// <summary>The estimate on each resample, in replicate order (reproducible for a given seed).</summary>
    public IReadOnlyList<Information> Replicates { get => _replicates; init => _replicates = ValueList<Information>.Require(value, nameof(Replicates)); }

    private readonly IReadOnlyList<Information> _replicates = ValueList<Information>.Require(Replicates, nameof(Replicates));
}

/// <summary>
/// Seeded resampling confidence intervals for ANY entropy or mutual-information estimator: the nonparametric bootstrap
/// (percentile interval; Efron &amp; Tibshirani, An Introduction to the Bootstrap, 1993, ch. 13) and subsampling without
/// replacement (Politis, Romano &amp; Wolf, Subsampling, Springer 1999).
/// </summary>
/// <remarks>
/// <para><b>Duplicates.</b> Resampling N rows with replacement repeats about 37% of them (1 − 1/e of the rows are
/// drawn, some several times). Estimators that look at nearest neighbors or at small kernel widths see the copies as
/// points at distance 0: k-NN entropies (Kozachenko–Leonenko, KSG) drop sharply, and KDE leave-one-out likelihoods and
/// binning are affected too. The bootstrap distribution is then shifted, and the percentile interval misses the truth.
/// For such estimators use <see cref="SubsamplingInterval(IEntropyEstimator, Samples, int, int, double, int, IProgress{EstimationProgress}, CancellationToken)"/>: it draws
/// m &lt; N distinct rows, so no duplicates are created. The bootstrap refuses the k-NN estimators of this library.</para>
/// <para><b>Reproducibility.</b> Replicate b uses its own generator seeded from (seed, b), so results do not depend on the
/// number of threads; replicates run in parallel (estimators are thread-safe by contract). Percentiles are the linear
/// interpolation of the sorted replicates (type 7 of Hyndman &amp; Fan 1996).</para>
/// <para><b>Progress and cancellation.</b> Each method reports the stage <c>replicates</c> and passes its token to the
/// estimator, whose matrix-Rényi and neural implementations stop within their own check interval; no further replicate
/// starts once the token is cancelled.</para>
/// </remarks>
public static class Bootstrap
{
    /// <summary>The default number of replicates, 200.</summary>
    public const int DefaultReplicates = 200;

    /// <summary>Percentile bootstrap interval of an entropy: N rows drawn with replacement per replicate.</summary>
    /// <param name="estimator">Any entropy estimator.</param>
    /// <param name="samples">The N observations.</param>
    /// <param name="replicates">B ≥ 1 resamples (a few hundred for 95%; more for higher levels).</param>
    /// <param name="level">The coverage, in (0, 1).</param>
    /// <param name="seed">The seed: same seed, same interval.</param>
    /// <param name="progress">Receives the stage <c>replicates</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the resampling: no replicate starts after it is cancelled, and the running
    /// ones are stopped as far as the estimator checks it (see <see cref="IEntropyEstimator.Estimate(Samples, CancellationToken)"/>).</param>
    /// <exception cref="ArgumentException">B &lt; 1, level ∉ (0, 1), unusable samples, a k-NN estimator (use
    /// <see cref="SubsamplingInterval(IEntropyEstimator, Samples, int, int, double, int, IProgress{EstimationProgress}, CancellationToken)"/>), or an estimator failure on a resample.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BootstrapResult ConfidenceInterval(IEntropyEstimator estimator, Samples samples, int replicates = DefaultReplicates,
        double level = 0.95, int seed = 0, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        RefuseDistanceSensitive(estimator);
        Check(samples.Count, replicates, level, nameof(samples));
        var full = estimator.Estimate(samples, cancellationToken);
        var values = Replicate(replicates, seed, samples.Count, samples.Count, withReplacement: true,
            rows => estimator.Estimate(samples.Select(rows), cancellationToken).Value.Nats, WorkTracker.Create(progress, cancellationToken));
        return Percentile(full, values, level);
    }

    /// <summary>Percentile bootstrap interval of a mutual information: N (x, y) pairs drawn with replacement per replicate.</summary>
    /// <param name="estimator">Any mutual-information estimator.</param>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The N matching observations of Y.</param>
    /// <param name="replicates">B ≥ 1 resamples.</param>
    /// <param name="level">The coverage, in (0, 1).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="progress">Receives the stage <c>replicates</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the resampling: no replicate starts after it is cancelled, and the running
    /// ones are stopped as far as the estimator checks it (see <see cref="IMutualInformationEstimator.Estimate(Samples, Samples, CancellationToken)"/>).</param>
    /// <exception cref="ArgumentException">B &lt; 1, level ∉ (0, 1), different counts, a k-NN estimator (use
    /// <see cref="SubsamplingInterval(IMutualInformationEstimator, Samples, Samples, int, int, double, int, IProgress{EstimationProgress}, CancellationToken)"/>), or an estimator failure on a resample.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BootstrapResult ConfidenceInterval(IMutualInformationEstimator estimator, Samples x, Samples y,
        int replicates = DefaultReplicates, double level = 0.95, int seed = 0, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        RefuseDistanceSensitive(estimator);
        Guard.SameCount(x, y);
        Check(x.Count, replicates, level, nameof(x));
        var full = estimator.Estimate(x, y, cancellationToken);
        var values = Replicate(replicates, seed, x.Count, x.Count, withReplacement: true,
            rows => estimator.Estimate(x.Select(rows), y.Select(rows), cancellationToken).Value.Nats, WorkTracker.Create(progress, cancellationToken));
        return Percentile(full, values, level);
    }

    /// <summary>
    /// Subsampling interval of an entropy: m &lt; N distinct rows per replicate (no duplicates), and the law of
    /// √m·(θ̂_m − θ̂_N) standing in for that of √N·(θ̂_N − θ): [θ̂_N − q_{(1+L)/2}/√N, θ̂_N − q_{(1−L)/2}/√N].
    /// </summary>
    /// <param name="estimator">Any entropy estimator.</param>
    /// <param name="samples">The N observations.</param>
    /// <param name="subsampleSize">m with 2 ≤ m &lt; N (N/2 is a common choice; m → ∞ and m/N → 0 for consistency).</param>
    /// <param name="replicates">B ≥ 1 subsamples.</param>
    /// <param name="level">The coverage, in (0, 1).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="progress">Receives the stage <c>replicates</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the resampling: no replicate starts after it is cancelled, and the running
    /// ones are stopped as far as the estimator checks it (see <see cref="IEntropyEstimator.Estimate(Samples, CancellationToken)"/>).</param>
    /// <exception cref="ArgumentException">m out of range, B &lt; 1, level ∉ (0, 1), or an estimator failure on a subsample.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BootstrapResult SubsamplingInterval(IEntropyEstimator estimator, Samples samples, int subsampleSize,
        int replicates = DefaultReplicates, double level = 0.95, int seed = 0, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Check(samples.Count, replicates, level, nameof(samples));
        CheckSubsample(subsampleSize, samples.Count);
        var full = estimator.Estimate(samples, cancellationToken);
        var values = Replicate(replicates, seed, samples.Count, subsampleSize, withReplacement: false,
            rows => estimator.Estimate(samples.Select(rows), cancellationToken).Value.Nats, WorkTracker.Create(progress, cancellationToken));
        return Subsampled(full, values, level, subsampleSize, samples.Count);
    }

    /// <summary>Subsampling interval of a mutual information: m &lt; N distinct (x, y) pairs per replicate.</summary>
    /// <param name="estimator">Any mutual-information estimator.</param>
    /// <param name="x">N observations of X.</param>
    /// <param name="y">The N matching observations of Y.</param>
    /// <param name="subsampleSize">m with 2 ≤ m &lt; N.</param>
    /// <param name="replicates">B ≥ 1 subsamples.</param>
    /// <param name="level">The coverage, in (0, 1).</param>
    /// <param name="seed">The seed.</param>
    /// <param name="progress">Receives the stage <c>replicates</c> (see <see cref="EstimationProgress"/>); null for none.</param>
    /// <param name="cancellationToken">Stops the resampling: no replicate starts after it is cancelled, and the running
    /// ones are stopped as far as the estimator checks it (see <see cref="IMutualInformationEstimator.Estimate(Samples, Samples, CancellationToken)"/>).</param>
    /// <exception cref="ArgumentException">m out of range, B &lt; 1, level ∉ (0, 1), different counts, or an estimator failure.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static BootstrapResult SubsamplingInterval(IMutualInformationEstimator estimator, Samples x, Samples y, int subsampleSize,
        int replicates = DefaultReplicates, double level = 0.95, int seed = 0, IProgress<EstimationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Guard.SameCount(x, y);
        Check(x.Count, replicates, level, nameof(x));
        CheckSubsample(subsampleSize, x.Count);
        var full = estimator.Estimate(x, y, cancellationToken);
        var values = Replicate(replicates, seed, x.Count, subsampleSize, withReplacement: false,
            rows => estimator.Estimate(x.Select(rows), y.Select(rows), cancellationToken).Value.Nats, WorkTracker.Create(progress, cancellationToken));
        return Subsampled(full, values, level, subsampleSize, x.Count);
    }

    /// <summary>
    /// B statistics, replicate b on rows drawn by a generator seeded from (seed, b); in parallel, each counted to
    /// <paramref name="work"/> as stage <paramref name="stage"/> (no replicate starts once it is cancelled).
    /// </summary>
    internal static double[] Replicate(int replicates, int seed, int n, int m, bool withReplacement, Func<int[], double> statistic,
        WorkTracker? work, string stage = EstimationStages.Replicates)
    {
        var values = new double[replicates];
        work?.Begin(stage, replicates);
        try
        {
            Parallel.For(0, replicates, work?.ParallelOptions ?? new ParallelOptions(), b =>
            {
                work?.ThrowIfCancellationRequested();
                var random = new Random(Seeds.Derive(seed, b));
                values[b] = statistic(withReplacement ? Draw(random, n, m) : Seeds.PartialShuffle(random, n, m));
                work?.Advance(1);
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return values;
    }

    /// <summary>The p-quantile of sorted values by linear interpolation (Hyndman–Fan type 7).</summary>
    internal static double Quantile(double[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static int[] Draw(Random random, int n, int m)
    {
        var rows = new int[m];
        for (int i = 0; i < m; i++)
        {
            rows[i] = random.Next(n);
        }

        return rows;
    }

    private static BootstrapResult Percentile(InformationEstimate full, double[] values, double level)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        double alpha = (1 - level) / 2;
        var interval = new ConfidenceInterval(
            Information.FromNats(Quantile(sorted, alpha)), Information.FromNats(Quantile(sorted, 1 - alpha)), level);
        return new BootstrapResult(full, interval, Information.FromNats(StandardDeviation(values)), Wrap(values));
    }

    private static BootstrapResult Subsampled(InformationEstimate full, double[] values, double level, int m, int n)
    {
        // Roots √m·(θ̂_m − θ̂_N); θ ∈ [θ̂_N − q_hi/√N, θ̂_N − q_lo/√N].
        double nats = full.Value.Nats;
        var roots = values.Select(v => Math.Sqrt(m) * (v - nats)).ToArray();
        Array.Sort(roots);
        double alpha = (1 - level) / 2;
        double rootN = Math.Sqrt(n);
        var interval = new ConfidenceInterval(
            Information.FromNats(nats - Quantile(roots, 1 - alpha) / rootN),
            Information.FromNats(nats - Quantile(roots, alpha) / rootN), level);
        return new BootstrapResult(full, interval, Information.FromNats(StandardDeviation(values) * Math.Sqrt((double)m / n)), Wrap(values));
    }

    private static double StandardDeviation(double[] values)
    {
        if (values.Length < 2)
        {
            return 0;
        }

        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
    }

    private static Information[] Wrap(double[] nats) => nats.Select(Information.FromNats).ToArray();

    private static void Check(int n, int replicates, double level, string name)
    {
        if (replicates < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicates), replicates,
                $"replicates = {replicates}: at least 1 resample is needed; use a few hundred (default {DefaultReplicates}) for a 95% interval.");
        }

        ConfidenceLevel.Check(level);
        if (n < 2)
        {
            throw new ArgumentException($"{name} has {n} observation(s); resampling needs at least 2. Give more samples.", name);
        }
    }

    // A k-NN estimator reads the bootstrap's repeated rows as neighbors at distance 0 (a KL entropy of {1, 1, 2, 2}
    // gave an interval of [−30.8, −21.7] bits): subsampling draws distinct rows.
    private static void RefuseDistanceSensitive(object estimator)
    {
        if (estimator is NearestNeighbors.IDistanceSensitive)
        {
            throw new ArgumentException(
                $"{estimator.GetType().Name} is a k-NN estimator: resampling with replacement repeats about 37% of the rows, and it reads each copy as a neighbor at distance 0, so the bootstrap distribution measures the copies, not the data. Use Bootstrap.SubsamplingInterval (m < N distinct rows, e.g. m = N/2) instead.",
                nameof(estimator));
        }
    }

    private static void CheckSubsample(int m, int n)
    {
        if (m < 2 || m >= n)
        {
            throw new ArgumentOutOfRangeException("subsampleSize", m,
                $"subsampleSize = {m} must satisfy 2 ≤ m < N = {n}; N/2 = {n / 2} is a common choice.");
        }
    }
}

/// <summary>Per-replicate seeds and seeded draws without replacement.</summary>
internal static class Seeds
{
    /// <summary>A 32-bit seed for stream <paramref name="index"/> of <paramref name="seed"/> (SplitMix64 finaliser).</summary>
    public static int Derive(int seed, int index)
    {
        ulong z = ((ulong)(uint)seed << 32 | (uint)index) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (int)(z & int.MaxValue);
    }

    /// <summary>m distinct indices of [0, n) in random order (the first m steps of a Fisher–Yates shuffle).</summary>
    public static int[] PartialShuffle(Random random, int n, int m)
    {
        var all = new int[n];
        for (int i = 0; i < n; i++)
        {
            all[i] = i;
        }

        for (int i = 0; i < m; i++)
        {
            int j = random.Next(i, n);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return m == n ? all : all[..m];
    }
}
