namespace InfoTheory;

/// <summary>
/// Certified bounds on S_α(K/N) for an N×N positive semi-definite K with unit diagonal from a partial factorisation
/// K = L·Lᵀ + E, E ⪰ 0 (a pivoted partial Cholesky): the eigenvalues ν of L·Lᵀ, the residual trace t = tr E = N − Σν and,
/// when known, ‖K‖²_F. No eigenvalue of K is needed.
/// </summary>
/// <remarks>
/// <para>Every Rényi entropy is Schur-concave in the spectrum (x ≺ y ⇒ S_α(x) ≥ S_α(y)), so bounds follow from two
/// majorisations (Bhatia, <i>Matrix Analysis</i>, 1997, §III.4, Lidskii–Wielandt and Ky Fan):
/// λ↓(L·Lᵀ) + λ↑(E) ≺ λ(K) ≺ λ↓(L·Lᵀ) + λ↓(E).</para>
/// <para>Upper bound: of all ν + e with e ≥ 0 and Σe = t, water-filling (raise the smallest of the N entries of ν, zeros
/// included, to a common level) is majorised by every other, so S_α(K/N) ≤ S_α(waterfill(ν, t)/N).</para>
/// <para>Lower bound: the top-k partial sums of λ↓(E) are at most C_k = min(t, √(k·‖E‖²_F)) (Cauchy–Schwarz), and C_k is
/// concave, so λ(K) ≺ ν + c with c_k = C_k − C_{k−1}: S_α(K/N) ≥ S_α((ν + c)/N). ‖E‖²_F = ‖K‖²_F − ‖ν‖² − 2·tr(LᵀEL) ≤
/// ‖K‖²_F − ‖ν‖² (E ⪰ 0), so ‖K‖²_F (one pass over the pairs, no matrix) gives it; without it c = t·e₁.</para>
/// <para>Rényi entropies fall with the order, so with ‖K‖²_F known S₂ = 2·ln N − ln‖K‖²_F is exact and bounds S_α from
/// below for α ≤ 2 and from above for α ≥ 2; and S_α ≤ ln N always.</para>
/// </remarks>
internal static class SpectrumBounds
{
    /// <summary>
    /// [lower, upper] on S_α(K/N) in nats. <paramref name="leading"/>: the eigenvalues of L·Lᵀ (any order, ≥ 0 after
    /// clipping); <paramref name="residualTrace"/>: tr E ≥ 0; <paramref name="squaredNorm"/>: ‖K‖²_F or null.
    /// </summary>
    public static (double Lower, double Upper) Interval(ReadOnlySpan<double> leading, double residualTrace, double? squaredNorm, int n, double alpha)
    {
        int r = leading.Length;
        var nu = new double[n];
        for (int i = 0; i < r; i++)
        {
            nu[i] = Math.Max(0, leading[i]);
        }

        Array.Sort(nu, 0, r);
        Array.Reverse(nu, 0, r);
        double t = Math.Max(0, residualTrace);

        double upper = Math.Min(Math.Log(n), Entropy(Waterfill(nu, t), alpha));

        var top = (double[])nu.Clone();
        double nuSquares = 0;
        for (int i = 0; i < r; i++)
        {
            nuSquares += nu[i] * nu[i];
        }

        double? residualSquares = squaredNorm is { } f ? Math.Max(0, f - nuSquares) : null;
        AddConcentrated(top, t, residualSquares);
        double lower = Entropy(top, alpha);

        if (squaredNorm is { } norm)
        {
            double second = 2 * Math.Log(n) - Math.Log(norm);
            if (alpha <= 2)
            {
                lower = Math.Max(lower, second);
            }

            if (alpha >= 2)
            {
                upper = Math.Min(upper, second);
            }
        }

        lower = Math.Max(0, lower);
        return (Math.Min(lower, upper), Math.Max(lower, upper));
    }

    /// <summary>
    /// ν (descending, N entries) with t poured onto its smallest entries to a common level: the spectrum with the most
    /// spread-out residual.
    /// </summary>
    internal static double[] Waterfill(double[] descending, double t)
    {
        int n = descending.Length;
        var v = (double[])descending.Clone();
        if (t <= 0)
        {
            return v;
        }

        // Fill the k smallest (the tail of the descending order) to level L = (t + their sum)/k, the first k where L
        // does not pass the next entry up.
        double sum = 0;
        int k = 0;
        double level = 0;
        for (int j = n - 1; j >= 0; j--)
        {
            sum += v[j];
            k++;
            level = (t + sum) / k;
            if (j == 0 || level <= v[j - 1])
            {
                break;
            }
        }

        for (int j = n - k; j < n; j++)
        {
            v[j] = level;
        }

        return v;
    }

    /// <summary>
    /// Adds to <paramref name="descending"/> the most concentrated residual spectrum that the trace t and (when known) the
    /// squared norm G allow: partial sums C_k = min(t, √(k·G)), or all of t on the first entry without G.
    /// </summary>
    private static void AddConcentrated(double[] descending, double t, double? residualSquares)
    {
        if (t <= 0)
        {
            return;
        }

        if (residualSquares is not { } g || g <= 0 || g >= t * t)
        {
            descending[0] += t;
            return;
        }

        double previous = 0;
        for (int k = 1; k <= descending.Length; k++)
        {
            double c = Math.Min(t, Math.Sqrt(k * g));
            descending[k - 1] += c - previous;
            previous = c;
            if (c >= t)
            {
                return;
            }
        }
    }

    /// <summary>S_α in nats of the spectrum <paramref name="values"/>/N (entries ≥ 0 summing to about N; normalised by their sum).</summary>
    internal static double Entropy(ReadOnlySpan<double> values, double alpha)
    {
        double total = 0, max = 0;
        foreach (double v in values)
        {
            if (v > 0)
            {
                total += v;
                max = Math.Max(max, v);
            }
        }

        if (alpha == 1)
        {
            double s = 0;
            foreach (double v in values)
            {
                if (v > 0)
                {
                    double p = v / total;
                    s -= p * Math.Log(p);
                }
            }

            return s;
        }

        // Σp^α = p_max^α·Σ(v/max)^α, the second factor in [1, N]: no underflow for large α.
        double relative = 0;
        foreach (double v in values)
        {
            if (v > 0)
            {
                relative += Math.Pow(v / max, alpha);
            }
        }

        return (alpha * Math.Log(max / total) + Math.Log(relative)) / (1 - alpha);
    }
}
