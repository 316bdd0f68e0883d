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
}
