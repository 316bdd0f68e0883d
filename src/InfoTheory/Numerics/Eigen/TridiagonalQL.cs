namespace InfoTheory.Compute;

/// <summary>
/// Eigenvalues of a symmetric tridiagonal matrix by the root-free implicit QL iteration of Pal, Walker and Kahan
/// (the algorithm of LAPACK dsterf; Golub &amp; Van Loan, Matrix Computations, 4th ed., §8.3.5), written from the
/// published description. It works on the squared off-diagonal, so one QL sweep needs no square roots.
/// </summary>
internal static class TridiagonalQL
{
    private const double Eps = 1.1102230246251565e-16; // 2^-53, unit round-off
    private const double Eps2 = Eps * Eps;

    // Absolute deflation floor (relative to the scaled ‖T‖ ≈ 1): |e| ≤ 1e-3·eps·‖T‖ changes no eigenvalue by more
    // than that, and guarantees termination where a diagonal entry converges to exactly zero (singular matrices).
    private const double AbsoluteFloor2 = Eps2 * 1e-6;

    /// <summary>
    /// Overwrites <paramref name="d"/> (length n) with the eigenvalues (unsorted) of the tridiagonal matrix with
    /// diagonal <paramref name="d"/> and off-diagonal <paramref name="e"/> (length ≥ n−1, destroyed).
    /// </summary>
    public static void Eigenvalues(Span<double> d, Span<double> e, int n)
    {
        if (n <= 1)
        {
            return;
        }

        // Scale by a power of two (exact) so that max |entry| ∈ [1, 2): squaring e can neither overflow nor underflow.
        double anorm = 0;
        for (int k = 0; k < n; k++)
        {
            anorm = Math.Max(anorm, Math.Abs(d[k]));
        }

        for (int k = 0; k < n - 1; k++)
        {
            anorm = Math.Max(anorm, Math.Abs(e[k]));
        }

        if (anorm == 0)
        {
            return;
        }

        int exponent = Math.ILogB(anorm);
        for (int k = 0; k < n; k++)
        {
            d[k] = Math.ScaleB(d[k], -exponent);
        }

        for (int k = 0; k < n - 1; k++)
        {
            double s = Math.ScaleB(e[k], -exponent);
            e[k] = s * s;
        }

        int iterations = 0, maxIterations = 30 * n;
        int l = 0;
        while (l < n)
        {
            // First negligible off-diagonal at or after l bounds the unreduced block [l, m].
            int m = l;
            while (m < n - 1)
            {
                double e2 = e[m];
                if (e2 <= Eps2 * Math.Abs(d[m] * d[m + 1]) || e2 <= AbsoluteFloor2)
                {
                    e[m] = 0;
                    break;
                }

                m++;
            }

            if (m == l)
            {
                l++;
                continue;
            }

            if (m == l + 1)
            {
                // 2×2 block: closed form.
                (d[l], d[l + 1]) = Eigenvalues2x2(d[l], Math.Sqrt(e[l]), d[l + 1]);
                e[l] = 0;
                l += 2;
                continue;
            }

            if (++iterations > maxIterations)
            {
                throw new InvalidOperationException(
                    $"The tridiagonal QL iteration did not converge in {maxIterations} sweeps (n = {n}); the matrix may contain values near the floating-point limits.");
            }

            // Wilkinson-type shift from the leading 2×2 of the block.
            double rte = Math.Sqrt(e[l]);
            double sigma = (d[l + 1] - d[l]) / (2 * rte);
            double r = Math.Sqrt(sigma * sigma + 1);
            sigma = d[l] - rte / (sigma + Math.CopySign(r, sigma));

            // One implicit QL sweep from the bottom of the block up, on squared quantities (Pal–Walker–Kahan).
            double c = 1, s = 0;
            double gamma = d[m] - sigma;
            double p = gamma * gamma;
            for (int i = m - 1; i >= l; i--)
            {
                double bb = e[i];
                r = p + bb;
                if (i != m - 1)
                {
                    e[i + 1] = s * r;
                }

                // gamma²/c = gamma²·r/p: both reciprocals can start as soon as p is known, which shortens the
                // loop-carried dependency chain from two divisions to one.
                double invR = 1 / r;
                double rOverP = r * (1 / p);
                double oldc = c;
                c = p * invR;
                s = bb * invR;
                double oldgam = gamma;
                double alpha = d[i];
                gamma = c * (alpha - sigma) - s * oldgam;
                d[i + 1] = oldgam + (alpha - gamma);
                p = c != 0 ? gamma * gamma * rOverP : oldc * bb;
            }

            e[l] = s * p;
            d[l] = sigma + gamma;
        }

        for (int k = 0; k < n; k++)
        {
            d[k] = Math.ScaleB(d[k], exponent);
        }
    }

    /// <summary>Eigenvalues of [[a, b], [b, c]], larger first; the smaller one from the determinant (as in LAPACK dlae2).</summary>
    internal static (double Rt1, double Rt2) Eigenvalues2x2(double a, double b, double c)
    {
        double sm = a + c;
        double df = a - c;
        double adf = Math.Abs(df);
        double tb = b + b;
        double ab = Math.Abs(tb);
        double acmx, acmn;
        if (Math.Abs(a) > Math.Abs(c))
        {
            acmx = a;
            acmn = c;
        }
        else
        {
            acmx = c;
            acmn = a;
        }

        double rt = double.Hypot(adf, ab);

        if (sm < 0)
        {
            double rt1 = 0.5 * (sm - rt);
            return (rt1, (acmx / rt1) * acmn - (b / rt1) * b);
        }

        if (sm > 0)
        {
            double rt1 = 0.5 * (sm + rt);
            return (rt1, (acmx / rt1) * acmn - (b / rt1) * b);
        }

        return (0.5 * rt, -0.5 * rt);
    }
}
