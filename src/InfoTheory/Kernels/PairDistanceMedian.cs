using InfoTheory.Internal;

namespace InfoTheory;

/// <summary>
/// The median distance between two different observations, over all pairs for small N and over a fixed, seeded sample of
/// pairs beyond: the scale that <see cref="WidthCheck"/> compares a kernel width with, at O(pairs·d) cost whatever N.
/// </summary>
internal static class PairDistanceMedian
{
    /// <summary>How many pairs are used at most (all of them while N(N − 1)/2 fits, i.e. N ≤ 91).</summary>
    public const int Pairs = 4096;

    // Fixed so that a diagnostic never changes between two runs on the same data.
    private const int Seed = 0x5EED;

    /// <summary>The median Euclidean distance between observations of one variable.</summary>
    public static double Of(Samples samples) => Of([samples], [1.0]);

    /// <summary>
    /// The median over pairs of √(Σ_p ‖a_p,i − a_p,j‖² / s_p²): the distance a product of Gaussian kernels with widths s_p
    /// sees between observations i and j of the variables a_p (observed together).
    /// </summary>
    public static double Of(IReadOnlyList<Samples> parts, IReadOnlyList<double> scales)
    {
        int n = parts[0].Count;
        long all = (long)n * (n - 1) / 2;
        int count = (int)Math.Min(all, Pairs);
        var distances = new double[count];
        var random = new Random(Seed);
        int width = parts.Max(p => p.Dimensions);
        Span<double> a = new double[width], b = new double[width];
        int at = 0;
        for (int i = 1; i < n && all <= Pairs; i++)
        {
            for (int j = 0; j < i; j++)
            {
                distances[at++] = Distance(parts, scales, i, j, a, b);
            }
        }

        while (at < count)
        {
            int i = random.Next(n), j = random.Next(n - 1);
            distances[at++] = Distance(parts, scales, i, j < i ? j : j + 1, a, b);
        }

        return Statistics.Median(distances);
    }

    private static double Distance(IReadOnlyList<Samples> parts, IReadOnlyList<double> scales, int i, int j, Span<double> a, Span<double> b)
    {
        double sum = 0;
        for (int p = 0; p < parts.Count; p++)
        {
            int d = parts[p].Dimensions;
            parts[p].CopyRowTo(i, a[..d]);
            parts[p].CopyRowTo(j, b[..d]);
            double squared = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = a[k] - b[k];
                squared += diff * diff;
            }

            sum += squared / (scales[p] * scales[p]);
        }

        return Math.Sqrt(sum);
    }
}
