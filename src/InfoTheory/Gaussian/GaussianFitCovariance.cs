namespace InfoTheory.Internal;

/// <summary>
/// Sample mean and covariance (two passes, so a large mean does not cancel the variances), Cholesky factors and
/// log-determinants, with a singular covariance reported as an <see cref="ArgumentException"/> that says which columns
/// to drop. Shared by the Gaussian fit and the KDE whitening.
/// </summary>
internal static class GaussianFitCovariance
{
    /// <summary>Mean and row-major d×d covariance; divisor N − 1 (unbiased) or N (maximum likelihood); exactly 0 for a constant column.</summary>
    public static (double[] Mean, double[] Covariance) Fit(in Samples samples, bool unbiased)
    {
        int n = samples.Count, d = samples.Dimensions;
        var mean = new double[d];
        var row = new double[d];
        var first = new double[d];
        var constant = new bool[d];
        samples.CopyRowTo(0, first);
        Array.Fill(constant, true);
        for (int i = 0; i < n; i++)
        {
            samples.CopyRowTo(i, row);
            for (int k = 0; k < d; k++)
            {
                mean[k] += row[k];
                constant[k] &= row[k] == first[k];
            }
        }

        for (int k = 0; k < d; k++)
        {
            mean[k] /= n;
        }

        var cov = new double[d * d];
        for (int i = 0; i < n; i++)
        {
            samples.CopyRowTo(i, row);
            for (int k = 0; k < d; k++)
            {
                row[k] -= mean[k];
            }

            for (int a = 0; a < d; a++)
            {
                for (int b = 0; b <= a; b++)
                {
                    cov[a * d + b] += row[a] * row[b];
                }
            }
        }

        double divisor = unbiased ? n - 1 : n;
        for (int a = 0; a < d; a++)
        {
            for (int b = 0; b <= a; b++)
            {
                // A constant column has covariance exactly 0 (its rounded mean could leave ~1e-32 and pass for variance).
                cov[a * d + b] = constant[a] || constant[b] ? 0 : cov[a * d + b] / divisor;
                cov[b * d + a] = cov[a * d + b];
            }
        }

        return (mean, cov);
    }

    /// <summary>
    /// The lower Cholesky factor of a row-major covariance, or an <see cref="ArgumentException"/> naming constant or
    /// linearly dependent columns of <paramref name="name"/> when it is singular (to working precision).
    /// <paramref name="samples"/> (the data, unscaled) gives the value of a constant column for the message.
    /// </summary>
    public static double[] CholeskyOrThrow(double[] covariance, int d, string name, in Samples samples)
    {
        for (int k = 0; k < d; k++)
        {
            if (!(covariance[k * d + k] > 0))
            {
                throw new ArgumentException(
                    $"{name} column {k} is constant (every value is {samples[0, k].ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}), so the covariance is singular and the density degenerate (its differential entropy is −∞); remove constant columns first.",
                    name);
            }
        }

        // Work on the correlation matrix: the pivot test is then scale-free.
        var scale = new double[d];
        for (int k = 0; k < d; k++)
        {
            scale[k] = Math.Sqrt(covariance[k * d + k]);
        }

        var l = new double[d * d];
        for (int j = 0; j < d; j++)
        {
            double s = 1;
            for (int k = 0; k < j; k++)
            {
                s -= l[j * d + k] * l[j * d + k];
            }

            if (!(s > 1e-12))
            {
                throw new ArgumentException(
                    $"{name} column {j} is (numerically) a linear combination of columns 0–{j - 1} (residual variance {Math.Max(s, 0):G3} of its own), so the covariance is singular; remove duplicate or collinear columns (or project onto the principal components with non-zero variance) first.",
                    name);
            }

            l[j * d + j] = Math.Sqrt(s);
            for (int i = j + 1; i < d; i++)
            {
                double t = covariance[i * d + j] / (scale[i] * scale[j]);
                for (int k = 0; k < j; k++)
                {
                    t -= l[i * d + k] * l[j * d + k];
                }

                l[i * d + j] = t / l[j * d + j];
            }
        }

        // Undo the scaling: Σ = S·R·S = (S·L_R)(S·L_R)ᵀ.
        for (int i = 0; i < d; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                l[i * d + k] *= scale[i];
            }
        }

        return l;
    }

    /// <summary>ln det Σ = 2·Σ ln L_kk.</summary>
    public static double LogDeterminant(double[] cholesky, int d)
    {
        double sum = 0;
        for (int k = 0; k < d; k++)
        {
            sum += Math.Log(cholesky[k * d + k]);
        }

        return 2 * sum;
    }

    /// <summary>Solves L·w = v in place (forward substitution).</summary>
    public static void ForwardSolve(double[] cholesky, int d, Span<double> v)
    {
        for (int i = 0; i < d; i++)
        {
            double s = v[i];
            for (int k = 0; k < i; k++)
            {
                s -= cholesky[i * d + k] * v[k];
            }

            v[i] = s / cholesky[i * d + i];
        }
    }

    /// <summary>The principal sub-matrix of <paramref name="covariance"/> on the given coordinates.</summary>
    public static double[] Block(double[] covariance, int d, int start, int count)
    {
        var b = new double[count * count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < count; j++)
            {
                b[i * count + j] = covariance[(start + i) * d + start + j];
            }
        }

        return b;
    }
}
