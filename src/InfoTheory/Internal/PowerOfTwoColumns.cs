namespace InfoTheory.Internal;

/// <summary>
/// Per-column normalisation by powers of two for the affine-equivariant estimators (Gaussian fit, KDE with H = h²·Σ̂):
/// column k is multiplied by 2^−Eₖ, Eₖ the exponent of its largest magnitude, so every column's largest magnitude lies
/// in [1, 2). Multiplying by a power of two is exact in floating point, so variances, covariances and kernel sums are
/// free of overflow and underflow for data anywhere in the finite double range, the same data times any powers of two
/// give bit-identical normalised values, and an entropy of the original columns is that of the normalised ones plus
/// Σₖ Eₖ·ln 2 (the log-Jacobian; mutual information needs nothing).
/// </summary>
internal static class PowerOfTwoColumns
{
    /// <summary>A double-precision copy with each column brought to [1, 2) by its power of two, and Σₖ Eₖ·ln 2.</summary>
    public static (Samples Normalised, double LogJacobian) Normalise(in Samples samples)
    {
        int n = samples.Count, d = samples.Dimensions;
        var values = samples.ToArray();
        var maxAbs = new double[d];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                maxAbs[k] = Math.Max(maxAbs[k], Math.Abs(values[i * d + k]));
            }
        }

        var exponent = new int[d];
        long sum = 0;
        for (int k = 0; k < d; k++)
        {
            // An all-zero column has no exponent; it stays as it is.
            exponent[k] = maxAbs[k] > 0 ? Math.ILogB(maxAbs[k]) : 0;
            sum += exponent[k];
        }

        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < d; k++)
            {
                values[i * d + k] = Math.ScaleB(values[i * d + k], -exponent[k]);
            }
        }

        return (new Samples(values, d), sum * Math.Log(2));
    }

    /// <summary>
    /// A double-precision copy of the whole variable multiplied by ONE power of two, 2^−E with E the exponent of its
    /// largest magnitude (so it lies in [1, 2)): the relative scales of the columns, which a radial kernel or a norm sees,
    /// are unchanged, and distances between the normalised rows neither overflow nor underflow. E = 0 for all zeros.
    /// The copy also isolates the computation from a caller's buffer that changes during it.
    /// </summary>
    public static (Samples Normalised, int Exponent) NormaliseWhole(in Samples samples)
    {
        var values = samples.ToArray();
        double maxAbs = 0;
        foreach (double v in values)
        {
            maxAbs = Math.Max(maxAbs, Math.Abs(v));
        }

        // NaN (a value changed since validation) compares false and leaves maxAbs alone; the caller checks the copy.
        int exponent = maxAbs > 0 && double.IsFinite(maxAbs) ? Math.ILogB(maxAbs) : 0;
        if (exponent != 0)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = Math.ScaleB(values[i], -exponent);
            }
        }

        return (new Samples(values, samples.Dimensions), exponent);
    }
}
