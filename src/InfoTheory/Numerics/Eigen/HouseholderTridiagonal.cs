using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InfoTheory.Numerics;

namespace InfoTheory.Compute;

/// <summary>
/// Householder reduction of a symmetric matrix to tridiagonal form (Golub &amp; Van Loan, Matrix Computations,
/// 4th ed., §8.3.1), eigenvalues only: the reflectors are discarded.
/// </summary>
/// <remarks>
/// Storage: row-major, leading dimension <c>ld</c>, lower triangle only. Row i's entries 0..i−1 are contiguous, so
/// the reduction runs from the last row upwards (the row-major lower triangle is the column-major upper triangle,
/// LAPACK dsytrd with uplo = 'U'): step i annihilates A[i, 0..i−2] and updates the leading i×i block.
/// The blocked variant follows LAPACK dlatrd: a panel of nb reflectors is built with the trailing block updated
/// lazily, then A −= V Wᵀ + W Vᵀ is applied once as a rank-2nb update (a GEMM-like, cache-tiled kernel).
/// </remarks>
internal static class HouseholderTridiagonal
{
    // Unblocked steps per progress count and cancellation check: a step is O(i²), so 16 take well under 0.1 s at the
    // largest order that runs unblocked (2600).
    private const int StepsPerReport = 16;

    /// <summary>
    /// Unblocked reduction of the leading m×m block. <paramref name="scratch"/> needs 2m entries. With
    /// <paramref name="progress"/>, counts a column per step, <see cref="StepsPerReport"/> at a time (which is also where it
    /// checks for cancellation).
    /// </summary>
    /// <remarks>
    /// Each step's rank-2 update is fused with the next step's symmetric mat-vec: row i−1 is updated first, which
    /// yields the next reflector, and then one sweep over rows 0..i−2 both applies the update and accumulates the
    /// next product, so the block is traversed once per step instead of twice.
    /// </remarks>
    public static void ReduceUnblocked(Span<double> a, int ld, int m, Span<double> d, Span<double> e, Span<double> scratch,
        ReductionProgress? progress = null)
    {
        if (m == 1)
        {
            d[0] = a[0];
            return;
        }

        Span<double> w = scratch[..m];
        Span<double> wNext = scratch.Slice(m, m);
        int i = m - 1;
        Span<double> row = a.Slice(i * ld, i + 1);
        d[i] = row[i];
        double tau = MakeReflector(row[..i], out double beta);
        e[i - 1] = beta;
        if (tau != 0)
        {
            w[..i].Clear();
            SymmetricMatVecRows(a, ld, 0, i, row[..i], w);
        }

        for (; i >= 2; i--)
        {
            if (progress is not null && (m - i) % StepsPerReport == 0)
            {
                progress.Advance(StepsPerReport);
            }

            // Row i holds v (when τ ≠ 0); w holds A v for the leading i×i block.
            Span<double> v = a.Slice(i * ld, i);
            Span<double> wi = w[..i];
            if (tau != 0)
            {
                FinishW(wi, v, tau);
            }

            Span<double> next = a.Slice((i - 1) * ld, i);
            if (tau != 0)
            {
                Rank2Row(next, wi, v, v[i - 1], wi[i - 1]);
            }

            d[i - 1] = next[i - 1];
            Span<double> vNext = next[..(i - 1)];
            double tauNext = MakeReflector(vNext, out double betaNext);
            e[i - 2] = betaNext;
            Span<double> wn = wNext[..(i - 1)];
            if (tauNext != 0)
            {
                wn.Clear();
            }

            int rStart = 0;
            if (tau != 0 && tauNext != 0)
            {
                // Two rows per call: the loads and stores of w, v and the next product are shared.
                for (; rStart + 1 < i - 1; rStart += 2)
                {
                    UpdateTwoRowsAndMatVec(a.Slice(rStart * ld, rStart + 1), a.Slice((rStart + 1) * ld, rStart + 2), wi, v, vNext, wn);
                }
            }

            for (int r = rStart; r < i - 1; r++)
            {
                Span<double> rowR = a.Slice(r * ld, r + 1);
                if (tau != 0 && tauNext != 0)
                {
                    UpdateRowAndMatVec(rowR, wi, v, v[r], wi[r], vNext, wn);
                }
                else if (tau != 0)
                {
                    Rank2Row(rowR, wi, v, v[r], wi[r]);
                }
                else if (tauNext != 0)
                {
                    SymmetricMatVecRows(a, ld, r, r + 1, vNext, wn);
                }
            }

            Span<double> swap = w;
            w = wNext;
            wNext = swap;
            tau = tauNext;
        }

        // Row 0 was brought up to date by the last fused sweep (or needs no update).
        d[0] = a[0];
    }

    /// <summary>
    /// <see cref="UpdateRowAndMatVec"/> for rows r and r+1 at once (lengths r+1 and r+2), with s1 = y[row], s2 = x[row].
    /// </summary>
    private static void UpdateTwoRowsAndMatVec(Span<double> rowA, Span<double> rowB, ReadOnlySpan<double> x, ReadOnlySpan<double> y,
        ReadOnlySpan<double> u, Span<double> w)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            UpdateTwoRowsAndMatVec<Vector512<double>, Simd512>(rowA, rowB, x, y, u, w);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            UpdateTwoRowsAndMatVec<Vector256<double>, Simd256>(rowA, rowB, x, y, u, w);
        }
        else
        {
            UpdateTwoRowsAndMatVec<Vector128<double>, Simd128>(rowA, rowB, x, y, u, w);
        }
    }

    /// <summary><see cref="UpdateTwoRowsAndMatVec(Span{double}, Span{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double})"/> at one vector width.</summary>
    internal static void UpdateTwoRowsAndMatVec<TVector, TSimd>(Span<double> rowA, Span<double> rowB, ReadOnlySpan<double> x, ReadOnlySpan<double> y,
        ReadOnlySpan<double> u, Span<double> w)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int r = rowA.Length - 1, width = TSimd.Count;
        _ = rowB[r + 1];
        _ = x[r + 1];
        _ = y[r + 1];
        _ = u[r + 1];
        _ = w[r + 1];
        ref double pa = ref MemoryMarshal.GetReference(rowA);
        ref double pb = ref MemoryMarshal.GetReference(rowB);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        ref double u0 = ref MemoryMarshal.GetReference(u);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        double sa1 = y[r], sa2 = x[r], sb1 = y[r + 1], sb2 = x[r + 1];
        double ua = u[r], ub = u[r + 1];
        int j = 0;
        var ba1 = TSimd.Create(sa1);
        var ba2 = TSimd.Create(sa2);
        var bb1 = TSimd.Create(sb1);
        var bb2 = TSimd.Create(sb2);
        var bua = TSimd.Create(ua);
        var bub = TSimd.Create(ub);
        var accA = TSimd.Zero;
        var accB = TSimd.Zero;
        for (; j <= r - width; j += width)
        {
            var xv = TSimd.Load(ref x0, (nuint)j);
            var yv = TSimd.Load(ref y0, (nuint)j);
            var uv = TSimd.Load(ref u0, (nuint)j);
            var an = TSimd.Subtract(TSimd.Load(ref pa, (nuint)j), TSimd.FusedMultiplyAdd(xv, ba1, TSimd.Multiply(yv, ba2)));
            var bn = TSimd.Subtract(TSimd.Load(ref pb, (nuint)j), TSimd.FusedMultiplyAdd(xv, bb1, TSimd.Multiply(yv, bb2)));
            TSimd.Store(an, ref pa, (nuint)j);
            TSimd.Store(bn, ref pb, (nuint)j);
            accA = TSimd.FusedMultiplyAdd(an, uv, accA);
            accB = TSimd.FusedMultiplyAdd(bn, uv, accB);
            var wv = TSimd.FusedMultiplyAdd(an, bua, TSimd.Load(ref w0, (nuint)j));
            TSimd.Store(TSimd.FusedMultiplyAdd(bn, bub, wv), ref w0, (nuint)j);
        }

        double dotA = TSimd.Sum(accA);
        double dotB = TSimd.Sum(accB);
        for (; j < r; j++)
        {
            double xj = Unsafe.Add(ref x0, j), yj = Unsafe.Add(ref y0, j), uj = Unsafe.Add(ref u0, j);
            double an = Unsafe.Add(ref pa, j) - Math.FusedMultiplyAdd(xj, sa1, yj * sa2);
            double bn = Unsafe.Add(ref pb, j) - Math.FusedMultiplyAdd(xj, sb1, yj * sb2);
            Unsafe.Add(ref pa, j) = an;
            Unsafe.Add(ref pb, j) = bn;
            dotA += an * uj;
            dotB += bn * uj;
            Unsafe.Add(ref w0, j) += an * ua + bn * ub;
        }

        // Column r: row r's diagonal and row r+1's off-diagonal; then row r+1's diagonal.
        double xr = x[r], yr = y[r];
        double ad = rowA[r] - Math.FusedMultiplyAdd(xr, sa1, yr * sa2);
        rowA[r] = ad;
        double bo = rowB[r] - Math.FusedMultiplyAdd(xr, sb1, yr * sb2);
        rowB[r] = bo;
        double bd = rowB[r + 1] - Math.FusedMultiplyAdd(x[r + 1], sb1, y[r + 1] * sb2);
        rowB[r + 1] = bd;
        w[r] += dotA + ad * ua + bo * ub;
        w[r + 1] += dotB + bo * ua + bd * ub;
    }

    /// <summary>
    /// Row r (length r+1): row −= s1·x + s2·y, then w[r] += row·u and w[0..r−1] += row[0..r−1]·u[r], in one pass.
    /// </summary>
    private static void UpdateRowAndMatVec(Span<double> row, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double s1, double s2,
        ReadOnlySpan<double> u, Span<double> w)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            UpdateRowAndMatVec<Vector512<double>, Simd512>(row, x, y, s1, s2, u, w);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            UpdateRowAndMatVec<Vector256<double>, Simd256>(row, x, y, s1, s2, u, w);
        }
        else
        {
            UpdateRowAndMatVec<Vector128<double>, Simd128>(row, x, y, s1, s2, u, w);
        }
    }

    /// <summary><see cref="UpdateRowAndMatVec(Span{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double, ReadOnlySpan{double}, Span{double})"/> at one vector width.</summary>
    internal static void UpdateRowAndMatVec<TVector, TSimd>(Span<double> row, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double s1, double s2,
        ReadOnlySpan<double> u, Span<double> w)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int r = row.Length - 1, width = TSimd.Count;
        ref double a0 = ref MemoryMarshal.GetReference(row);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        ref double u0 = ref MemoryMarshal.GetReference(u);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        double ur = u[r];
        int j = 0;
        var b1 = TSimd.Create(s1);
        var b2 = TSimd.Create(s2);
        var bu = TSimd.Create(ur);
        var acc = TSimd.Zero;
        for (; j <= r - width; j += width)
        {
            var t = TSimd.FusedMultiplyAdd(TSimd.Load(ref x0, (nuint)j), b1, TSimd.Multiply(TSimd.Load(ref y0, (nuint)j), b2));
            var an = TSimd.Subtract(TSimd.Load(ref a0, (nuint)j), t);
            TSimd.Store(an, ref a0, (nuint)j);
            acc = TSimd.FusedMultiplyAdd(an, TSimd.Load(ref u0, (nuint)j), acc);
            TSimd.Store(TSimd.FusedMultiplyAdd(an, bu, TSimd.Load(ref w0, (nuint)j)), ref w0, (nuint)j);
        }

        double dot = TSimd.Sum(acc);
        for (; j < r; j++)
        {
            double an = Unsafe.Add(ref a0, j) - Math.FusedMultiplyAdd(Unsafe.Add(ref x0, j), s1, Unsafe.Add(ref y0, j) * s2);
            Unsafe.Add(ref a0, j) = an;
            dot += an * Unsafe.Add(ref u0, j);
            Unsafe.Add(ref w0, j) += an * ur;
        }

        double diag = Unsafe.Add(ref a0, r) - Math.FusedMultiplyAdd(Unsafe.Add(ref x0, r), s1, Unsafe.Add(ref y0, r) * s2);
        Unsafe.Add(ref a0, r) = diag;
        Unsafe.Add(ref w0, r) += dot + diag * ur;
    }

    /// <summary>Blocked (dlatrd-style) reduction of the n×n matrix; <paramref name="threads"/> ≥ 1 workers. With
    /// <paramref name="progress"/>, counts nb columns per panel (and checks for cancellation there).</summary>
    public static void ReduceBlocked(Span<double> a, int n, Span<double> d, Span<double> e, int nb, int threads, int finishBelow,
        ReductionProgress? progress = null)
    {
        // Z holds the panel as rows: Z[k] = W_k (k < nb), Z[nb + k] = V_k, each of length n.
        double[] z = new double[2 * nb * n];
        double[] partial = new double[threads * n];
        double[] u = new double[n * 2 * nb];
        double[][] tiles = new double[threads][];
        for (int t = 0; t < threads; t++)
        {
            tiles[t] = new double[2 * nb * TileWidth];
        }

        int top = n; // rows [top, n) are done
        while (top - nb >= finishBelow)
        {
            int i0 = top - nb;
            for (int k = 0; k < nb; k++)
            {
                int i = top - 1 - k;
                Span<double> row = a.Slice(i * n, i + 1);

                // Bring row i up to date with the panel's earlier reflectors.
                for (int q = 0; q < k; q++)
                {
                    ReadOnlySpan<double> wq = z.AsSpan(q * n, i + 1);
                    ReadOnlySpan<double> vq = z.AsSpan((nb + q) * n, i + 1);
                    Rank2Row(row, vq, wq, wq[i], vq[i]);
                }

                d[i] = row[i];
                Span<double> v = row[..i];
                double tau = MakeReflector(v, out double beta);
                e[i - 1] = beta;
                Span<double> vk = z.AsSpan((nb + k) * n, i);
                Span<double> wk = z.AsSpan(k * n, i);
                v.CopyTo(vk);
                if (tau == 0)
                {
                    wk.Clear();
                    continue;
                }

                // w = A_stored v − Σ_q (V_q (W_q·v) + W_q (V_q·v)), then the dlatrd scaling.
                SymmetricMatVec(a, n, i, vk, wk, partial, threads);
                for (int q = 0; q < k; q++)
                {
                    ReadOnlySpan<double> wq = z.AsSpan(q * n, i);
                    ReadOnlySpan<double> vq = z.AsSpan((nb + q) * n, i);
                    double cw = TensorPrimitives.Dot(wq, vk);
                    double cv = TensorPrimitives.Dot(vq, vk);
                    Rank2Row(wk, vq, wq, cw, cv);
                }

                FinishW(wk, vk, tau);
            }

            // Leading block A[0..i0−1, 0..i0−1] −= V Wᵀ + W Vᵀ, as C −= U Z with U[r] = (V[·][r], W[·][r]).
            int k2 = 2 * nb;
            for (int r = 0; r < i0; r++)
            {
                Span<double> ur = u.AsSpan(r * k2, k2);
                for (int q = 0; q < nb; q++)
                {
                    ur[q] = z[(nb + q) * n + r];
                    ur[nb + q] = z[q * n + r];
                }
            }

            Rank2kUpdate(a, n, i0, u, z, k2, tiles, threads);
            top = i0;
            progress?.Advance(nb);
        }

        if (top > 0)
        {
            ReduceUnblocked(a, n, top, d, e, new double[2 * top]);
        }
    }

    /// <summary>
    /// Householder vector in place: x (length m) becomes v with v[m−1] = 1 so that (I − τ v vᵀ) x = β e_{m−1}.
    /// Returns τ (0 when x[0..m−2] is already zero).
    /// </summary>
    private static double MakeReflector(Span<double> x, out double beta)
    {
        int m = x.Length;
        double alpha = x[m - 1];
        double xnorm = m > 1 ? Norm(x[..(m - 1)]) : 0;
        if (xnorm == 0)
        {
            beta = alpha;
            return 0;
        }

        beta = -Math.CopySign(double.Hypot(alpha, xnorm), alpha);
        double tau = (beta - alpha) / beta;
        ScaleBy(x[..(m - 1)], alpha - beta);
        x[m - 1] = 1;
        return tau;
    }

    /// <summary>
    /// x ← x / <paramref name="divisor"/> (|xᵢ| ≤ |divisor|): by the reciprocal as always, but by division when the
    /// divisor is tiny, where 1/divisor would overflow (the quotients, ≤ 1, cannot).
    /// </summary>
    internal static void ScaleBy(Span<double> x, double divisor)
    {
        if (Math.Abs(divisor) >= TinyEntry)
        {
            TensorPrimitives.Multiply(x, 1 / divisor, x);
        }
        else
        {
            TensorPrimitives.Divide(x, divisor, x);
        }
    }

    /// <summary>2^−500: entries below it have subnormal squares.</summary>
    internal static readonly double TinyEntry = Math.ScaleB(1.0, -500);

    /// <summary>
    /// ‖x‖₂ to full relative precision for entries of any size (LAPACK's dnrm2 does the same by scaling): the plain sum of
    /// squares reads subnormal squares for entries below ~1e-154, and a reflector built from such a norm is not
    /// orthogonal. Measured before this: the identity with six off-diagonal entries of 2e-160 (a Gram of well-separated
    /// points) gave an eigenvalue 0.99996 instead of 1, and an entropy above ln N.
    /// </summary>
    internal static double Norm(ReadOnlySpan<double> x)
    {
        double max = TensorPrimitives.MaxMagnitude(x);
        max = Math.Abs(max);
        if (max == 0 || (max >= TinyEntry && max <= 1 / TinyEntry))
        {
            return max == 0 ? 0 : TensorPrimitives.Norm(x);
        }

        // Scale by a power of two (exact) so that the largest entry is in [1, 2).
        int k = Math.ILogB(max);
        double sum = 0;
        foreach (double v in x)
        {
            double t = Math.ScaleB(v, -k);
            sum += t * t;
        }

        return Math.ScaleB(Math.Sqrt(sum), k);
    }

    /// <summary>w ← τ w; w ← w − ½ τ (wᵀv) v (so that H A H = A − v wᵀ − w vᵀ).</summary>
    internal static void FinishW(Span<double> w, ReadOnlySpan<double> v, double tau)
    {
        TensorPrimitives.Multiply(w, tau, w);
        double alpha = -0.5 * tau * TensorPrimitives.Dot(w, v);
        TensorPrimitives.MultiplyAdd(v, alpha, w, w);
    }

    /// <summary>w = A[0..m−1, 0..m−1] v from the lower triangle, split over row blocks of equal work.</summary>
    private static void SymmetricMatVec(Span<double> a, int ld, int m, ReadOnlySpan<double> v, Span<double> w, double[] partial, int threads)
    {
        if (threads <= 1 || m < ParallelMatVecMin)
        {
            w.Clear();
            SymmetricMatVecRows(a, ld, 0, m, v, w);
            return;
        }

        // Row r costs ∝ r, so thread t takes rows [m√(t/P), m√((t+1)/P)); every thread writes its own partial sum.
        unsafe
        {
            fixed (double* pa = a, pv = v, pw = w, pp = partial)
            {
                double* ca = pa, cv = pv, cp = pp;
                int lda = ld, mm = m, tt = threads;
                Parallel.For(0, tt, t =>
                {
                    int r0 = Boundary(mm, t, tt), r1 = Boundary(mm, t + 1, tt);
                    var part = new Span<double>(cp + (long)t * lda, r1);
                    part.Clear();
                    SymmetricMatVecRows(new Span<double>(ca, lda * mm), lda, r0, r1, new ReadOnlySpan<double>(cv, mm), part);
                });
            }
        }

        int end0 = Boundary(m, 1, threads);
        partial.AsSpan(0, end0).CopyTo(w);
        w[end0..].Clear();
        for (int t = 1; t < threads; t++)
        {
            int end = Boundary(m, t + 1, threads);
            Span<double> wt = w[..end];
            TensorPrimitives.Add(wt, partial.AsSpan(t * ld, end), wt);
        }
    }

    private const int ParallelMatVecMin = 384;

    private static int Boundary(int m, int t, int threads) =>
        t >= threads ? m : (int)(m * Math.Sqrt((double)t / threads));

    /// <summary>
    /// For rows r ∈ [r0, r1): w[r] += A[r, 0..r]·v[0..r] and w[0..r−1] += A[r, 0..r−1] v[r]. One pass over each
    /// lower-triangle row gives both its row and its column contribution, so the matrix is read once.
    /// </summary>
    internal static void SymmetricMatVecRows(Span<double> a, int ld, int r0, int r1, ReadOnlySpan<double> v, Span<double> w)
    {
        for (int r = r0; r < r1; r++)
        {
            // The widest vector that fits twice in the row (two accumulators); shorter rows run the scalar tail only.
            if (Vector512.IsHardwareAccelerated && r >= 2 * Simd512.Count)
            {
                SymmetricMatVecRow<Vector512<double>, Simd512>(a, ld, r, v, w);
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                SymmetricMatVecRow<Vector256<double>, Simd256>(a, ld, r, v, w);
            }
            else
            {
                SymmetricMatVecRow<Vector128<double>, Simd128>(a, ld, r, v, w);
            }
        }
    }

    /// <summary>Row r of <see cref="SymmetricMatVecRows"/> at one vector width (two accumulators).</summary>
    internal static void SymmetricMatVecRow<TVector, TSimd>(Span<double> a, int ld, int r, ReadOnlySpan<double> v, Span<double> w)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref double v0 = ref MemoryMarshal.GetReference(v);
        ref double w0 = ref MemoryMarshal.GetReference(w);
        ref double ar = ref a[r * ld];
        double vr = Unsafe.Add(ref v0, r);
        int j = 0, width = TSimd.Count;
        var acc0 = TSimd.Zero;
        var acc1 = TSimd.Zero;
        var bvr = TSimd.Create(vr);
        for (; j <= r - 2 * width; j += 2 * width)
        {
            var a0 = TSimd.Load(ref ar, (nuint)j);
            var a1 = TSimd.Load(ref ar, (nuint)(j + width));
            acc0 = TSimd.FusedMultiplyAdd(a0, TSimd.Load(ref v0, (nuint)j), acc0);
            acc1 = TSimd.FusedMultiplyAdd(a1, TSimd.Load(ref v0, (nuint)(j + width)), acc1);
            TSimd.Store(TSimd.FusedMultiplyAdd(a0, bvr, TSimd.Load(ref w0, (nuint)j)), ref w0, (nuint)j);
            TSimd.Store(TSimd.FusedMultiplyAdd(a1, bvr, TSimd.Load(ref w0, (nuint)(j + width))), ref w0, (nuint)(j + width));
        }

        double dot = TSimd.Sum(TSimd.Add(acc0, acc1));
        for (; j < r; j++)
        {
            double arj = Unsafe.Add(ref ar, j);
            dot += arj * Unsafe.Add(ref v0, j);
            Unsafe.Add(ref w0, j) += arj * vr;
        }

        Unsafe.Add(ref w0, r) += dot + Unsafe.Add(ref ar, r) * vr;
    }

    /// <summary>row[j] −= s1·x[j] + s2·y[j] over the row's length.</summary>
    internal static void Rank2Row(Span<double> row, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double s1, double s2)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Rank2Row<Vector512<double>, Simd512>(row, x, y, s1, s2);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Rank2Row<Vector256<double>, Simd256>(row, x, y, s1, s2);
        }
        else
        {
            Rank2Row<Vector128<double>, Simd128>(row, x, y, s1, s2);
        }
    }

    /// <summary><see cref="Rank2Row(Span{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, double, double)"/> at one
    /// vector width (element-wise, so every width gives the same bits).</summary>
    internal static void Rank2Row<TVector, TSimd>(Span<double> row, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double s1, double s2)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int len = row.Length, width = TSimd.Count;
        ref double r0 = ref MemoryMarshal.GetReference(row);
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        int j = 0;
        var b1 = TSimd.Create(s1);
        var b2 = TSimd.Create(s2);
        for (; j <= len - width; j += width)
        {
            var t = TSimd.FusedMultiplyAdd(TSimd.Load(ref x0, (nuint)j), b1, TSimd.Multiply(TSimd.Load(ref y0, (nuint)j), b2));
            TSimd.Store(TSimd.Subtract(TSimd.Load(ref r0, (nuint)j), t), ref r0, (nuint)j);
        }

        for (; j < len; j++)
        {
            Unsafe.Add(ref r0, j) -= Math.FusedMultiplyAdd(Unsafe.Add(ref x0, j), s1, Unsafe.Add(ref y0, j) * s2);
        }
    }

    private const int TileWidth = 16;

    /// <summary>
    /// Lower triangle of C[0..m−1, 0..m−1] (leading dimension ld) −= U Z, U: m × k2 row-major, Z: k2 rows of stride
    /// ld. Column tiles of 16 are packed (so the k2 rows of Z do not collide in cache) and dealt round-robin to the
    /// workers; each element is computed by one worker in a fixed order, so the result is deterministic.
    /// </summary>
    internal static void Rank2kUpdate(Span<double> c, int ld, int m, double[] u, double[] z, int k2, double[][] tiles, int threads)
    {
        int fullTiles = m / TileWidth;
        int workers = threads > 1 && m >= 256 ? threads : 1;
        unsafe
        {
            fixed (double* pc = c)
            {
                double* cc = pc;
                if (workers == 1)
                {
                    UpdateTiles(cc, ld, m, u, z, k2, tiles[0], 0, 1);
                }
                else
                {
                    Parallel.For(0, workers, t => UpdateTiles(cc, ld, m, u, z, k2, tiles[t], t, workers));
                }
            }
        }

        // Last, partial column tile: columns [fullTiles·16, m), rows ≥ column; scalar.
        int c0 = fullTiles * TileWidth;
        for (int r = c0; r < m; r++)
        {
            ReadOnlySpan<double> ur = u.AsSpan(r * k2, k2);
            for (int col = c0; col <= r; col++)
            {
                double s = 0;
                for (int q = 0; q < k2; q++)
                {
                    s += ur[q] * z[q * ld + col];
                }

                c[r * ld + col] -= s;
            }
        }
    }

    private static unsafe void UpdateTiles(double* c, int ld, int m, double[] u, double[] z, int k2, double[] tile, int first, int stride)
    {
        int fullTiles = m / TileWidth;
        fixed (double* pu = u, pt = tile, pz = z)
        {
            for (int ct = first; ct < fullTiles; ct += stride)
            {
                int c0 = ct * TileWidth;

                // Pack Z[·][c0..c0+15] contiguously.
                for (int q = 0; q < k2; q++)
                {
                    Buffer.MemoryCopy(pz + (long)q * ld + c0, pt + q * TileWidth, TileWidth * sizeof(double), TileWidth * sizeof(double));
                }

                // Rows from the tile's diagonal down (the diagonal rows also overwrite a few upper entries, which
                // are never read: the reduction reads the lower triangle only).
                int r = c0;
                if (Vector512.IsHardwareAccelerated)
                {
                    for (; r <= m - 4; r += 4)
                    {
                        Kernel4x16(c + (long)r * ld + c0, ld, pu + (long)r * k2, k2, pt);
                    }
                }

                for (; r < m; r++)
                {
                    Kernel1x16(c + (long)r * ld + c0, pu + (long)r * k2, k2, pt);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x16(double* c, int ld, double* u, int k2, double* zt)
    {
        Vector512<double> c00 = default, c01 = default, c10 = default, c11 = default;
        Vector512<double> c20 = default, c21 = default, c30 = default, c31 = default;
        double* u1 = u + k2, u2 = u1 + k2, u3 = u2 + k2;
        for (int q = 0; q < k2; q++)
        {
            var z0 = Vector512.Load(zt + q * TileWidth);
            var z1 = Vector512.Load(zt + q * TileWidth + 8);
            var b = Vector512.Create(u[q]);
            c00 = Vector512.FusedMultiplyAdd(b, z0, c00);
            c01 = Vector512.FusedMultiplyAdd(b, z1, c01);
            b = Vector512.Create(u1[q]);
            c10 = Vector512.FusedMultiplyAdd(b, z0, c10);
            c11 = Vector512.FusedMultiplyAdd(b, z1, c11);
            b = Vector512.Create(u2[q]);
            c20 = Vector512.FusedMultiplyAdd(b, z0, c20);
            c21 = Vector512.FusedMultiplyAdd(b, z1, c21);
            b = Vector512.Create(u3[q]);
            c30 = Vector512.FusedMultiplyAdd(b, z0, c30);
            c31 = Vector512.FusedMultiplyAdd(b, z1, c31);
        }

        Vector512.Store(Vector512.Load(c) - c00, c);
        Vector512.Store(Vector512.Load(c + 8) - c01, c + 8);
        c += ld;
        Vector512.Store(Vector512.Load(c) - c10, c);
        Vector512.Store(Vector512.Load(c + 8) - c11, c + 8);
        c += ld;
        Vector512.Store(Vector512.Load(c) - c20, c);
        Vector512.Store(Vector512.Load(c + 8) - c21, c + 8);
        c += ld;
        Vector512.Store(Vector512.Load(c) - c30, c);
        Vector512.Store(Vector512.Load(c + 8) - c31, c + 8);
    }

    private static unsafe void Kernel1x16(double* c, double* u, int k2, double* zt)
    {
        Vector256<double> a0 = default, a1 = default, a2 = default, a3 = default;
        for (int q = 0; q < k2; q++)
        {
            var b = Vector256.Create(u[q]);
            double* zq = zt + q * TileWidth;
            a0 = Vector256.FusedMultiplyAdd(b, Vector256.Load(zq), a0);
            a1 = Vector256.FusedMultiplyAdd(b, Vector256.Load(zq + 4), a1);
            a2 = Vector256.FusedMultiplyAdd(b, Vector256.Load(zq + 8), a2);
            a3 = Vector256.FusedMultiplyAdd(b, Vector256.Load(zq + 12), a3);
        }

        Vector256.Store(Vector256.Load(c) - a0, c);
        Vector256.Store(Vector256.Load(c + 4) - a1, c + 4);
        Vector256.Store(Vector256.Load(c + 8) - a2, c + 8);
        Vector256.Store(Vector256.Load(c + 12) - a3, c + 12);
    }
}
