using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// Differential entropy by Gaussian kernel density estimation: H = −(1/N)·Σᵢ ln p̂(xᵢ), with
/// p̂(x) = (1/N)·Σⱼ N(x; xⱼ, H) (resubstitution) or p̂₋ᵢ(xᵢ) = 1/(N−1)·Σ_{j≠i} N(xᵢ; xⱼ, H) (leave-one-out), and bandwidth
/// matrix H = h²·Σ̂ or h²·diag(σ̂²). Nats.
/// </summary>
/// <remarks>
/// <para>Bandwidth factor h (<see cref="KdeOptions.Rule"/>): Scott N^(−1/(d+4)); Silverman (4/(d+2))^(1/(d+4))·N^(−1/(d+4))
/// (Silverman, Density Estimation, 1986, eq. 4.14; Scott, Multivariate Density Estimation, 1992); or the maximiser of
/// the leave-one-out log-likelihood (Duin, IEEE Trans. Comput. C-25(11) 1976, doi:10.1109/TC.1976.1674577), searched
/// over ln h by golden section in [0.05, 2]·h_Scott to 10⁻³ (the end of the bracket is returned when the optimum lies
/// beyond it). Σ̂ is the sample covariance with divisor N − 1 (as scipy.stats.gaussian_kde).</para>
/// <para>The resubstitution estimator is that of Ahmad &amp; Lin (IEEE TIT 22(3) 1976, doi:10.1109/TIT.1976.1055550); see
/// Beirlant et al. (Int. J. Math. Stat. Sci. 6(1) 1997) for both variants. Bias: resubstitution includes each point's
/// own kernel, so it is biased low (without limit as h → 0); leave-one-out removes that term, but both estimate the
/// entropy of the smoothed density, which exceeds h(X) by about ½·tr(H·J) for the Fisher information matrix J (de
/// Bruijn's identity, Cover &amp; Thomas, 2nd ed., §17.7); boundaries of the support add more. With H = h²·Σ̂ the
/// estimate is affine-equivariant:
/// H(A·X + b) = H(X) + ln|det A|.</para>
/// <para>Standard error: the std of the per-sample terms −ln p̂(xᵢ) over √N. Cost O(N²·d) per evaluation of h (each
/// pair once, parallel, log-sum-exp for underflowing leave-one-out rows), plus O(4,096·d) for the width check
/// (<see cref="KdeDiagnostics.WidthChecks"/>); memory O(N·d). Immutable and thread-safe.</para>
/// </remarks>
public sealed class KdeEntropy : IEntropyEstimator
{
    private const double GoldenTolerance = 1e-3;

    /// <summary>An estimator with the given settings (default: Scott, H = h²·Σ̂, resubstitution).</summary>
    public KdeEntropy(KdeOptions? options = null) => Options = options ?? KdeOptions.Default;

    /// <summary>The settings.</summary>
    public KdeOptions Options { get; }

    /// <summary>
    /// H(X), with its standard error and <see cref="KdeDiagnostics"/> (the bandwidth factor used and its
    /// <see cref="KdeDiagnostics.WidthChecks"/>).
    /// </summary>
    /// <param name="samples">N observations of X.</param>
    /// <param name="progress">Receives the stage <c>densities</c> (the N density evaluations, O(N·d) each); null for none.</param>
    /// <param name="cancellationToken">Checked every 64 rows of the kernel sums (and through the likelihood search).</param>
    /// <exception cref="ArgumentException">Non-finite values, fewer than 2 observations (d + 1 with H = h²·Σ̂), or a singular
    /// covariance (constant or collinear columns).</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public InformationEstimate Estimate(Samples samples, IProgress<EstimationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var work = WorkTracker.Create(progress, cancellationToken);
        var (w, h) = Prepare(samples, Options, nameof(samples), work);
        work?.Begin(EstimationStages.Densities, w.Count);
        var e = MeanWithError(w.NegativeLogDensities(h, Options.LeaveOneOut, Options.Parallel, work));
        return new InformationEstimate(e.Value + Information.FromNats(w.LogJacobian), e.StandardError, e.SampleCount)
        {
            Diagnostics = KdeDiagnostics.Of(Options, [h], [w.Check(h)]),
        };
    }

    /// <summary>The bandwidth factor h the settings give for these samples (for the likelihood rule: the search's result).</summary>
    /// <exception cref="ArgumentException">Unusable samples, as for <see cref="Estimate"/>.</exception>
    public double SelectBandwidth(Samples samples)
    {
        var w = Whitened.Of(samples, Options, nameof(samples));
        return Bandwidth(w, Options);
    }

    InformationEstimate IEntropyEstimator.Estimate(Samples samples) => Estimate(samples);

    InformationEstimate IEntropyEstimator.Estimate(Samples samples, CancellationToken cancellationToken) =>
        Estimate(samples, null, cancellationToken);

    /// <summary>
    /// The power-of-two-normalised, whitened samples and the bandwidth factor h the settings give for them: what every
    /// density evaluation (at h or at any multiple of it) and the width check share. The likelihood rule's bandwidth search
    /// only checks <paramref name="work"/> for cancellation.
    /// </summary>
    internal static (Whitened Data, double Bandwidth) Prepare(Samples samples, KdeOptions options, string name, WorkTracker? work)
    {
        var w = Whitened.Of(samples, options, name);
        return (w, Bandwidth(w, options, work?.CancellationOnly));
    }

    internal static InformationEstimate MeanWithError(double[] terms)
    {
        int n = terms.Length;
        double mean = terms.Average();
        double ss = 0;
        foreach (double t in terms)
        {
            ss += (t - mean) * (t - mean);
        }

        double se = n > 1 ? Math.Sqrt(ss / (n - 1) / n) : 0;
        return new InformationEstimate(Information.FromNats(mean), Information.FromNats(se), n);
    }

    private static double Bandwidth(Whitened w, KdeOptions options, WorkTracker? work = null)
    {
        int n = w.Count, d = w.Dimensions;
        double scott = Math.Pow(n, -1.0 / (d + 4));
        switch (options.Rule)
        {
            case KdeBandwidthRule.Scott:
                return scott;
            case KdeBandwidthRule.Silverman:
                return Math.Pow(4.0 / (d + 2), 1.0 / (d + 4)) * scott;
            case KdeBandwidthRule.Fixed:
                return options.Factor;
            default:
                if (!(options.SearchHigh > options.SearchLow))
                {
                    throw new ArgumentException(
                        $"The likelihood search bracket [{options.SearchLow}, {options.SearchHigh}]·h_Scott is empty; set SearchHigh greater than SearchLow.",
                        nameof(options));
                }

                return Math.Exp(GoldenMaximum(
                    u => -w.NegativeLogDensities(Math.Exp(u), leaveOneOut: true, options.Parallel, work).Average(),
                    Math.Log(options.SearchLow * scott), Math.Log(options.SearchHigh * scott)));
        }
    }

    /// <summary>Golden-section search for the maximum of a unimodal f on [a, b], to <see cref="GoldenTolerance"/>.</summary>
    private static double GoldenMaximum(Func<double, double> f, double a, double b)
    {
        double invPhi = (Math.Sqrt(5) - 1) / 2;
        double c = b - invPhi * (b - a), d = a + invPhi * (b - a);
        double fc = f(c), fd = f(d);
        while (b - a > GoldenTolerance)
        {
            if (fc >= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - invPhi * (b - a);
                fc = f(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + invPhi * (b - a);
                fd = f(d);
            }
        }

        return fc >= fd ? c : d;
    }

    /// <summary>The samples whitened by Σ̂ (or the standard deviations): wᵢ = L⁻¹(xᵢ − x̄), with ½·ln det of the scaling.</summary>
    internal sealed class Whitened
    {
        private readonly double[] _w;
        private readonly double _halfLogDet;
        private double _median = double.NaN;

        private Whitened(double[] w, int n, int d, double halfLogDet, double logJacobian)
        {
            _w = w;
            Count = n;
            Dimensions = d;
            _halfLogDet = halfLogDet;
            LogJacobian = logJacobian;
        }

        public int Count { get; }

        public int Dimensions { get; }

        /// <summary>Σ Eₖ·ln 2 of the power-of-two normalisation: the entropy of the data is that of the normalised data plus this.</summary>
        public double LogJacobian { get; }

        /// <summary>
        /// The median distance between two whitened observations (<see cref="PairDistanceMedian"/>: all pairs for small N,
        /// else its fixed, seeded sample), computed on first use: the scale the kernel's width h is compared with.
        /// </summary>
        public double MedianDistance => double.IsNaN(_median) ? _median = PairDistanceMedian.Of(new Samples(_w, Dimensions)) : _median;

        /// <summary>The width check of bandwidth factor h (<see cref="KdeDiagnostics.WidthChecks"/>): h against the median whitened distance.</summary>
        public WidthCheck Check(double h) => WidthCheck.Of(h, MedianDistance, null);

        public static Whitened Of(in Samples samples, KdeOptions options, string name)
        {
            int n = samples.Count, d = samples.Dimensions;
            // A full covariance of d columns needs d + 1 observations to be non-singular.
            Guard.Usable(samples, options.Scaling == KdeScaling.Covariance ? Math.Max(2, d + 1) : 2, name);
            // Each column brought to unit magnitude by a power of two (exact; the kernel follows Σ̂, so the estimate is
            // equivariant): no overflow or underflow at any scale, and Σ Eₖ·ln 2 goes into the log-determinant.
            var (scaled, logJacobian) = PowerOfTwoColumns.Normalise(samples);
            var (mean, cov) = GaussianFitCovariance.Fit(scaled, unbiased: true);
            var w = new double[n * d];
            double halfLogDet;
            if (options.Scaling == KdeScaling.Covariance)
            {
                var l = GaussianFitCovariance.CholeskyOrThrow(cov, d, name, samples);
                halfLogDet = 0.5 * GaussianFitCovariance.LogDeterminant(l, d);
                for (int i = 0; i < n; i++)
                {
                    var row = w.AsSpan(i * d, d);
                    scaled.CopyRowTo(i, row);
                    for (int k = 0; k < d; k++)
                    {
                        row[k] -= mean[k];
                    }

                    GaussianFitCovariance.ForwardSolve(l, d, row);
                }
            }
            else
            {
                halfLogDet = 0;
                var sd = new double[d];
                for (int k = 0; k < d; k++)
                {
                    double v = cov[k * d + k];
                    if (!(v > 0))
                    {
                        throw new ArgumentException(
                            $"{name} column {k} is constant (every value is {samples[0, k].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}), so the kernel has zero width there and the density is degenerate (its differential entropy is −∞); remove constant columns first.", name);
                    }

                    sd[k] = Math.Sqrt(v);
                    halfLogDet += Math.Log(sd[k]);
                }

                for (int i = 0; i < n; i++)
                {
                    var row = w.AsSpan(i * d, d);
                    scaled.CopyRowTo(i, row);
                    for (int k = 0; k < d; k++)
                    {
                        row[k] = (row[k] - mean[k]) / sd[k];
                    }
                }
            }

            return new Whitened(w, n, d, halfLogDet, logJacobian);
        }

        /// <summary>
        /// −ln p̂(xᵢ) = −ln Sᵢ + ln N' + (d/2)·ln 2π + d·ln h + ½·ln det Σ̂, with Sᵢ the kernel sum on zᵢ = wᵢ/(h√2) and
        /// N' = N (resubstitution, self term included) or N − 1 (leave-one-out).
        /// </summary>
        public double[] NegativeLogDensities(double h, bool leaveOneOut, bool parallel, WorkTracker? work = null)
        {
            int n = Count, d = Dimensions;
            double scale = 1 / (h * Math.Sqrt(2));
            var z = new double[_w.Length];
            for (int i = 0; i < z.Length; i++)
            {
                z[i] = _w[i] * scale;
            }

            var logSums = KernelSums.LogRowSums(z, n, d, includeSelf: !leaveOneOut, parallel, work);
            double constant = Math.Log(leaveOneOut ? n - 1 : n) + 0.5 * d * Math.Log(2 * Math.PI) + d * Math.Log(h) + _halfLogDet;
            for (int i = 0; i < n; i++)
            {
                logSums[i] = constant - logSums[i];
            }

            return logSums;
        }
    }
}
