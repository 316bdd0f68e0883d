using InfoTheory.NearestNeighbors;

namespace InfoTheory;

/// <summary>
/// The weighted Kozachenko–Leonenko entropy estimator of Berrett, Samworth &amp; Yuan (Ann. Statist. 47(1), 2019,
/// doi:10.1214/18-AOS1688): Ĥ_w = Σⱼ wⱼ·Ĥⱼ, a weighted sum of the Kozachenko–Leonenko estimates with the j-th
/// neighbor, j = 1..k, whose weights cancel the leading bias terms so that the estimator is efficient in d ≥ 4.
/// </summary>
/// <remarks>
/// <para>The weights satisfy the paper's constraints (their eq. 2): Σⱼ wⱼ = 1 and
/// Σⱼ wⱼ·Γ(j + 2ℓ/d)/Γ(j) = 0 for ℓ = 1, …, ⌊d/4⌋; among all such w on j = 1..k, the one of least Euclidean norm
/// (the choice of the authors' own implementation, L2OptW in the R package IndepTest). For d ≤ 3 there is no
/// constraint besides the sum and w = e_k: the plain estimator, already efficient there.</para>
/// <para>k must be at least ⌊d/4⌋ + 1 (one more neighbor than bias terms to cancel): d ≤ 3 any k; d = 4–7: k ≥ 2;
/// d = 8–11: k ≥ 3; d = 12–15: k ≥ 4; and so on. Smaller k is refused. The theory wants k to grow with N; with
/// k = ⌊d/4⌋ + 1 the weights are the unique solution and can be large, so k of 2–3 times that is a better choice.</para>
/// <para>Each Ĥⱼ = ψ(N) − ψ(j) + ln V_d + (d/N)·Σᵢ ln ρⱼ(i) as in <see cref="KozachenkoLeonenkoEntropy"/> (the paper writes
/// ln(N − 1) for ψ(N); the two differ by less than 1/(2N)). Standard error: the standard deviation of the
/// per-observation weighted terms over √N. Scale, standardisation and ties as in <see cref="KozachenkoLeonenkoEntropy"/>;
/// any copy that reaches a neighbor of non-zero weight (in d ≥ 4 the first) is a tie here. Nats. Thread-safe.</para>
/// </remarks>
public sealed class WeightedKozachenkoLeonenkoEntropy : IEntropyEstimator, IDistanceSensitive
{
    /// <summary>An estimator with the given settings (default k = 3, Euclidean norm).</summary>
    public WeightedKozachenkoLeonenkoEntropy(KnnOptions? options = null) => Options = options ?? KnnOptions.Default;

    /// <summary>The settings.</summary>
    public KnnOptions Options { get; }

    /// <summary>The smallest k the estimator accepts in dimension <paramref name="dimensions"/>: ⌊d/4⌋ + 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is less than 1.</exception>
    public static int MinimumK(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        return dimensions / 4 + 1;
    }

    /// <summary>
    /// The weights w₁..w_k (index j − 1) for dimension <paramref name="dimensions"/>: least Euclidean norm subject to
    /// Σ wⱼ = 1 and Σ wⱼ·Γ(j + 2ℓ/d)/Γ(j) = 0, ℓ = 1..⌊d/4⌋.
    /// </summary>
    /// <exception cref="ArgumentException">k is below <see cref="MinimumK"/>.</exception>
    public static double[] Weights(int dimensions, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        int constraints = dimensions / 4;
        if (k < constraints + 1)
        {
            throw new ArgumentException(
                $"k = {k} is too small for the weighted Kozachenko–Leonenko estimator in d = {dimensions}: it cancels ⌊d/4⌋ = {constraints} bias term(s) and needs k ≥ {constraints + 1}. Use k ≥ {constraints + 1} (2–3 times that is better) or the plain Kozachenko–Leonenko estimator.",
                nameof(k));
        }

        if (constraints == 0)
        {
            return KnnEntropyTerms.Plain(k);
        }

        // Columns of Aᵀ (k × m): the ones vector and the ratios Γ(j + 2ℓ/d)/Γ(j). With Aᵀ = QR (thin QR by modified
        // Gram–Schmidt, twice for orthogonality), the least-norm solution of A·w = e₁ is w = Q·R⁻ᵀ·e₁; this avoids the
        // normal equations, whose condition number is the square of A's.
        int m = constraints + 1;
        var q = new double[m][];
        var r = new double[m, m];
        for (int l = 0; l < m; l++)
        {
            var v = new double[k];
            for (int j = 1; j <= k; j++)
            {
                v[j - 1] = l == 0 ? 1 : Math.Exp(SpecialFunctions.LogGamma(j + 2.0 * l / dimensions) - SpecialFunctions.LogGamma(j));
            }

            for (int pass = 0; pass < 2; pass++)
            {
                for (int p = 0; p < l; p++)
                {
                    double dot = 0;
                    for (int j = 0; j < k; j++)
                    {
                        dot += q[p][j] * v[j];
                    }

                    r[p, l] += dot;
                    for (int j = 0; j < k; j++)
                    {
                        v[j] -= dot * q[p][j];
                    }
                }
            }

            double norm = Math.Sqrt(v.Sum(t => t * t));
            r[l, l] = norm;
            for (int j = 0; j < k; j++)
            {
                v[j] /= norm;
            }

            q[l] = v;
        }

        // Rᵀz = e₁ by forward substitution, then w = Q·z.
        var z = new double[m];
        for (int l = 0; l < m; l++)
        {
            double s = l == 0 ? 1 : 0;
            for (int p = 0; p < l; p++)
            {
                s -= r[p, l] * z[p];
            }

            z[l] = s / r[l, l];
        }

        var w = new double[k];
        for (int l = 0; l < m; l++)
        {
            for (int j = 0; j < k; j++)
            {
                w[j] += q[l][j] * z[l];
            }
        }

        return w;
    }

    /// <summary>Ĥ_w(X) in nats, with its standard error and <see cref="KnnDiagnostics"/>.</summary>
    /// <exception cref="ArgumentException">Non-finite values, N ≤ k, k below <see cref="MinimumK"/> for d, a constant column (h = −∞), or
    /// exact duplicates with the jitter off.</exception>
    public InformationEstimate Estimate(Samples samples)
    {
        KnnGuard.Usable(samples, Options.K);
        var weights = Weights(samples.Dimensions, Options.K);
        return KnnEntropyTerms.Entropy(samples, weights, Options, nameof(samples),
            "Use a discrete estimator for discrete data, or the plain Kozachenko–Leonenko estimator with k ≥ {0} (the weighted one uses the nearest neighbors too).") with
        {
            Diagnostics = KnnDiagnostics.Of(Options, weighted: true),
        };
    }
}
