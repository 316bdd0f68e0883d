using ILGPU;
using ILGPU.Algorithms;

namespace InfoTheory.Ilgpu;

/// <summary>
/// Eigenvalues of a symmetric tridiagonal matrix by bisection on Sturm counts, one thread per eigenvalue (the method of
/// LAPACK dstebz; Barth, Martin &amp; Wilkinson, Numer. Math. 9, 1967, doi:10.1007/BF02162154; its floating-point
/// correctness: Demmel, Dhillon &amp; Ren, ETNA 3, 1995). Each eigenvalue is found independently in O(n) per step, so
/// the O(n²) work spreads over n threads where the QL iteration is one sequential chain of dependent divisions.
/// </summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// Thread i: the (i+1)-th smallest eigenvalue of T (diagonal <paramref name="d"/>, squared off-diagonals
    /// <paramref name="e2"/>), bisecting [<paramref name="lower"/>, <paramref name="upper"/>] (Gershgorin bounds) until
    /// the bracket is within <paramref name="tolerance"/>; the midpoint is the result, so values come out ascending.
    /// The Sturm count is the number of negative pivots of T − xI = LDLᵀ, a pivot smaller in magnitude than
    /// <paramref name="pivmin"/> replaced by −pivmin (dstebz's guard against division by zero).
    /// </summary>
    public static void Bisection(Index1D index, ArrayView<double> d, ArrayView<double> e2, int n, double lower, double upper, double tolerance,
        double pivmin, ArrayView<double> eigenvalues)
    {
        int target = index + 1;
        double lo = lower, hi = upper;
        // Each step halves the bracket; 160 steps shrink any finite bracket of doubles below its spacing.
        for (int step = 0; step < 160 && hi - lo > tolerance; step++)
        {
            double x = 0.5 * (lo + hi);
            if (x <= lo || x >= hi)
            {
                break;
            }

            int count = 0;
            double q = d[0] - x;
            if (XMath.Abs(q) < pivmin)
            {
                q = -pivmin;
            }

            count += q < 0 ? 1 : 0;
            for (int i = 1; i < n; i++)
            {
                q = d[i] - x - e2[i - 1] / q;
                if (XMath.Abs(q) < pivmin)
                {
                    q = -pivmin;
                }

                count += q < 0 ? 1 : 0;
            }

            if (count >= target)
            {
                hi = x;
            }
            else
            {
                lo = x;
            }
        }

        eigenvalues[index] = 0.5 * (lo + hi);
    }
}
