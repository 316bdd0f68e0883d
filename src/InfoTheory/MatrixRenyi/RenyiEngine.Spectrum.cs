namespace InfoTheory;

/// <summary>S_α from a spectrum or a squared Frobenius norm: the part of the matrix-Rényi entropies after the backend's work.</summary>
internal static partial class RenyiEngine
{
    /// <summary>S₂(K̃/N) = 2·ln N − ln ‖K̃‖²_F in nats from the squared norm of a unit-diagonal K̃ (nothing is clipped).</summary>
    internal static (double Nats, double Clipped) FromSquaredNorm(double squaredNormOfUnitGram, int n) =>
        (Clamp(2 * Math.Log(n) - Math.Log(squaredNormOfUnitGram), n), 0);

    /// <summary>S_α in nats from the eigenvalues of K̃ (A = K̃/N has eigenvalues λ/N); negatives are clipped and counted.</summary>
    public static (double Nats, double Clipped) FromEigenvalues(ReadOnlySpan<double> eigenvaluesOfUnitGram, int n, double alpha)
    {
        var normalized = new double[eigenvaluesOfUnitGram.Length];
        for (int i = 0; i < normalized.Length; i++)
        {
            normalized[i] = eigenvaluesOfUnitGram[i] / n;
        }

        return FromNormalizedEigenvalues(normalized, n, alpha);
    }

    /// <summary>
    /// S_α in nats from the eigenvalues of the trace-normalised A (not of K̃); negatives are clipped and counted. Stable for
    /// any α &gt; 0: Σλ^α is taken relative to λ_max, so a large α cannot underflow every term (S_α → −ln λ_max as α → ∞);
    /// for α &lt; 1, where λ^α lifts round-off eigenvalues towards 1, an estimate that the solver's round-off could move
    /// by more than 0.01 nats is refused, naming the smallest α the spectrum supports.
    /// </summary>
    /// <exception cref="ArgumentException">α &lt; 1 too small for this spectrum.</exception>
    internal static (double Nats, double Clipped) FromNormalizedEigenvalues(ReadOnlySpan<double> eigenvaluesOfA, int n, double alpha)
    {
        double clipped = 0, max = 0;
        foreach (double lambda in eigenvaluesOfA)
        {
            if (lambda <= 0)
            {
                clipped -= lambda;
            }
            else
            {
                max = Math.Max(max, lambda);
            }
        }

        if (alpha == 1)
        {
            double sum = 0;
            foreach (double lambda in eigenvaluesOfA)
            {
                if (lambda > 0)
                {
                    sum -= lambda * Math.Log(lambda);
                }
            }

            return (Clamp(sum, n), clipped);
        }

        // Σλ^α = λ_max^α · Σ(λ/λ_max)^α, the second factor in [1, N].
        double relative = RelativePowerSum(eigenvaluesOfA, max, alpha, 0);
        double nats = (alpha * Math.Log(max) + Math.Log(relative)) / (1 - alpha);
        if (alpha < 1)
        {
            CheckSmallAlpha(eigenvaluesOfA, n, alpha, max);
        }

        return (Clamp(nats, n), clipped);
    }

    /// <summary>Σ over λ &gt; <paramref name="above"/>·λ_max of (λ/λ_max)^α.</summary>
    private static double RelativePowerSum(ReadOnlySpan<double> eigenvalues, double max, double alpha, double above)
    {
        double sum = 0;
        foreach (double lambda in eigenvalues)
        {
            double r = lambda / max;
            if (r > above)
            {
                sum += Math.Pow(r, alpha);
            }
        }

        return sum;
    }

    /// <summary>
    /// The eigenvalues below τ = N·ε·λ_max are round-off (the solver's absolute accuracy); for α &lt; 1 each of the m of them
    /// may add up to τ^α to Σλ^α. The estimate is refused when that could move it by more than 0.01 nats.
    /// </summary>
    private static void CheckSmallAlpha(ReadOnlySpan<double> eigenvalues, int n, double alpha, double max)
    {
        const double Tolerance = 0.01;
        const double MachineEpsilon = 2.220446049250313e-16; // 2^−52 (double.Epsilon is the smallest subnormal)
        double tau = n * MachineEpsilon;
        int m = 0;
        foreach (double lambda in eigenvalues)
        {
            if (lambda / max <= tau)
            {
                m++;
            }
        }

        var values = eigenvalues.ToArray();
        double Uncertainty(double a)
        {
            double above = RelativePowerSum(values, max, a, tau);
            return double.LogP1(m * Math.Pow(tau, a) / above) / (1 - a);
        }

        double u = Uncertainty(alpha);
        if (m == 0 || !(u > Tolerance))
        {
            return;
        }

        // U(α) falls as α grows towards 1: bisect for the smallest α within the tolerance.
        double lo = alpha, hi = 1;
        for (int i = 0; i < 60 && hi - lo > 1e-4; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (Uncertainty(mid) > Tolerance)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(alpha), alpha,
            $"alpha = {alpha.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} is too small for this spectrum: λ^α lifts its {m} " +
            $"eigenvalues below the solver's round-off (N·ε·λ_max ≈ {(tau * max).ToString("G2", System.Globalization.CultureInfo.InvariantCulture)}) " +
            $"towards 1, which could move the estimate by up to {u.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} nats. " +
            $"The smallest α this input supports within 0.01 nats is about {hi.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}; " +
            "the papers use 1.01.");
    }
}
