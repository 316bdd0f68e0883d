using ILGPU;
using ILGPU.Algorithms;

namespace InfoTheory.Ilgpu;

/// <summary>The brute-force neighbor kernels behind the k-NN estimators (KL, weighted KL, KSG, WKV divergence).</summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// One thread per query i: the k nearest rows of <paramref name="reference"/> (skipping j = i when
    /// <paramref name="excludeSelf"/> is 1), ascending, with their indices, by insertion into the output row; a later
    /// candidate must be strictly closer to pass an earlier one, so ties keep the smaller index (as the CPU path).
    /// Distances are squared Euclidean, or max-norm when <paramref name="chebyshev"/> is 1, summed over coordinates in
    /// order. All threads of a warp read the same reference row at the same time (a broadcast), so the O(N·M·d) scan
    /// needs no shared-memory staging.
    /// </summary>
    public static void Nearest(Index1D index, ArrayView<double> queries, ArrayView<double> reference, int referenceCount, int d, int k,
        int excludeSelf, int chebyshev, ArrayView<double> distances, ArrayView<int> indices)
    {
        int i = index;
        long row = (long)i * k;
        for (int q = 0; q < k; q++)
        {
            distances[row + q] = double.PositiveInfinity;
            indices[row + q] = -1;
        }

        for (int j = 0; j < referenceCount; j++)
        {
            if (excludeSelf != 0 && j == i)
            {
                continue;
            }

            double sum = Distance(queries, i, reference, j, d, chebyshev);
            int at = k - 1;
            if (sum < distances[row + at])
            {
                while (at > 0 && distances[row + at - 1] > sum)
                {
                    distances[row + at] = distances[row + at - 1];
                    indices[row + at] = indices[row + at - 1];
                    at--;
                }

                distances[row + at] = sum;
                indices[row + at] = j;
            }
        }
    }

    /// <summary>
    /// One thread per observation i: counts[i] = #{ j ≠ i : dist(xᵢ, xⱼ) &lt; radii[i] } (≤ when
    /// <paramref name="inclusive"/> is 1), the marginal counts of the KSG estimators.
    /// </summary>
    public static void CountWithin(Index1D index, ArrayView<double> x, int n, int d, ArrayView<double> radii, int inclusive, int chebyshev,
        ArrayView<int> counts)
    {
        int i = index;
        double r = radii[i];
        int c = 0;
        for (int j = 0; j < n; j++)
        {
            double m = Distance(x, i, x, j, d, chebyshev);
            if (j != i && (m < r || (inclusive != 0 && m == r)))
            {
                c++;
            }
        }

        counts[i] = c;
    }

    private static double Distance(ArrayView<double> a, int i, ArrayView<double> b, int j, int d, int chebyshev)
    {
        double sum = 0;
        for (int c = 0; c < d; c++)
        {
            double diff = a[(long)i * d + c] - b[(long)j * d + c];
            sum = chebyshev != 0 ? XMath.Max(sum, XMath.Abs(diff)) : sum + diff * diff;
        }

        return sum;
    }
}
