using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The entropy of the Gaussian fitted to the samples: h = ½·ln((2πe)^d·det Σ̂), Σ̂ the sample covariance
/// (<see cref="GaussianFitOptions"/>). Exact for Gaussian data, an upper bound on h(X) for any X with that covariance
/// (the Gaussian maximises entropy at fixed covariance; Cover &amp; Thomas, 2nd ed., Thm 8.6.5). Nats.
/// </summary>
/// <remarks>
/// <para>Bias: ln det Σ̂ is biased low; for Gaussian data with the unbiased Σ̂,
/// E[ln det Σ̂] = ln det Σ + Σ_{k=1}^{d} ψ((N−k)/2) + d·ln(2/(N−1)) ≈ ln det Σ − d(d+1)/(2N), a small bias for N ≫ d².
/// <see cref="GaussianFitOptions.BiasCorrected"/> removes that bias exactly. Standard error: the asymptotic √(d/(2N)) (Var ln det Σ̂ ≈ 2d/N). The covariance must be non-singular: constant or
/// collinear columns are refused with an <see cref="ArgumentException"/> that names them. Cost O(N·d² + d³).
/// Immutable and thread-safe.</para>
/// </remarks>
public sealed class GaussianFitEntropy : IEntropyEstimator
{
    /// <summary>An estimator with the given settings (default: unbiased covariance).</summary>
    public GaussianFitEntropy(GaussianFitOptions? options = null) => Options = options ?? GaussianFitOptions.Default;

    /// <summary>The settings.</summary>
    public GaussianFitOptions Options { get; }

    /// <summary>h(X) under the fitted Gaussian, with its standard error and <see cref="GaussianFitDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ d, or a singular covariance.</exception>
    public InformationEstimate Estimate(Samples samples)
    {
        Guard.Usable(samples, samples.Dimensions + 1);
        int d = samples.Dimensions, n = samples.Count;
        // Each column brought to unit magnitude by a power of two (exact): h(X) = h(normalised) + Σ Eₖ·ln 2.
        var (scaled, logJacobian) = PowerOfTwoColumns.Normalise(samples);
        var (mean, cov) = GaussianFitCovariance.Fit(scaled, Options.Covariance == CovarianceDivisor.Unbiased);
        GaussianFitCovariance.CholeskyOrThrow(cov, d, nameof(samples), samples);
        double entropy = new MultivariateNormal(mean, ToMatrix(cov, d)).Entropy().Nats;
        if (Options.BiasCorrected)
        {
            var unbiased = Options.Covariance == CovarianceDivisor.Unbiased ? cov : GaussianFitCovariance.Fit(scaled, unbiased: true).Covariance;
            double logDet = GaussianFitCovariance.LogDeterminant(GaussianFitCovariance.CholeskyOrThrow(unbiased, d, nameof(samples), samples), d);
            double correction = d * Math.Log(2.0 / (n - 1));
            for (int k = 1; k <= d; k++)
            {
                correction += GaussianFitCovariance.Digamma((n - k) / 2.0);
            }

            entropy = 0.5 * (d * Math.Log(2 * Math.PI * Math.E) + logDet - correction);
        }

        return new InformationEstimate(Information.FromNats(entropy + logJacobian), Information.FromNats(Math.Sqrt(d / (2.0 * n))), n)
        {
            Diagnostics = new GaussianFitDiagnostics(Options.Covariance, Options.BiasCorrected),
        };
    }

    internal static double[,] ToMatrix(double[] cov, int d)
    {
        var m = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                m[i, j] = cov[i * d + j];
            }
        }

        return m;
    }
}
