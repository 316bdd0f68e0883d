using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The mutual information of the Gaussian fitted to (X, Y): I = ½·ln(det Σ̂_X·det Σ̂_Y / det Σ̂_XY) = −½·Σ_k ln(1 − ρ̂_k²)
/// with ρ̂_k the sample canonical correlations. Exact for jointly Gaussian data; for other data it measures linear
/// dependence only (a lower bound on I(X;Y) when the marginals are Gaussian). Nats.
/// </summary>
/// <remarks>
/// <para>The covariance divisor cancels. The plug-in value is ≥ 0 and biased high, by about d_X·d_Y/(2N) for independent
/// variables. Standard error: the delta-method √(Σ_k ρ̂_k²/N) (Var ρ̂ ≈ (1 − ρ²)²/N per canonical correlation); it
/// vanishes at independence, where the sampling law is a χ², not a normal: test independence with
/// <see cref="PermutationTest"/>. Singular covariances are refused with the columns named. Immutable and thread-safe.</para>
/// </remarks>
public sealed class GaussianFitMutualInformation : IMutualInformationEstimator
{
    /// <summary>An estimator with the given settings (default: unbiased covariance).</summary>
    public GaussianFitMutualInformation(GaussianFitOptions? options = null) => Options = options ?? GaussianFitOptions.Default;

    /// <summary>The settings.</summary>
    public GaussianFitOptions Options { get; }

    /// <summary>I(X;Y) under the fitted Gaussian, with its standard error and <see cref="GaussianFitDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, different counts, N ≤ d_X + d_Y, or a singular covariance.</exception>
    public InformationEstimate Estimate(Samples x, Samples y)
    {
        Guard.SameCount(x, y);
        Guard.Usable(x, x.Dimensions + y.Dimensions + 1);
        Guard.Usable(y, x.Dimensions + y.Dimensions + 1);
        int dx = x.Dimensions, dy = y.Dimensions, d = dx + dy;
        var joint = KdeMutualInformation.Concatenate(x, y);
        // Each column brought to unit magnitude by a power of two (exact); the MI does not change.
        var (scaled, _) = PowerOfTwoColumns.Normalise(joint);
        var (mean, cov) = GaussianFitCovariance.Fit(scaled, Options.Covariance == CovarianceDivisor.Unbiased);
        var lx = GaussianFitCovariance.CholeskyOrThrow(GaussianFitCovariance.Block(cov, d, 0, dx), dx, nameof(x), x);
        var ly = GaussianFitCovariance.CholeskyOrThrow(GaussianFitCovariance.Block(cov, d, dx, dy), dy, nameof(y), y);
        GaussianFitCovariance.CholeskyOrThrow(cov, d, "(x, y)", joint);
        var mi = new MultivariateNormal(mean, GaussianFitEntropy.ToMatrix(cov, d)).MutualInformation(dx);
        return new InformationEstimate(mi, Information.FromNats(Math.Sqrt(SquaredCanonicalCorrelations(cov, d, dx, lx, ly) / x.Count)), x.Count)
        {
            Diagnostics = new GaussianFitDiagnostics(Options.Covariance, BiasCorrected: false),
        };
    }

    /// <summary>Σ_k ρ_k² = tr(Σ_X⁻¹Σ_XY Σ_Y⁻¹Σ_YX) = ‖L_X⁻¹ Σ_XY L_Y⁻ᵀ‖²_F.</summary>
    private static double SquaredCanonicalCorrelations(double[] cov, int d, int dx, double[] lx, double[] ly)
    {
        int dy = d - dx;
        var m = new double[dx * dy];
        var column = new double[dx];
        for (int c = 0; c < dy; c++)
        {
            for (int r = 0; r < dx; r++)
            {
                column[r] = cov[r * d + dx + c];
            }

            GaussianFitCovariance.ForwardSolve(lx, dx, column);
            for (int r = 0; r < dx; r++)
            {
                m[r * dy + c] = column[r];
            }
        }

        double sum = 0;
        for (int r = 0; r < dx; r++)
        {
            var row = m.AsSpan(r * dy, dy);
            GaussianFitCovariance.ForwardSolve(ly, dy, row);
            foreach (double v in row)
            {
                sum += v * v;
            }
        }

        return sum;
    }
}
