namespace InfoTheory;

/// <summary>Placeholder (cyclic Jacobi) until the fast solver lands.</summary>
public static class SymmetricEigenvalues
{
    /// <summary>Eigenvalues ascending.</summary>
    public static double[] Compute(ReadOnlySpan<double> matrix, int n)
    {
        var a = matrix[..(n * n)].ToArray();
        var e = new double[n];
        ComputeInPlace(a, n, e);
        return e;
    }

    /// <summary>Eigenvalues ascending, destroying the matrix.</summary>
    public static void ComputeInPlace(Span<double> a, int n, Span<double> eigenvalues, bool parallel = true)
    {
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < n; p++) for (int q = p + 1; q < n; q++) off += a[p * n + q] * a[p * n + q];
            if (off < 1e-30) break;
            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = a[p * n + q];
                    if (Math.Abs(apq) < 1e-300) continue;
                    double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double akp = a[k * n + p], akq = a[k * n + q];
                        a[k * n + p] = c * akp - s * akq;
                        a[k * n + q] = s * akp + c * akq;
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double apk = a[p * n + k], aqk = a[q * n + k];
                        a[p * n + k] = c * apk - s * aqk;
                        a[q * n + k] = s * apk + c * aqk;
                    }
                }
            }
        }

        for (int i = 0; i < n; i++) eigenvalues[i] = a[i * n + i];
        eigenvalues[..n].Sort();
    }

    /// <summary>Batch.</summary>
    public static void ComputeBatch(ReadOnlySpan<double> matrices, int n, int count, Span<double> eigenvalues)
    {
        for (int m = 0; m < count; m++)
        {
            var a = matrices.Slice(m * n * n, n * n).ToArray();
            ComputeInPlace(a, n, eigenvalues.Slice(m * n, n), false);
        }
    }
}
