using ILGPU;
using ILGPU.Algorithms;

namespace InfoTheory.Ilgpu;

/// <summary>
/// Batched eigenvalues by Householder tridiagonalisation (one group per matrix) and root-free QL (one thread per
/// matrix): about 4/3·n³ flops and one read of the trailing block per column for the reduction, O(n²) for the QL,
/// against the ~6n³ flops per sweep (and ~8–10 sweeps) of <see cref="JacobiBatch"/>.
/// </summary>
/// <remarks>
/// Layout of the tridiagonals: interleaved, element i of matrix b at [i·stride + b] with stride the number of
/// matrices in the launch, so that the QL's neighboring threads (neighboring matrices) read neighboring addresses
/// (coalesced), at the price of strided single writes in the reduction (n per matrix, negligible beside its n³ work).
/// </remarks>
internal static partial class DeviceKernels
{
    /// <summary>Unit round-off 2⁻⁵³ (as in TridiagonalQL on the CPU).</summary>
    private const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>
    /// Householder tridiagonalisation of many symmetric matrices, one group per matrix, the whole reduction in one
    /// launch (Golub &amp; Van Loan, Matrix Computations 4th ed., §8.3.1). Per column k the group forms the reflector
    /// u = v·√(2/vᵀv), v = x − α·e₁, α = −sign(x₀)‖x‖ for x = A[k, k+1..n) (the conventions of <see cref="PanelReflector"/>);
    /// p = A·u over the trailing block; w = p − ½(uᵀp)·u; A ← A − u·wᵀ − w·uᵀ (both triangles). Barriers separate the
    /// phases. <paramref name="work"/> holds u and w (2n per matrix). Writes the diagonal to
    /// <paramref name="diagonals"/> and the sub-diagonal to <paramref name="offDiagonals"/>[0..n−2], interleaved with
    /// stride Grid.DimX (see the class remarks). Overwrites the matrices (left scaled by a power of two).
    /// </summary>
    public static void TridiagonalizeBatch(ArrayView<double> matrices, int n, ArrayView<double> work, ArrayView<double> diagonals, ArrayView<double> offDiagonals)
    {
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        var scalars = SharedMemory.Allocate<double>(2);
        int t = Group.IdxX, g = Group.DimX, b = Grid.IdxX, stride = Grid.DimX;
        long origin = b * (long)n * n, nn = (long)n * n;
        long uAt = b * 2L * n, wAt = uAt + n;

        // Scale by a power of two (exact) so that max |a| ∈ [1, 2): the reflector norms Σx² cannot overflow, and what
        // underflows is far below ε·‖A‖ (unscaled, matrices with entries above ~1e154 would overflow, and those below
        // ~1e-154 would lose their reflectors entirely). n² work against the n³ of the reduction.
        double largest = 0;
        for (long c = t; c < nn; c += g)
        {
            largest = XMath.Max(largest, XMath.Abs(matrices[origin + c]));
        }

        largest = GroupMax(partial, largest, t, g);
        int exponent = largest > 0 && largest <= double.MaxValue ? BinaryExponent(largest) : 0;
        double downHi = PowerOfTwo(-(exponent / 2)), downLo = PowerOfTwo(-(exponent - (exponent / 2)));
        double upHi = PowerOfTwo(exponent / 2), upLo = PowerOfTwo(exponent - (exponent / 2));
        for (long c = t; c < nn; c += g)
        {
            matrices[origin + c] = matrices[origin + c] * downHi * downLo;
        }

        Group.Barrier();
        for (int k = 0; k < n - 2; k++)
        {
            int length = n - k - 1;
            long row = origin + (long)k * n + k + 1;

            // The reflector from row k right of the diagonal (A stays symmetric, so row k = column k).
            double sum = 0;
            for (int i = t; i < length; i += g)
            {
                double v = matrices[row + i];
                sum += v * v;
            }

            double squared = GroupSum(partial, sum, t, g);
            if (t == 0)
            {
                double x0 = matrices[row];
                double norm = XMath.Sqrt(squared);
                double alpha = norm == 0 ? 0 : (x0 >= 0 ? -norm : norm);
                double v0 = x0 - alpha;
                double vv = squared - x0 * x0 + v0 * v0;
                scalars[0] = v0;
                scalars[1] = norm == 0 ? 0 : XMath.Sqrt(2 / vv);
                diagonals[(long)k * stride + b] = matrices[origin + (long)k * n + k] * upHi * upLo;
                offDiagonals[(long)k * stride + b] = alpha * upHi * upLo;
            }

            Group.Barrier();
            double v0s = scalars[0], factor = scalars[1];
            if (factor == 0)
            {
                // x = 0: the column is already reduced (every thread reads the same shared value, so all skip; the
                // next write of the scalars comes after the barriers of the next GroupSum).
                continue;
            }

            for (int i = t; i < length; i += g)
            {
                work[uAt + k + 1 + i] = (i == 0 ? v0s : matrices[row + i]) * factor;
            }

            Group.Barrier();

            // p = A·u on the trailing block, thread i taking column i (= row i): reads A[j, i] are coalesced in i.
            double up = 0;
            for (int i = k + 1 + t; i < n; i += g)
            {
                double p = 0;
                for (int j = k + 1; j < n; j++)
                {
                    p += matrices[origin + (long)j * n + i] * work[uAt + j];
                }

                work[wAt + i] = p;
                up += work[uAt + i] * p;
            }

            // w = p − ½(uᵀp)·u; each thread rewrites the entries it wrote, so only the sum needs the group.
            double half = 0.5 * GroupSum(partial, up, t, g);
            for (int i = k + 1 + t; i < n; i += g)
            {
                work[wAt + i] -= half * work[uAt + i];
            }

            Group.Barrier();

            // A ← A − u·wᵀ − w·uᵀ over the trailing block, flattened so that every thread has work when length < g.
            int cells = length * length;
            for (int c = t; c < cells; c += g)
            {
                int i = k + 1 + c / length, j = k + 1 + c % length;
                matrices[origin + (long)i * n + j] -= work[uAt + i] * work[wAt + j] + work[wAt + i] * work[uAt + j];
            }

            Group.Barrier();
        }

        // The last 2×2 (or 1×1) block is already tridiagonal.
        if (t == 0)
        {
            for (int i = XMath.Max(0, n - 2); i < n; i++)
            {
                diagonals[(long)i * stride + b] = matrices[origin + (long)i * n + i] * upHi * upLo;
            }

            if (n >= 2)
            {
                offDiagonals[(long)(n - 2) * stride + b] = matrices[origin + (long)(n - 1) * n + n - 2] * upHi * upLo;
            }
        }
    }

    /// <summary>
    /// Eigenvalues (unsorted) of many symmetric tridiagonals, one thread per matrix, by the root-free implicit QL of
    /// Pal, Walker and Kahan (the algorithm of LAPACK dsterf; Golub &amp; Van Loan §8.3.5): a port of the library's
    /// CPU TridiagonalQL, same scaling, deflation tests, shifts and iteration cap (30·n sweeps per matrix). Interleaved
    /// layout with <paramref name="stride"/> (see the class remarks); <paramref name="offDiagonals"/> is destroyed.
    /// status[b] = 0 on success, 1 when the iteration did not converge, 2 when the tridiagonal is not finite (both
    /// leave the values undefined; the host throws).
    /// </summary>
    public static void TridiagonalQLBatch(Index1D index, ArrayView<double> diagonals, ArrayView<double> offDiagonals, int n, int stride, ArrayView<int> status)
    {
        int b = index;
        status[b] = 0;
        if (n <= 1)
        {
            if (n == 1 && !(XMath.Abs(diagonals[b]) <= double.MaxValue))
            {
                status[b] = 2;
            }

            return;
        }

        // Scale by a power of two (exact) so that max |entry| ∈ [1, 2): squaring e can neither overflow nor underflow.
        double anorm = 0;
        for (int i = 0; i < n; i++)
        {
            double v = XMath.Abs(diagonals[(long)i * stride + b]);
            if (!(v <= double.MaxValue))
            {
                status[b] = 2;
                return;
            }

            anorm = XMath.Max(anorm, v);
        }

        for (int i = 0; i < n - 1; i++)
        {
            double v = XMath.Abs(offDiagonals[(long)i * stride + b]);
            if (!(v <= double.MaxValue))
            {
                status[b] = 2;
                return;
            }

            anorm = XMath.Max(anorm, v);
        }

        if (anorm == 0)
        {
            return;
        }

        int exponent = BinaryExponent(anorm);
        double downHi = PowerOfTwo(-(exponent / 2)), downLo = PowerOfTwo(-(exponent - (exponent / 2)));
        for (int i = 0; i < n; i++)
        {
            long at = (long)i * stride + b;
            diagonals[at] = diagonals[at] * downHi * downLo;
        }

        for (int i = 0; i < n - 1; i++)
        {
            long at = (long)i * stride + b;
            double s = offDiagonals[at] * downHi * downLo;
            offDiagonals[at] = s * s;
        }

        const double eps2 = UnitRoundoff * UnitRoundoff;
        const double absoluteFloor2 = eps2 * 1e-6;
        int iterations = 0, maxIterations = 30 * n;
        int l = 0;
        while (l < n)
        {
            // First negligible off-diagonal at or after l bounds the unreduced block [l, m].
            int m = l;
            while (m < n - 1)
            {
                long at = (long)m * stride + b;
                double e2 = offDiagonals[at];
                double dm = diagonals[at], dm1 = diagonals[at + stride];
                if (e2 <= eps2 * XMath.Abs(dm * dm1) || e2 <= absoluteFloor2)
                {
                    offDiagonals[at] = 0;
                    break;
                }

                m++;
            }

            if (m == l)
            {
                l++;
                continue;
            }

            long atL = (long)l * stride + b;
            if (m == l + 1)
            {
                // 2×2 block: closed form.
                Eigenvalues2x2(diagonals[atL], XMath.Sqrt(offDiagonals[atL]), diagonals[atL + stride], out double rt1, out double rt2);
                diagonals[atL] = rt1;
                diagonals[atL + stride] = rt2;
                offDiagonals[atL] = 0;
                l += 2;
                continue;
            }

            if (++iterations > maxIterations)
            {
                status[b] = 1;
                return;
            }

            // Wilkinson-type shift from the leading 2×2 of the block.
            double rte = XMath.Sqrt(offDiagonals[atL]);
            double dl = diagonals[atL];
            double sigma = (diagonals[atL + stride] - dl) / (2 * rte);
            double r = XMath.Sqrt(sigma * sigma + 1);
            sigma = dl - rte / (sigma + CopySign(r, sigma));

            // One implicit QL sweep from the bottom of the block up, on squared quantities (Pal–Walker–Kahan).
            double c = 1, s = 0;
            double gamma = diagonals[(long)m * stride + b] - sigma;
            double p = gamma * gamma;
            for (int i = m - 1; i >= l; i--)
            {
                long at = (long)i * stride + b;
                double bb = offDiagonals[at];
                r = p + bb;
                if (i != m - 1)
                {
                    offDiagonals[at + stride] = s * r;
                }

                double invR = 1 / r;
                double rOverP = r * (1 / p);
                double oldc = c;
                c = p * invR;
                s = bb * invR;
                double oldgam = gamma;
                double alpha = diagonals[at];
                gamma = c * (alpha - sigma) - s * oldgam;
                diagonals[at + stride] = oldgam + (alpha - gamma);
                p = c != 0 ? gamma * gamma * rOverP : oldc * bb;
            }

            offDiagonals[atL] = s * p;
            diagonals[atL] = sigma + gamma;
        }

        double upHi = PowerOfTwo(exponent / 2), upLo = PowerOfTwo(exponent - (exponent / 2));
        for (int i = 0; i < n; i++)
        {
            long at = (long)i * stride + b;
            diagonals[at] = diagonals[at] * upHi * upLo;
        }
    }

    /// <summary>The largest of every thread's value in the group (a tree in shared memory, as GroupSum); all threads get it.</summary>
    private static double GroupMax(ArrayView<double> partial, double value, int t, int g)
    {
        partial[t] = value;
        Group.Barrier();
        for (int width = MaxGroup / 2; width > 0; width /= 2)
        {
            if (t < width && t + width < g)
            {
                partial[t] = XMath.Max(partial[t], partial[t + width]);
            }

            Group.Barrier();
        }

        double largest = partial[0];
        Group.Barrier();
        return largest;
    }

    /// <summary>Eigenvalues of [[a, b], [b, c]], larger first; the smaller one from the determinant (as in LAPACK dlae2 and the CPU QL).</summary>
    private static void Eigenvalues2x2(double a, double b, double c, out double rt1, out double rt2)
    {
        double sm = a + c;
        double df = a - c;
        double adf = XMath.Abs(df);
        double tb = b + b;
        double ab = XMath.Abs(tb);
        double acmx, acmn;
        if (XMath.Abs(a) > XMath.Abs(c))
        {
            acmx = a;
            acmn = c;
        }
        else
        {
            acmx = c;
            acmn = a;
        }

        double rt;
        if (adf > ab)
        {
            double q = ab / adf;
            rt = adf * XMath.Sqrt(1 + q * q);
        }
        else if (adf < ab)
        {
            double q = adf / ab;
            rt = ab * XMath.Sqrt(1 + q * q);
        }
        else
        {
            rt = ab * 1.4142135623730951;
        }

        if (sm < 0)
        {
            rt1 = 0.5 * (sm - rt);
            rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
        }
        else if (sm > 0)
        {
            rt1 = 0.5 * (sm + rt);
            rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
        }
        else
        {
            rt1 = 0.5 * rt;
            rt2 = -0.5 * rt;
        }
    }

    /// <summary>⌊log₂ x⌋ for finite x &gt; 0 (Math.ILogB; subnormals included), from the exponent bits.</summary>
    private static int BinaryExponent(double x)
    {
        int biased = (int)((Interop.FloatAsInt(x) >> 52) & 0x7FF);
        if (biased != 0)
        {
            return biased - 1023;
        }

        // Subnormal: scale into the normal range first (exact).
        return (int)((Interop.FloatAsInt(x * 18446744073709551616.0) >> 52) & 0x7FF) - 1023 - 64;
    }

    /// <summary>2^k for |k| ≤ 1022, built in the exponent bits (callers split larger scalings into two factors).</summary>
    private static double PowerOfTwo(int k) => Interop.IntAsFloat((ulong)(k + 1023) << 52);

    /// <summary>|magnitude| with the sign bit of <paramref name="sign"/> (Math.CopySign; −0 counts as negative).</summary>
    private static double CopySign(double magnitude, double sign) =>
        (Interop.FloatAsInt(sign) >> 63) != 0 ? -XMath.Abs(magnitude) : XMath.Abs(magnitude);
}
