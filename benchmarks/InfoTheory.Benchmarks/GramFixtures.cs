namespace InfoTheory.Benchmarks;

/// <summary>Seeded inputs shared by the benchmarks: the same kind of matrix the solver gets.</summary>
internal static class GramFixtures
{
    /// <summary>
    /// Normalised Gaussian-kernel Gram matrix A = K/N of <paramref name="n"/> standard-normal points in
    /// <paramref name="d"/> dimensions, K_ij = exp(−‖x_i − x_j‖² / (2σ²)) with σ = 5·N^(−1/(4+d)).
    /// </summary>
    /// <returns>The n×n matrix, row-major (symmetric, unit diagonal divided by N).</returns>
    public static double[] GaussianGram(int n, int d, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(d, 1);

        var random = new Random(seed);
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = RandomDraws.StandardNormal(random);
        }

        double sigma = 5.0 * Math.Pow(n, -1.0 / (4 + d));
        double scale = -1.0 / (2.0 * sigma * sigma);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            a[(i * n) + i] = 1.0 / n;
            for (int j = i + 1; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < d; k++)
                {
                    double t = x[(i * d) + k] - x[(j * d) + k];
                    s += t * t;
                }

                double v = Math.Exp(s * scale) / n;
                a[(i * n) + j] = v;
                a[(j * n) + i] = v;
            }
        }

        return a;
    }
}
