namespace InfoTheory.Tests.Compression;

/// <summary>
/// Test-local inner estimator: fits the joint sample covariance and returns the Gaussian closed form
/// ½·ln(det Σ_X det Σ_Y / det Σ). Exactly invariant under invertible affine maps of X or Y, which makes it a sharp
/// oracle for "compression lost nothing". Its SE is a placeholder (√((k)/N)) used only to check pass-through.
/// </summary>
internal sealed class GaussianFitEstimator : IMutualInformationEstimator
{
    public InformationEstimate Estimate(Samples x, Samples y)
    {
        int n = x.Count, a = x.Dimensions, b = y.Dimensions, d = a + b;
        var mean = new double[d];
        var row = new double[d];
        for (int i = 0; i < n; i++)
        {
            Fill(x, y, i, row);
            for (int k = 0; k < d; k++)
            {
                mean[k] += row[k] / n;
            }
        }

        var c = new double[d, d];
        for (int i = 0; i < n; i++)
        {
            Fill(x, y, i, row);
            for (int p = 0; p < d; p++)
            {
                for (int q = 0; q < d; q++)
                {
                    c[p, q] += (row[p] - mean[p]) * (row[q] - mean[q]) / (n - 1);
                }
            }
        }

        for (int p = 0; p < d; p++)
        {
            for (int q = 0; q < p; q++)
            {
                c[p, q] = c[q, p];
            }
        }

        var mi = new MultivariateNormal(new double[d], c).MutualInformation(a);
        return new InformationEstimate(mi, Information.FromNats(Math.Sqrt((double)a * b / n)), n);
    }

    private static void Fill(Samples x, Samples y, int i, double[] row)
    {
        for (int k = 0; k < x.Dimensions; k++)
        {
            row[k] = x[i, k];
        }

        for (int k = 0; k < y.Dimensions; k++)
        {
            row[x.Dimensions + k] = y[i, k];
        }
    }
}

/// <summary>Test-local estimator with no standard error and no diagnostics (returns a constant), to check the no-SE path.</summary>
internal sealed class ConstantEstimator : IMutualInformationEstimator
{
    public InformationEstimate Estimate(Samples x, Samples y) => new(Information.FromNats(0.25), null, x.Count);
}
