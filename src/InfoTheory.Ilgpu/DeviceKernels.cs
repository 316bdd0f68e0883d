using ILGPU;
using ILGPU.Algorithms;

namespace InfoTheory.Ilgpu;

/// <summary>
/// The ILGPU kernels of <see cref="IlgpuBackend"/>. All work in float64 on row-major matrices; explicitly grouped
/// kernels stride over their work with the group size, so any group size up to <see cref="MaxGroup"/> works.
/// </summary>
internal static partial class DeviceKernels
{
    /// <summary>The tile edge of the distance kernels (a 16×16 group).</summary>
    public const int Tile = 16;

    /// <summary>The largest group the reductions use (shared arrays are sized for it).</summary>
    public const int MaxGroup = 256;

    /// <summary>
    /// The largest order of the batched small-matrix solvers (the Jacobi kernel keeps its rotation parameters in shared
    /// memory); larger matrices take the one-matrix blocked path.
    /// </summary>
    public const int MaxBatchedOrder = 1024;

    private const int MaxPairs = MaxBatchedOrder / 2;

    /// <summary>
    /// D or K̃ for N observations in d dimensions (x row-major N×d), one 16×16 tile of the output per group: both
    /// blocks of 16 observations are staged through shared memory 16 coordinates at a time, and the squared
    /// differences are summed directly (no ‖x‖² + ‖y‖² − 2x·y cancellation). Sizes need not be multiples of 16.
    /// <paramref name="gaussian"/> = 0 writes distances; 1 writes exp(<paramref name="scale"/>·D) with a unit diagonal.
    /// </summary>
    public static void SquaredDistances(ArrayView<double> x, int n, int d, ArrayView<double> output, int gaussian, double scale)
    {
        var a = SharedMemory.Allocate<double>(Tile * Tile);
        var b = SharedMemory.Allocate<double>(Tile * Tile);
        int tx = Group.IdxX, ty = Group.IdxY;
        int iBase = Grid.IdxY * Tile, jBase = Grid.IdxX * Tile;
        int i = iBase + ty, j = jBase + tx;
        double sum = TileSquaredDistance(x, n, d, iBase, jBase, a, b, tx, ty);
        if (i < n && j < n)
        {
            double value = sum;
            if (gaussian != 0)
            {
                value = i == j ? 1.0 : DeviceMath.ExpNonPositive(scale * sum);
            }

            output[(long)i * n + j] = value;
        }
    }

    /// <summary>
    /// ‖x_{iBase+ty} − x_{jBase+tx}‖² for one thread of a 16×16 group: both blocks of 16 observations are staged through
    /// the shared arrays <paramref name="a"/> and <paramref name="b"/> 16 coordinates at a time (rows past N read as 0).
    /// Every thread of the group must call it (it holds barriers).
    /// </summary>
    private static double TileSquaredDistance(ArrayView<double> x, int n, int d, int iBase, int jBase, ArrayView<double> a, ArrayView<double> b, int tx, int ty)
    {
        double sum = 0;
        for (int k0 = 0; k0 < d; k0 += Tile)
        {
            int c = k0 + tx;
            int ri = iBase + ty, rj = jBase + ty;
            a[ty * Tile + tx] = ri < n && c < d ? x[(long)ri * d + c] : 0.0;
            b[ty * Tile + tx] = rj < n && c < d ? x[(long)rj * d + c] : 0.0;
            Group.Barrier();
            for (int k = 0; k < Tile; k++)
            {
                double diff = a[ty * Tile + k] - b[tx * Tile + k];
                sum += diff * diff;
            }

            Group.Barrier();
        }

        return sum;
    }

    /// <summary>
    /// As <see cref="SquaredDistances"/> with the coordinates, the sums and κ in float32 (the caller opted in with
    /// <see cref="IlgpuPrecision.Single"/>); the result is widened to float64 for the rest of the pipeline.
    /// </summary>
    public static void SquaredDistancesSingle(ArrayView<float> x, int n, int d, ArrayView<double> output, int gaussian, float scale)
    {
        var a = SharedMemory.Allocate<float>(Tile * Tile);
        var b = SharedMemory.Allocate<float>(Tile * Tile);
        int tx = Group.IdxX, ty = Group.IdxY;
        int iBase = Grid.IdxY * Tile, jBase = Grid.IdxX * Tile;
        int i = iBase + ty, j = jBase + tx;
        float sum = 0;
        for (int k0 = 0; k0 < d; k0 += Tile)
        {
            int c = k0 + tx;
            int ri = iBase + ty, rj = jBase + ty;
            a[ty * Tile + tx] = ri < n && c < d ? x[(long)ri * d + c] : 0f;
            b[ty * Tile + tx] = rj < n && c < d ? x[(long)rj * d + c] : 0f;
            Group.Barrier();
            for (int k = 0; k < Tile; k++)
            {
                float diff = a[ty * Tile + k] - b[tx * Tile + k];
                sum += diff * diff;
            }

            Group.Barrier();
        }

        if (i < n && j < n)
        {
            float value = sum;
            if (gaussian != 0)
            {
                value = i == j ? 1f : XMath.Exp(scale * sum);
            }

            output[(long)i * n + j] = value;
        }
    }

    /// <summary>
    /// out[b] = Π over subset b of stack[·] (element-wise), for the subsets in a table of <paramref name="width"/>
    /// indices per row (−1 pads). Index: (element, matrix in batch).
    /// </summary>
    public static void HadamardBatch(Index2D index, ArrayView<double> stack, ArrayView<int> table, int width, int nn, ArrayView<double> output)
    {
        long e = index.X, m = index.Y;
        double product = 1.0;
        // Rows are padded at the end: stop at the first pad, so short subsets (pairs) do not pay for the longest one.
        for (int q = 0; q < width; q++)
        {
            int p = table[(int)(m * width + q)];
            if (p < 0)
            {
                break;
            }

            product *= stack[p * (long)nn + e];
        }

        output[m * nn + e] = product;
    }

    /// <summary>One group per matrix: sums[b] = Σ M_b². Fixed order per group, so results repeat run to run.</summary>
    public static void SquaredNormBatch(ArrayView<double> matrices, int n, ArrayView<double> sums)
    {
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        long origin = Grid.IdxX * (long)n * n, nn = (long)n * n;
        int t = Group.IdxX, g = Group.DimX;
        double sum = 0;
        for (long e = t; e < nn; e += g)
        {
            double v = matrices[origin + e];
            sum += v * v;
        }

        double total = GroupSum(partial, sum, t, g);
        if (t == 0)
        {
            sums[Grid.IdxX] = total;
        }
    }

    /// <summary>partials[group] = Σ v² over a grid-strided share of <paramref name="values"/>; the host adds the partials in order.</summary>
    public static void SquaredSumPartials(ArrayView<double> values, long length, ArrayView<double> partials)
    {
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        int t = Group.IdxX, g = Group.DimX;
        long stride = (long)g * Grid.DimX;
        double sum = 0;
        for (long e = Grid.IdxX * (long)g + t; e < length; e += stride)
        {
            double v = values[e];
            sum += v * v;
        }

        double total = GroupSum(partial, sum, t, g);
        if (t == 0)
        {
            partials[Grid.IdxX] = total;
        }
    }

    /// <summary>
    /// Cyclic Jacobi eigenvalues of many small symmetric matrices, one group per matrix (Golub &amp; Van Loan, Matrix
    /// Computations 4th ed., §8.5.5, parallel ordering §8.5.4): each round applies n/2 disjoint rotations at once (the
    /// round-robin "chess tournament" ordering), rows then columns; sweeps stop when the off-diagonal Frobenius norm
    /// falls below <paramref name="tolerance"/>·‖A‖_F or after <paramref name="maxSweeps"/>. Overwrites the matrices; eigenvalues[b·n + i] = diagonal.
    /// </summary>
    public static void JacobiBatch(ArrayView<double> matrices, int n, ArrayView<double> eigenvalues, int maxSweeps, double tolerance, ArrayView<int> sweepsUsed)
    {
        var cosines = SharedMemory.Allocate<double>(MaxPairs);
        var sines = SharedMemory.Allocate<double>(MaxPairs);
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        var done = SharedMemory.Allocate<int>(1);
        int t = Group.IdxX, g = Group.DimX;
        long origin = Grid.IdxX * (long)n * n;
        int m = n + (n & 1), half = m / 2;
        int sweep = 0;
        for (; sweep <= maxSweeps; sweep++)
        {
            double off = 0, total = 0;
            for (int e = t; e < n * n; e += g)
            {
                double v = matrices[origin + e];
                total += v * v;
                if (e / n != e % n)
                {
                    off += v * v;
                }
            }

            double offSum = GroupSum(partial, off, t, g);
            double totalSum = GroupSum(partial, total, t, g);
            if (t == 0)
            {
                done[0] = offSum <= tolerance * tolerance * totalSum || sweep == maxSweeps ? 1 : 0;
            }

            Group.Barrier();
            if (done[0] != 0)
            {
                break;
            }

            for (int r = 0; r < m - 1; r++)
            {
                for (int k = t; k < half; k += g)
                {
                    int p = Slot(k, r, m), q = Slot(m - 1 - k, r, m);
                    double c = 1, s = 0;
                    if (p < n && q < n)
                    {
                        if (p > q)
                        {
                            (p, q) = (q, p);
                        }

                        double apq = matrices[origin + (long)p * n + q];
                        if (apq != 0)
                        {
                            double app = matrices[origin + (long)p * n + p], aqq = matrices[origin + (long)q * n + q];
                            double theta = (aqq - app) / (2 * apq);
                            double tan = XMath.Abs(theta) > 1e150
                                ? 0.5 / theta
                                : (theta >= 0 ? 1.0 : -1.0) / (XMath.Abs(theta) + XMath.Sqrt(1 + theta * theta));
                            c = XMath.Rsqrt(1 + tan * tan);
                            s = tan * c;
                        }
                    }

                    cosines[k] = c;
                    sines[k] = s;
                }

                Group.Barrier();

                // Rows p and q of A ← Jᵀ·A, then columns p and q of A ← A·J, for every pair of the round.
                for (int w = t; w < half * n; w += g)
                {
                    int k = w / n, j = w % n;
                    int p = Slot(k, r, m), q = Slot(m - 1 - k, r, m);
                    if (p < n && q < n)
                    {
                        if (p > q)
                        {
                            (p, q) = (q, p);
                        }

                        double c = cosines[k], s = sines[k];
                        long ip = origin + (long)p * n + j, iq = origin + (long)q * n + j;
                        double apj = matrices[ip], aqj = matrices[iq];
                        matrices[ip] = c * apj - s * aqj;
                        matrices[iq] = s * apj + c * aqj;
                    }
                }

                Group.Barrier();
                for (int w = t; w < half * n; w += g)
                {
                    int k = w / n, i = w % n;
                    int p = Slot(k, r, m), q = Slot(m - 1 - k, r, m);
                    if (p < n && q < n)
                    {
                        if (p > q)
                        {
                            (p, q) = (q, p);
                        }

                        double c = cosines[k], s = sines[k];
                        long ip = origin + (long)i * n + p, iq = origin + (long)i * n + q;
                        double aip = matrices[ip], aiq = matrices[iq];
                        matrices[ip] = c * aip - s * aiq;
                        matrices[iq] = s * aip + c * aiq;
                    }
                }

                Group.Barrier();
            }
        }

        for (int i = t; i < n; i += g)
        {
            eigenvalues[Grid.IdxX * (long)n + i] = matrices[origin + (long)i * n + i];
        }

        if (t == 0)
        {
            sweepsUsed[Grid.IdxX] = sweep;
        }
    }

    /// <summary>Householder step k, part 3 (one group): w = p − ½(uᵀp)·u, written over p.</summary>
    public static void RankTwoVector(ArrayView<double> u, ArrayView<double> p, int n, int k)
    {
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        int t = Group.IdxX, g = Group.DimX;
        double sum = 0;
        for (int i = k + 1 + t; i < n; i += g)
        {
            sum += u[i] * p[i];
        }

        double half = 0.5 * GroupSum(partial, sum, t, g);
        for (int i = k + 1 + t; i < n; i += g)
        {
            p[i] -= half * u[i];
        }
    }

    /// <summary>The index at slot s in round r of the round-robin ordering of m (even) indices: slot 0 stays, the rest rotate.</summary>
    private static int Slot(int s, int r, int m) => s == 0 ? 0 : ((s - 1 + r) % (m - 1)) + 1;

    /// <summary>Σ of every thread's value in the group (a tree in shared memory); all threads get the sum.</summary>
    private static double GroupSum(ArrayView<double> partial, double value, int t, int g)
    {
        partial[t] = value;
        Group.Barrier();
        for (int width = MaxGroup / 2; width > 0; width /= 2)
        {
            if (t < width && t + width < g)
            {
                partial[t] += partial[t + width];
            }

            Group.Barrier();
        }

        double total = partial[0];
        Group.Barrier();
        return total;
    }
}
