using System.Globalization;

namespace InfoTheory;

/// <summary>
/// Jointly Gaussian (X, Y): X is the first <see cref="XDimensions"/> coordinates of N(0, Σ), Y the rest, and
/// I(X; Y) = ½·ln(det Σ_X·det Σ_Y / det Σ) nats (Cover &amp; Thomas, 2nd ed., §8.5).
/// </summary>
/// <remarks>
/// The BMI tasks of Czyż et al. (NeurIPS 2023, arXiv:2306.11078) are <see cref="OneVsOne(double)"/> with ρ = 0.75
/// (0.4133 nats) and <see cref="Dense(int, int, double)"/>: unit variances and every off-diagonal entry of Σ equal to
/// 0.5, within X, within Y and across, which gives 0.2939, 0.4133 and 0.5928 nats for 2×2, 3×3 and 5×5
/// (e.g. 2×2: det Σ_X = 0.75, det Σ = 2.5·0.5³ = 0.3125, ½·ln(0.75²/0.3125) = ½·ln 1.8). Truth and draws come from
/// <see cref="MultivariateNormal"/>.
/// </remarks>
public sealed class GaussianTask : ISyntheticTask
{
    private readonly MultivariateNormal _distribution;

    /// <summary>A task with zero mean and the given joint covariance; X is the first <paramref name="xDimensions"/> coordinates.</summary>
    /// <param name="name">The task's name.</param>
    /// <param name="covariance">The (m + n)×(m + n) covariance, symmetric positive definite.</param>
    /// <param name="xDimensions">m, the number of coordinates of X (1 ≤ m &lt; m + n).</param>
    /// <exception cref="ArgumentException">The covariance is not SPD or <paramref name="xDimensions"/> leaves X or Y empty.</exception>
    public GaussianTask(string name, double[,] covariance, int xDimensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(covariance);
        int d = covariance.GetLength(0);
        if (xDimensions < 1 || xDimensions >= d)
        {
            throw new ArgumentOutOfRangeException(nameof(xDimensions), xDimensions,
                $"xDimensions = {xDimensions} must lie in [1, {d - 1}] so that both X and Y have coordinates.");
        }

        _distribution = new MultivariateNormal(new double[d], covariance);
        Name = name;
        XDimensions = xDimensions;
        YDimensions = d - xDimensions;
        TrueMutualInformation = _distribution.MutualInformation(xDimensions);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int XDimensions { get; }

    /// <inheritdoc />
    public int YDimensions { get; }

    /// <inheritdoc />
    public Information TrueMutualInformation { get; }

    /// <summary>The joint distribution of (X, Y).</summary>
    public MultivariateNormal Distribution => _distribution;

    /// <summary>BMI's "1v1 normal": X and Y standard normal with correlation ρ; I = −½·ln(1 − ρ²) (0.4133 nats at ρ = 0.75).</summary>
    /// <exception cref="ArgumentOutOfRangeException">|ρ| ≥ 1.</exception>
    public static GaussianTask OneVsOne(double rho = 0.75)
    {
        if (!(Math.Abs(rho) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, $"rho = {rho} must lie strictly between -1 and 1.");
        }

        return new GaussianTask($"1v1-normal-{F(rho)}", new[,] { { 1, rho }, { rho, 1 } }, 1);
    }

    /// <summary>
    /// BMI's dense multinormal m×n: unit variances and every off-diagonal covariance equal to <paramref name="offDiagonal"/>
    /// (0.5 in BMI: 0.2939, 0.4133, 0.5928 nats for 2×2, 3×3, 5×5).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is below 1, or the value makes Σ singular (it must lie in (−1/(m+n−1), 1)).</exception>
    public static GaussianTask Dense(int xDimensions, int yDimensions, double offDiagonal = 0.5)
    {
        CheckDimensions(xDimensions, yDimensions);
        int d = xDimensions + yDimensions;
        if (!(offDiagonal < 1 && offDiagonal > -1.0 / (d - 1)))
        {
            throw new ArgumentOutOfRangeException(nameof(offDiagonal), offDiagonal,
                $"offDiagonal = {offDiagonal} makes the covariance singular or indefinite; use a value in ({F(-1.0 / (d - 1))}, 1).");
        }

        var sigma = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                sigma[i, j] = i == j ? 1 : offDiagonal;
            }
        }

        return new GaussianTask($"dense-{xDimensions}x{yDimensions}{(offDiagonal == 0.5 ? "" : "-" + F(offDiagonal))}", sigma, xDimensions);
    }

    /// <summary>
    /// Independent pairs: corr(Xᵢ, Yᵢ) = <paramref name="correlations"/>[i] for i &lt; k, every other pair independent, unit
    /// variances (BMI's sparse/"canonical" form); I = −½·Σ ln(1 − ρᵢ²).
    /// </summary>
    /// <exception cref="ArgumentException">More correlations than min(m, n), or one with |ρ| ≥ 1.</exception>
    public static GaussianTask Canonical(int xDimensions, int yDimensions, IReadOnlyList<double> correlations, string? name = null)
    {
        CheckDimensions(xDimensions, yDimensions);
        ArgumentNullException.ThrowIfNull(correlations);
        if (correlations.Count > Math.Min(xDimensions, yDimensions))
        {
            throw new ArgumentException(
                $"correlations has {correlations.Count} entries but only min({xDimensions}, {yDimensions}) pairs exist; give at most that many.", nameof(correlations));
        }

        int d = xDimensions + yDimensions;
        var sigma = new double[d, d];
        for (int i = 0; i < d; i++)
        {
            sigma[i, i] = 1;
        }

        for (int i = 0; i < correlations.Count; i++)
        {
            double rho = correlations[i];
            if (!(Math.Abs(rho) < 1))
            {
                throw new ArgumentException($"correlations[{i}] = {rho} must lie strictly between -1 and 1.", nameof(correlations));
            }

            sigma[i, xDimensions + i] = sigma[xDimensions + i, i] = rho;
        }

        return new GaussianTask(name ?? $"canonical-{xDimensions}x{yDimensions}", sigma, xDimensions);
    }

    /// <summary>
    /// k = min(m, n) pairs with the same correlation ρ = √(1 − exp(−2I/k)), so that I(X; Y) = <paramref name="nats"/> exactly.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="nats"/> is not finite and &gt; 0.</exception>
    public static GaussianTask WithMutualInformation(int xDimensions, int yDimensions, double nats, string? name = null)
    {
        CheckDimensions(xDimensions, yDimensions);
        Internal.Guard.Positive(nats, "give the wanted mutual information in nats, e.g. 1.");
        int k = Math.Min(xDimensions, yDimensions);
        double rho = Math.Sqrt(1 - Math.Exp(-2 * nats / k));
        return Canonical(xDimensions, yDimensions, Enumerable.Repeat(rho, k).ToArray(), name ?? $"gaussian-{xDimensions}x{yDimensions}-{F(nats)}nats");
    }

    /// <inheritdoc />
    public SyntheticSample Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var (x, y) = Split(_distribution.Sample(count, seed), XDimensions);
        return new SyntheticSample(x, y, TrueMutualInformation);
    }

    /// <summary>Splits joint rows into their first <paramref name="xDimensions"/> columns and the rest.</summary>
    internal static (Samples X, Samples Y) Split(Samples joint, int xDimensions)
    {
        int n = joint.Count, d = joint.Dimensions, m = xDimensions, k = d - m;
        var x = new double[n * m];
        var y = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            var row = joint.Row(i);
            row[..m].CopyTo(x.AsSpan(i * m, m));
            row[m..].CopyTo(y.AsSpan(i * k, k));
        }

        return (new Samples(x, m), new Samples(y, k));
    }

    internal static void CheckDimensions(int xDimensions, int yDimensions)
    {
        if (xDimensions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(xDimensions), xDimensions, $"xDimensions = {xDimensions}; X needs at least 1 coordinate.");
        }

        if (yDimensions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(yDimensions), yDimensions, $"yDimensions = {yDimensions}; Y needs at least 1 coordinate.");
        }
    }

    internal static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
