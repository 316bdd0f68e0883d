using ILGPU;
using ILGPU.Algorithms;

namespace InfoTheory.Ilgpu;

/// <summary>
/// Blocked Householder tridiagonalisation of one large symmetric matrix (the panel scheme of LAPACK dsytrd/dlatrd;
/// Dongarra, Sorensen &amp; Hammarling, "Block reduction of matrices to condensed forms for eigenvalue computations",
/// J. Comput. Appl. Math. 27, 1989, doi:10.1016/0377-0427(89)90367-1). Each reflector H = I − u·uᵀ (‖u‖² = 2) would
/// update the trailing block by A ← A − u·wᵀ − w·uᵀ; within a panel of b reflectors that update is deferred: the
/// panel's u and w vectors are kept (rows of Uᵗ and Wᵗ, stride n) and every read of the trailing block is corrected by
/// them, and one rank-2b update per panel writes them all. The trailing block is then read once per reflector, and only
/// its lower triangle (the symmetric mat-vec), instead of three times in full (mat-vec, and the rank-2 update's read
/// and write): the work is memory-bound, so that is the saving.
/// </summary>
internal static partial class DeviceKernels
{
    /// <summary>
    /// Step k, reflector j of the panel (one group): row k of the trailing block brought up to date with the panel's
    /// first j reflectors (A[k, i] −= Σ_q u_q[k]·w_q[i] + w_q[k]·u_q[i], i ≥ k), then from x = A[k, k+1..n) the
    /// reflector u = v·√(2/vᵀv) with v = x − α·e₁, α = −sign(x₀)‖x‖ (so (I − uuᵀ)x = α·e₁), written to row j of Uᵗ;
    /// d[k] = A[k, k], e[k] = α. A zero x gives u = 0.
    /// </summary>
    public static void PanelReflector(ArrayView<double> a, int n, int k, ArrayView<double> ut, ArrayView<double> wt, int j,
        ArrayView<double> d, ArrayView<double> e)
    {
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        var scalars = SharedMemory.Allocate<double>(2);
        int t = Group.IdxX, g = Group.DimX, length = n - k - 1;
        long row = (long)k * n;
        for (int i = k + t; i < n; i += g)
        {
            double s = 0;
            for (int q = 0; q < j; q++)
            {
                long r = (long)q * n;
                s += ut[r + k] * wt[r + i] + wt[r + k] * ut[r + i];
            }

            a[row + i] -= s;
        }

        // Global writes of this group are visible to its threads after the barrier.
        Group.Barrier();
        double sum = 0;
        for (int i = t; i < length; i += g)
        {
            double v = a[row + k + 1 + i];
            sum += v * v;
        }

        double squared = GroupSum(partial, sum, t, g);
        if (t == 0)
        {
            double x0 = a[row + k + 1];
            double norm = XMath.Sqrt(squared);
            double alpha = norm == 0 ? 0 : (x0 >= 0 ? -norm : norm);
            double v0 = x0 - alpha;
            double vv = squared - x0 * x0 + v0 * v0;
            scalars[0] = v0;
            scalars[1] = norm == 0 ? 0 : XMath.Sqrt(2 / vv);
            d[k] = a[row + k];
            e[k] = alpha;
        }

        Group.Barrier();
        double v0s = scalars[0], factor = scalars[1];
        long ur = (long)j * n + k + 1;
        for (int i = t; i < length; i += g)
        {
            ut[ur + i] = (i == 0 ? v0s : a[row + k + 1 + i]) * factor;
        }
    }

    /// <summary>
    /// One group per dot product (2j groups): c[q] = w_qᵀu and c[j + q] = u_qᵀu over the trailing range, u = row j of
    /// Uᵗ; the panel's correction of the mat-vec needs them (Ã·u = A·u − Σ_q u_q·(w_qᵀu) + w_q·(u_qᵀu)).
    /// </summary>
    public static void PanelDots(ArrayView<double> ut, ArrayView<double> wt, int n, int k, int j, ArrayView<double> c)
    {
        var partial = SharedMemory.Allocate<double>(MaxGroup);
        int t = Group.IdxX, g = Group.DimX, which = Grid.IdxX;
        var other = which < j ? wt : ut;
        long r = (long)(which % j) * n, ur = (long)j * n;
        double sum = 0;
        for (int i = k + 1 + t; i < n; i += g)
        {
            sum += other[r + i] * ut[ur + i];
        }

        double total = GroupSum(partial, sum, t, g);
        if (t == 0)
        {
            c[which] = total;
        }
    }

    /// <summary>The edge of the symmetric mat-vec's tiles, and its group size (one warp).</summary>
    public const int SymvTile = 32;

    /// <summary>
    /// The symmetric mat-vec p = A·u over the trailing block [start, n)², reading the lower triangle only — half the
    /// memory traffic of a full mat-vec, and this mat-vec is the reduction's dominant cost. One group of
    /// <see cref="SymvTile"/> threads per lower tile (R, C), C ≤ R, in row-major order of the lower triangle: the tile
    /// is staged in shared memory (rows read coalesced; a padded stride, so rows and columns are read without bank
    /// conflicts), then thread t forms the tile's share of p for row R·T + t (Σ_c A[r, c]·u[c]) and, through Aᵀ, for
    /// column C·T + t (Σ_r A[r, c]·u[r]). On a diagonal tile only c ≤ r counts for the rows and r &gt; c for the
    /// columns, so each entry is used once per side. The shares go to <paramref name="partials"/> (2·T per tile) and
    /// <see cref="SymvSum"/> adds them in a fixed order.
    /// </summary>
    public static void SymvTiles(ArrayView<double> a, int n, int start, ArrayView<double> u, ArrayView<double> partials)
    {
        var tile = SharedMemory.Allocate<double>(SymvTile * (SymvTile + 1));
        var ur = SharedMemory.Allocate<double>(SymvTile);
        var uc = SharedMemory.Allocate<double>(SymvTile);
        int t = Group.IdxX;
        long index = Grid.IdxX;
        var (row, column) = LowerTile(index);
        int rowBase = start + (int)row * SymvTile, columnBase = start + (int)column * SymvTile;
        int j = columnBase + t;
        for (int r = 0; r < SymvTile; r++)
        {
            int i = rowBase + r;
            tile[r * (SymvTile + 1) + t] = i < n && j < n ? a[(long)i * n + j] : 0.0;
        }

        ur[t] = rowBase + t < n ? u[rowBase + t] : 0.0;
        uc[t] = j < n ? u[j] : 0.0;
        Group.Barrier();
        bool diagonal = row == column;
        double rowSum = 0, columnSum = 0;
        for (int c = 0; c < SymvTile; c++)
        {
            if (!diagonal || c <= t)
            {
                rowSum += tile[t * (SymvTile + 1) + c] * uc[c];
            }
        }

        for (int r = 0; r < SymvTile; r++)
        {
            if (!diagonal || r > t)
            {
                columnSum += tile[r * (SymvTile + 1) + t] * ur[r];
            }
        }

        partials[index * 2 * SymvTile + t] = rowSum;
        partials[(index * 2 + 1) * SymvTile + t] = columnSum;
    }

    /// <summary>
    /// p[i] for the trailing range (one thread per i ≥ start): the row shares of the tiles (R, 0..R) and the column
    /// shares of the tiles (R..last, R), R = i's tile, added in that order (reproducible), minus the panel's correction
    /// Σ_q u_q[i]·c[q] + w_q[i]·c[j + q]; written to row j of Wᵗ.
    /// </summary>
    public static void SymvSum(Index1D index, ArrayView<double> partials, int n, int start, int blocks, ArrayView<double> ut, ArrayView<double> wt,
        int j, ArrayView<double> c)
    {
        int i = start + index;
        long block = index / SymvTile;
        int r = index % SymvTile;
        double sum = 0;
        for (long column = 0; column <= block; column++)
        {
            sum += partials[(block * (block + 1) / 2 + column) * 2 * SymvTile + r];
        }

        for (long row = block; row < blocks; row++)
        {
            sum += partials[((row * (row + 1) / 2 + block) * 2 + 1) * SymvTile + r];
        }

        double correction = 0;
        for (int q = 0; q < j; q++)
        {
            long rq = (long)q * n;
            correction += ut[rq + i] * c[q] + wt[rq + i] * c[j + q];
        }

        wt[(long)j * n + i] = sum - correction;
    }

    /// <summary>Tile t of a lower triangle in row-major order → (row, column), column ≤ row.</summary>
    private static (long Row, long Column) LowerTile(long t)
    {
        long r = (long)((ILGPU.Algorithms.XMath.Sqrt(8.0 * t + 1) - 1) / 2);
        while (r * (r + 1) / 2 > t)
        {
            r--;
        }

        while ((r + 1) * (r + 2) / 2 <= t)
        {
            r++;
        }

        return (r, t - r * (r + 1) / 2);
    }

    /// <summary>
    /// The deferred update of the trailing block [from, n)² at the end of a panel of <paramref name="count"/>
    /// reflectors: A ← A − Σ_q u_q·w_qᵀ + w_q·u_qᵀ (both triangles). Each thread updates a 4×4 tile, so every value it
    /// reads from Uᵗ and Wᵗ serves four multiply-adds.
    /// </summary>
    public static void PanelUpdate(Index2D index, ArrayView<double> a, int n, int from, ArrayView<double> ut, ArrayView<double> wt, int count)
    {
        int i0 = from + 4 * index.Y, l0 = from + 4 * index.X;
        double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
        double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
        for (int q = 0; q < count; q++)
        {
            long r = (long)q * n;
            double ui0 = Read(ut, r, i0, n), ui1 = Read(ut, r, i0 + 1, n), ui2 = Read(ut, r, i0 + 2, n), ui3 = Read(ut, r, i0 + 3, n);
            double wi0 = Read(wt, r, i0, n), wi1 = Read(wt, r, i0 + 1, n), wi2 = Read(wt, r, i0 + 2, n), wi3 = Read(wt, r, i0 + 3, n);
            double ul0 = Read(ut, r, l0, n), ul1 = Read(ut, r, l0 + 1, n), ul2 = Read(ut, r, l0 + 2, n), ul3 = Read(ut, r, l0 + 3, n);
            double wl0 = Read(wt, r, l0, n), wl1 = Read(wt, r, l0 + 1, n), wl2 = Read(wt, r, l0 + 2, n), wl3 = Read(wt, r, l0 + 3, n);
            s00 += ui0 * wl0 + wi0 * ul0; s01 += ui0 * wl1 + wi0 * ul1; s02 += ui0 * wl2 + wi0 * ul2; s03 += ui0 * wl3 + wi0 * ul3;
            s10 += ui1 * wl0 + wi1 * ul0; s11 += ui1 * wl1 + wi1 * ul1; s12 += ui1 * wl2 + wi1 * ul2; s13 += ui1 * wl3 + wi1 * ul3;
            s20 += ui2 * wl0 + wi2 * ul0; s21 += ui2 * wl1 + wi2 * ul1; s22 += ui2 * wl2 + wi2 * ul2; s23 += ui2 * wl3 + wi2 * ul3;
            s30 += ui3 * wl0 + wi3 * ul0; s31 += ui3 * wl1 + wi3 * ul1; s32 += ui3 * wl2 + wi3 * ul2; s33 += ui3 * wl3 + wi3 * ul3;
        }

        Subtract(a, n, i0, l0, s00, s01, s02, s03);
        Subtract(a, n, i0 + 1, l0, s10, s11, s12, s13);
        Subtract(a, n, i0 + 2, l0, s20, s21, s22, s23);
        Subtract(a, n, i0 + 3, l0, s30, s31, s32, s33);
    }

    // Row r of a panel array at column i, 0 past the matrix edge (the 4×4 tiles overhang it).
    private static double Read(ArrayView<double> v, long r, int i, int n) => i < n ? v[r + i] : 0;

    private static void Subtract(ArrayView<double> a, int n, int i, int l0, double s0, double s1, double s2, double s3)
    {
        if (i >= n)
        {
            return;
        }

        long row = (long)i * n;
        a[row + l0] -= s0;
        if (l0 + 1 < n)
        {
            a[row + l0 + 1] -= s1;
        }

        if (l0 + 2 < n)
        {
            a[row + l0 + 2] -= s2;
        }

        if (l0 + 3 < n)
        {
            a[row + l0 + 3] -= s3;
        }
    }
}
