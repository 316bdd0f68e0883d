namespace InfoTheory.Internal;

/// <summary>Plug-in entropies and mutual information of dense symbol codes, with delta-method standard errors.</summary>
internal static class PlugIn
{
    /// <summary>
    /// H = −Σ (c/N)·ln(c/N) over the observed symbols, plus (m − 1)/(2N) for Miller–Madow. The standard error is the
    /// delta-method √((Σ p·ln²p − H²)/N) (the std of the per-sample terms −ln p̂(xᵢ) over √N). One symbol → 0, exactly.
    /// </summary>
    public static (double Nats, double StandardError) FromCounts(int[] counts, int n, DiscreteBiasCorrection correction)
    {
        double h = 0, second = 0;
        int m = 0;
        foreach (int c in counts)
        {
            if (c == 0)
            {
                continue;
            }

            m++;
            double p = (double)c / n;
            double l = Math.Log(p);
            h -= p * l;
            second += p * l * l;
        }

        if (m <= 1)
        {
            return (0, 0);
        }

        double se = Math.Sqrt(Math.Max(0, second - h * h) / n);
        if (correction == DiscreteBiasCorrection.MillerMadow)
        {
            h += (m - 1) / (2.0 * n);
        }

        return (h, se);
    }

    /// <summary>H of dense codes.</summary>
    public static (double Nats, double StandardError) Entropy(int[] codes, int distinct, DiscreteBiasCorrection correction) =>
        FromCounts(SymbolCodes.Counts(codes, distinct), codes.Length, correction);

    /// <summary>The estimate of H of dense codes, with its standard error and N (diagnostics are the caller's).</summary>
    public static InformationEstimate EntropyEstimate(int[] codes, int distinct, DiscreteBiasCorrection correction)
    {
        var (nats, se) = Entropy(codes, distinct, correction);
        return new InformationEstimate(Information.FromNats(nats), Information.FromNats(se), codes.Length);
    }

    /// <summary>
    /// The estimate of I(X;Y) of dense codes, with its standard error and N, and the distinct symbols
    /// [m_X, m_Y, m_XY] (diagnostics are the caller's).
    /// </summary>
    public static (InformationEstimate Estimate, int[] Symbols) MutualInformationEstimate(int[] x, int mx, int[] y, int my,
        DiscreteBiasCorrection correction)
    {
        var (nats, se, mxy) = MutualInformation(x, mx, y, my, correction);
        return (new InformationEstimate(Information.FromNats(nats), Information.FromNats(se), x.Length), [mx, my, mxy]);
    }

    /// <summary>
    /// I(X;Y) = H(X) + H(Y) − H(X,Y) of dense codes; Miller–Madow corrects each of the three entropies. The plug-in value
    /// is ≥ 0 (rounding below 0 is set to 0); the standard error is the std of ln(p̂(x,y)/(p̂(x)p̂(y))) over √N;
    /// <c>JointSymbols</c> is the number of distinct (x, y) pairs observed.
    /// </summary>
    public static (double Nats, double StandardError, int JointSymbols) MutualInformation(int[] x, int mx, int[] y, int my, DiscreteBiasCorrection correction)
    {
        int n = x.Length;
        var joint = SymbolCodes.Pair(x, mx, y, my, out int mxy);
        var cx = SymbolCodes.Counts(x, mx);
        var cy = SymbolCodes.Counts(y, my);
        var cxy = SymbolCodes.Counts(joint, mxy);
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            // ln(p(x,y)/(p(x)p(y))) = ln(N·c_xy/(c_x·c_y))
            double t = Math.Log((double)n * cxy[joint[i]] / ((double)cx[x[i]] * cy[y[i]]));
            sum += t;
            sumSquares += t * t;
        }

        double mean = sum / n;
        double se = Math.Sqrt(Math.Max(0, sumSquares / n - mean * mean) / n);
        double nats = Math.Max(0, mean);
        if (correction == DiscreteBiasCorrection.MillerMadow)
        {
            nats += (Observed(cx) - 1 + Observed(cy) - 1 - (Observed(cxy) - 1)) / (2.0 * n);
        }

        return (nats, se, mxy);
    }

    private static int Observed(int[] counts) => counts.Count(c => c > 0);
}
