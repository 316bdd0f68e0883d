namespace InfoTheory;

/// <summary>
/// A multivariate normal distribution N(μ, Σ): closed-form entropy and mutual information between blocks of its
/// coordinates (ground truth for tests and for checking estimators), and a seeded sampler.
/// </summary>
/// <remarks>
/// h(X) = ½·ln((2πe)^d·det Σ) nats (differential entropy; may be negative). I(X_A; X_B) = ½·ln(det Σ_A·det Σ_B / det Σ_AB)
/// for disjoint index sets A and B (Cover &amp; Thomas, Elements of Information Theory, 2nd ed., §8.4–8.5). Determinants
/// come from a Cholesky factorisation. Immutable and thread-safe.
/// </remarks>
public sealed class MultivariateNormal
{
    private readonly double[] _mean;
    private readonly double[] _covariance;
    private readonly double[] _cholesky;

    /// <summary>N(μ, Σ) with Σ symmetric positive definite.</summary>
    /// <exception cref="ArgumentException">Sizes disagree, values are not finite, or Σ is not symmetric positive definite.</exception>
    public MultivariateNormal(double[] mean, double[,] covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        int d = mean.Length;
        if (d == 0 || covariance.GetLength(0) != d || covariance.GetLength(1) != d)
        {
            throw new ArgumentException(
                $"covariance is {covariance.GetLength(0)}×{covariance.GetLength(1)} but mean has {d} entries; give a d×d covariance with d ≥ 1.",
                nameof(covariance));
        }

        _mean = (double[])mean.Clone();
        _covariance = new double[d * d];
        for (int i = 0; i < d; i++)
        {
            if (!double.IsFinite(mean[i]))
            {
                throw new ArgumentException($"mean[{i}] = {mean[i]} is not finite.", nameof(mean));
            }

            for (int j = 0; j < d; j++)
            {
                double v = covariance[i, j];
                if (!double.IsFinite(v) || Math.Abs(v - covariance[j, i]) > 1e-12 * (Math.Abs(v) + 1))
                {
                    throw new ArgumentException(
                        $"covariance[{i},{j}] = {v} is not finite or differs from covariance[{j},{i}] = {covariance[j, i]}; a covariance is symmetric.",
                        nameof(covariance));
                }

                _covariance[i * d + j] = v;
            }
        }

        _cholesky = Cholesky(_covariance, d) ?? throw new ArgumentException(
            "covariance is not positive definite; the closed forms need det Σ > 0 (drop redundant coordinates or add a small variance).",
            nameof(covariance));
    }

    /// <summary>Dimension d.</summary>
    public int Dimensions => _mean.Length;

    /// <summary>The standard bivariate normal with correlation ρ (unit variances, zero means).</summary>
    /// <exception cref="ArgumentOutOfRangeException">|ρ| ≥ 1.</exception>
    public static MultivariateNormal Bivariate(double rho)
    {
        if (!(Math.Abs(rho) < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(rho), rho, "rho must lie strictly between -1 and 1.");
        }

        return new MultivariateNormal([0, 0], new[,] { { 1, rho }, { rho, 1 } });
    }

    /// <summary>The differential entropy h(X) = ½·ln((2πe)^d·det Σ).</summary>
    public Information Entropy() => Information.FromNats(0.5 * (Dimensions * Math.Log(2 * Math.PI * Math.E) + LogDeterminant(Enumerable.Range(0, Dimensions).ToArray())));

    /// <summary>I(X_A; X_B) = ½·ln(det Σ_A·det Σ_B / det Σ_{A∪B}) for disjoint coordinate sets.</summary>
    /// <exception cref="ArgumentException">An index is out of range, repeated, or the sets overlap or are empty.</exception>
    public Information MutualInformation(int[] first, int[] second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var union = first.Concat(second).ToArray();
        if (first.Length == 0 || second.Length == 0 || union.Distinct().Count() != union.Length || union.Any(i => (uint)i >= (uint)Dimensions))
        {
            throw new ArgumentException(
                $"The coordinate sets must be non-empty, disjoint and within [0, {Dimensions}); got [{string.Join(',', first)}] and [{string.Join(',', second)}].",
                nameof(second));
        }

        return Information.FromNats(Math.Max(0, 0.5 * (LogDeterminant(first) + LogDeterminant(second) - LogDeterminant(union))));
    }

    /// <summary>I(first k coordinates; the rest).</summary>
    public Information MutualInformation(int firstDimensions) =>
        MutualInformation(Enumerable.Range(0, firstDimensions).ToArray(), Enumerable.Range(firstDimensions, Dimensions - firstDimensions).ToArray());

    /// <summary>
    /// <paramref name="count"/> independent draws, row-major (count × d), from a seeded generator: the same seed gives
    /// the same samples on every platform (System.Random with a seed, Box–Muller, then x = μ + L·z).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public Samples Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        int d = Dimensions;
        var random = new Random(seed);
        var values = new double[count * d];
        var z = new double[d];
        for (int i = 0; i < count; i++)
        {
            for (int k = 0; k < d; k++)
            {
                z[k] = RandomDraws.StandardNormal(random);
            }

            for (int r = 0; r < d; r++)
            {
                double v = _mean[r];
                for (int k = 0; k <= r; k++)
                {
                    v += _cholesky[r * d + k] * z[k];
                }

                values[i * d + r] = v;
            }
        }

        return new Samples(values, d);
    }

    private double LogDeterminant(int[] indices)
    {
        int k = indices.Length, d = Dimensions;
        var sub = new double[k * k];
        for (int i = 0; i < k; i++)
        {
            for (int j = 0; j < k; j++)
            {
                sub[i * k + j] = _covariance[indices[i] * d + indices[j]];
            }
        }

        var l = Cholesky(sub, k) ?? throw new InvalidOperationException("Internal error: a principal block of an SPD matrix is not SPD.");
        double logDet = 0;
        for (int i = 0; i < k; i++)
        {
            logDet += 2 * Math.Log(l[i * k + i]);
        }

        return logDet;
    }

    /// <summary>Lower Cholesky factor of a row-major SPD matrix, or null when it is not positive definite.</summary>
    private static double[]? Cholesky(double[] a, int n)
    {
        var l = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            double s = a[j * n + j];
            for (int k = 0; k < j; k++)
            {
                s -= l[j * n + k] * l[j * n + k];
            }

            if (!(s > 0))
            {
                return null;
            }

            l[j * n + j] = Math.Sqrt(s);
            for (int i = j + 1; i < n; i++)
            {
                double t = a[i * n + j];
                for (int k = 0; k < j; k++)
                {
                    t -= l[i * n + k] * l[j * n + k];
                }

                l[i * n + j] = t / l[j * n + j];
            }
        }

        return l;
    }
}
