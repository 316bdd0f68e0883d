using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace InfoTheory.Compute;

/// <summary>
/// Householder tridiagonalisation of <see cref="Lanes"/> symmetric matrices at once, one matrix per lane of a
/// <see cref="Vector512{T}"/> ("compact" interleaved storage, as in batched small-matrix LAPACK): element (r, j) of all
/// lanes is one vector, at index r·n + j. Every operation of the single-matrix reduction
/// (<see cref="HouseholderTridiagonal.ReduceUnblocked"/>) becomes one lane-wise vector operation, so there are no
/// horizontal sums, no scalar tails and no wasted lanes at any row length.
/// </summary>
/// <remarks>
/// Same algorithm and storage convention as the single-matrix reduction: lower triangle, row-major, reduced from the
/// last row upwards (Golub &amp; Van Loan, <i>Matrix Computations</i>, 4th ed., §8.3.1), each step's rank-2 update fused
/// with the next step's symmetric mat-vec, four rows per pass so that the loads and stores of the shared vectors (which
/// bound the reduction, not its arithmetic) serve four rows. The only data-dependent branch of the single-matrix code
/// (τ = 0 when a row is already reduced) becomes a lane mask: such lanes get τ = 0, whose update is exactly zero. Input
/// entries must be finite and of moderate size (the caller rescales by powers of two, as
/// <see cref="SymmetricEigenvalues"/> does). Used only where 512-bit vectors are hardware-accelerated; elsewhere the
/// single-matrix path runs.
/// </remarks>
internal static class BatchedTridiagonal
{
    /// <summary>Matrices per call: the number of doubles in a <see cref="Vector512{T}"/>.</summary>
    public const int Lanes = 8;

    /// <summary>
    /// Reduces the <see cref="Lanes"/> interleaved n×n matrices in <paramref name="a"/> (destroyed) to tridiagonal
    /// form: diagonal in <paramref name="d"/> (n), off-diagonal in <paramref name="e"/> (n − 1), lane l = matrix l.
    /// <paramref name="scratch"/> needs 2n vectors.
    /// </summary>
    public static void Reduce(Span<V> a, int n, Span<V> d, Span<V> e, Span<V> scratch)
    {
        if (n == 1)
        {
            d[0] = a[0];
            return;
        }

        Span<V> w = scratch[..n];
        Span<V> wNext = scratch.Slice(n, n);
        int i = n - 1;
        d[i] = a[i * n + i];
        V tau = MakeReflector(a.Slice(i * n, i), out V beta);
        e[i - 1] = beta;
        w[..i].Clear();
        MatVecRows(a, n, i, a.Slice(i * n, i), w);

        for (; i >= 2; i--)
        {
            // Row i holds v (v[i−1] = 1); w holds A v for the leading i×i block.
            Span<V> v = a.Slice(i * n, i);
            Span<V> wi = w[..i];
            FinishW(wi, v, tau);

            // Row i−1 first: it yields the next reflector.
            Span<V> next = a.Slice((i - 1) * n, i);
            UpdateRow(next, wi, v, v[i - 1], wi[i - 1]);
            d[i - 1] = next[i - 1];
            Span<V> vNext = next[..(i - 1)];
            V tauNext = MakeReflector(vNext, out V betaNext);
            e[i - 2] = betaNext;
            Span<V> wn = wNext[..(i - 1)];
            wn.Clear();

            // Rows 0..i−2: apply this step's update and accumulate the next step's product in the same pass.
            int r = 0;
            for (; r + 4 <= i - 1; r += 4)
            {
                UpdateFourRowsAndMatVec(a, n, r, wi, v, vNext, wn);
            }

            for (; r < i - 1; r++)
            {
                // The last rows (fewer than four): the same update and product, one row at a time.
                FinishRow(ref a[r * n], 0, r, ref MemoryMarshal.GetReference(wi), ref MemoryMarshal.GetReference(v),
                    ref MemoryMarshal.GetReference(vNext), ref MemoryMarshal.GetReference(wn), -v[r], -wi[r], vNext[r], V.Zero);
            }

            Span<V> swap = w;
            w = wNext;
            wNext = swap;
            tau = tauNext;
        }

        d[0] = a[0];
    }

    /// <summary>
    /// Lane-wise Householder vector in place: x (length m) becomes v with v[m−1] = 1 so that (I − τ v vᵀ) x = β e_{m−1};
    /// lanes whose x[0..m−2] is zero get τ = 0 and β = x[m−1] (no reflection).
    /// </summary>
    private static V MakeReflector(Span<V> x, out V beta)
    {
        int m = x.Length;
        V alpha = x[m - 1];
        V sumSquares = V.Zero;
        for (int j = 0; j < m - 1; j++)
        {
            sumSquares = Vector512.FusedMultiplyAdd(x[j], x[j], sumSquares);
        }

        // A lane whose x[0..m−2] has Σx² below 2^−1000 (every entry below 2^−500) does not reflect: its squares would be
        // subnormal and the reflector not orthogonal (see HouseholderTridiagonal.Norm). The lanes were rescaled so that
        // their largest entry is at least ~1e-120, so leaving entries below 2^−500 ≈ 3e-151 out of the tridiagonal moves
        // an eigenvalue by less than 1e-30 of the matrix's scale.
        V reflect = Vector512.GreaterThanOrEqual(sumSquares, Vector512.Create(HouseholderTridiagonal.TinyEntry * HouseholderTridiagonal.TinyEntry));
        V norm = Vector512.Sqrt(Vector512.FusedMultiplyAdd(alpha, alpha, sumSquares));
        V b = Vector512.ConditionalSelect(reflect, -CopySign(norm, alpha), alpha);

        // Lanes that do not reflect divide by 1 and multiply by 0: no NaN, and τ = 0 exactly.
        V safeB = Vector512.ConditionalSelect(reflect, b, Vector512<double>.One);
        V tau = Vector512.ConditionalSelect(reflect, (b - alpha) / safeB, V.Zero);
        V denominator = Vector512.ConditionalSelect(reflect, alpha - b, Vector512<double>.One);
        V scale = Vector512.ConditionalSelect(reflect, Vector512<double>.One / denominator, V.Zero);
        for (int j = 0; j < m - 1; j++)
        {
            x[j] *= scale;
        }

        x[m - 1] = Vector512<double>.One;
        beta = b;
        return tau;
    }

    private static V CopySign(V magnitude, V sign)
    {
        V signBit = Vector512.Create(-0.0);
        return Vector512.ConditionalSelect(signBit, sign, magnitude);
    }

    /// <summary>w ← τ w; w ← w − ½ τ (wᵀv) v, lane-wise.</summary>
    private static void FinishW(Span<V> w, ReadOnlySpan<V> v, V tau)
    {
        V dot = V.Zero;
        for (int j = 0; j < w.Length; j++)
        {
            w[j] *= tau;
            dot = Vector512.FusedMultiplyAdd(w[j], v[j], dot);
        }

        V alpha = Vector512.Create(-0.5) * tau * dot;
        for (int j = 0; j < w.Length; j++)
        {
            w[j] = Vector512.FusedMultiplyAdd(v[j], alpha, w[j]);
        }
    }

    /// <summary>row[j] −= s1·x[j] + s2·y[j].</summary>
    private static void UpdateRow(Span<V> row, ReadOnlySpan<V> x, ReadOnlySpan<V> y, V s1, V s2)
    {
        for (int j = 0; j < row.Length; j++)
        {
            row[j] -= Vector512.FusedMultiplyAdd(x[j], s1, y[j] * s2);
        }
    }

    /// <summary>w[0..m) = A[0..m, 0..m] v from the lower triangle (w must be zero on entry).</summary>
    private static void MatVecRows(Span<V> a, int n, int m, ReadOnlySpan<V> v, Span<V> w)
    {
        for (int r = 0; r < m; r++)
        {
            ReadOnlySpan<V> row = a.Slice(r * n, r + 1);
            V vr = v[r];
            V dot = V.Zero;
            for (int j = 0; j < r; j++)
            {
                dot = Vector512.FusedMultiplyAdd(row[j], v[j], dot);
                w[j] = Vector512.FusedMultiplyAdd(row[j], vr, w[j]);
            }

            w[r] += Vector512.FusedMultiplyAdd(row[r], vr, dot);
        }
    }

    /// <summary>
    /// Rows r0 … r0+3 (lengths r0+1 … r0+4): row −= y[r]·x + x[r]·y (x = w, y = v of this step), then w'[r] += row·u and
    /// w'[0..r−1] += row[0..r−1]·u[r] (u = next v), in one pass. Over their common columns each load of x, y, u and w and
    /// each store of w serves four rows: the reduction is bound by loads and stores into L2, not by arithmetic.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UpdateFourRowsAndMatVec(Span<V> a, int n, int r0, ReadOnlySpan<V> x, ReadOnlySpan<V> y, ReadOnlySpan<V> u, Span<V> wOut)
    {
        _ = a[(r0 + 3) * n + r0 + 3];
        _ = x[r0 + 3];
        _ = y[r0 + 3];
        _ = u[r0 + 3];
        _ = wOut[r0 + 3];
        ref V x0 = ref MemoryMarshal.GetReference(x);
        ref V y0 = ref MemoryMarshal.GetReference(y);
        ref V u0 = ref MemoryMarshal.GetReference(u);
        ref V w0 = ref MemoryMarshal.GetReference(wOut);
        ref V p0 = ref a[r0 * n];
        ref V p1 = ref a[(r0 + 1) * n];
        ref V p2 = ref a[(r0 + 2) * n];
        ref V p3 = ref a[(r0 + 3) * n];
        V a1 = -Unsafe.Add(ref y0, r0), b1 = -Unsafe.Add(ref x0, r0), c1 = Unsafe.Add(ref u0, r0);
        V a2 = -Unsafe.Add(ref y0, r0 + 1), b2 = -Unsafe.Add(ref x0, r0 + 1), c2 = Unsafe.Add(ref u0, r0 + 1);
        V a3 = -Unsafe.Add(ref y0, r0 + 2), b3 = -Unsafe.Add(ref x0, r0 + 2), c3 = Unsafe.Add(ref u0, r0 + 2);
        V a4 = -Unsafe.Add(ref y0, r0 + 3), b4 = -Unsafe.Add(ref x0, r0 + 3), c4 = Unsafe.Add(ref u0, r0 + 3);
        V d1 = V.Zero, d2 = V.Zero, d3 = V.Zero, d4 = V.Zero;
        for (int j = 0; j < r0; j++)
        {
            V xj = Unsafe.Add(ref x0, j), yj = Unsafe.Add(ref y0, j), uj = Unsafe.Add(ref u0, j);
            V e1 = Vector512.FusedMultiplyAdd(yj, b1, Vector512.FusedMultiplyAdd(xj, a1, Unsafe.Add(ref p0, j)));
            V e2 = Vector512.FusedMultiplyAdd(yj, b2, Vector512.FusedMultiplyAdd(xj, a2, Unsafe.Add(ref p1, j)));
            V e3 = Vector512.FusedMultiplyAdd(yj, b3, Vector512.FusedMultiplyAdd(xj, a3, Unsafe.Add(ref p2, j)));
            V e4 = Vector512.FusedMultiplyAdd(yj, b4, Vector512.FusedMultiplyAdd(xj, a4, Unsafe.Add(ref p3, j)));
            Unsafe.Add(ref p0, j) = e1;
            Unsafe.Add(ref p1, j) = e2;
            Unsafe.Add(ref p2, j) = e3;
            Unsafe.Add(ref p3, j) = e4;
            d1 = Vector512.FusedMultiplyAdd(e1, uj, d1);
            d2 = Vector512.FusedMultiplyAdd(e2, uj, d2);
            d3 = Vector512.FusedMultiplyAdd(e3, uj, d3);
            d4 = Vector512.FusedMultiplyAdd(e4, uj, d4);
            Unsafe.Add(ref w0, j) = Vector512.FusedMultiplyAdd(e4, c4, Vector512.FusedMultiplyAdd(e3, c3,
                Vector512.FusedMultiplyAdd(e2, c2, Vector512.FusedMultiplyAdd(e1, c1, Unsafe.Add(ref w0, j)))));
        }

        // The small triangle of columns r0 … r0+3, row by row as in the single-row kernel.
        FinishRow(ref p0, r0, r0, ref x0, ref y0, ref u0, ref w0, a1, b1, c1, d1);
        FinishRow(ref p1, r0, r0 + 1, ref x0, ref y0, ref u0, ref w0, a2, b2, c2, d2);
        FinishRow(ref p2, r0, r0 + 2, ref x0, ref y0, ref u0, ref w0, a3, b3, c3, d3);
        FinishRow(ref p3, r0, r0 + 3, ref x0, ref y0, ref u0, ref w0, a4, b4, c4, d4);
    }

    /// <summary>Columns <paramref name="from"/> … r of row r, with the row's negated scales and the dot of its earlier columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow(ref V row, int from, int r, ref V x0, ref V y0, ref V u0, ref V w0, V n1, V n2, V ur, V dot)
    {
        for (int j = from; j < r; j++)
        {
            V an = Vector512.FusedMultiplyAdd(Unsafe.Add(ref y0, j), n2, Vector512.FusedMultiplyAdd(Unsafe.Add(ref x0, j), n1, Unsafe.Add(ref row, j)));
            Unsafe.Add(ref row, j) = an;
            dot = Vector512.FusedMultiplyAdd(an, Unsafe.Add(ref u0, j), dot);
            Unsafe.Add(ref w0, j) = Vector512.FusedMultiplyAdd(an, ur, Unsafe.Add(ref w0, j));
        }

        V diag = Vector512.FusedMultiplyAdd(Unsafe.Add(ref y0, r), n2, Vector512.FusedMultiplyAdd(Unsafe.Add(ref x0, r), n1, Unsafe.Add(ref row, r)));
        Unsafe.Add(ref row, r) = diag;
        Unsafe.Add(ref w0, r) += Vector512.FusedMultiplyAdd(diag, ur, dot);
    }
}
