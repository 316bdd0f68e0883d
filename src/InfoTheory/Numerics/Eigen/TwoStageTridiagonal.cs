using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InfoTheory.Numerics;

namespace InfoTheory.Compute;

/// <summary>
/// Two-stage tridiagonalisation for large matrices (the scheme of LAPACK dsytrd_2stage; Bischof, Lang &amp; Sun,
/// "A framework for symmetric band reduction", ACM TOMS 26, 2000; Haidar, Ltaief &amp; Dongarra, SC'11):
/// (1) dense → band of half-width b by blocked Householder (compact WY, Schreiber–Van Loan), whose work is all
/// matrix–matrix products; (2) band → tridiagonal by Householder bulge chasing, in cache. Stage 1 replaces the
/// memory-bound symmetric mat-vec of the one-stage method, which dominates once the matrix leaves the cache.
/// </summary>
/// <remarks>Row-major, lower triangle only (entries [r, c] with c ≤ r); the matrix is destroyed. With a
/// <see cref="ReductionProgress"/>, stage 1 counts b columns per panel and both stages check for cancellation (per panel,
/// and every <see cref="SweepGroup"/> bulge-chasing sweeps).</remarks>
internal static class TwoStageTridiagonal
{
    private const int SymmChunk = 256;

    public static void Reduce(Span<double> a, int n, Span<double> d, Span<double> e, int b, int threads, ReductionProgress? progress = null)
    {
        ReduceToBand(a, n, b, threads, progress);
        BandToTridiagonal(a, n, b, progress, threads);
        for (int i = 0; i < n; i++)
        {
            d[i] = a[i * n + i];
            if (i + 1 < n)
            {
                e[i] = a[(i + 1) * n + i];
            }
        }
    }

    /// <summary>Stage 1: after it, A[r, c] = 0 for r − c &gt; b (lower triangle), same eigenvalues.</summary>
    internal static void ReduceToBand(Span<double> a, int n, int b, int threads, ReductionProgress? progress = null)
    {
        double[] pt = new double[b * n];     // panel, transposed: Pt[k][q] = A[j+b+q][j+k]
        double[] yt = new double[b * n];     // reflectors as rows (stride n)
        double[] z = new double[2 * b * n];  // [Wt; Yt] rows (stride n) for the rank-2b update
        double[] gt = new double[threads * b * n];
        double[] u = new double[n * 2 * b];
        double[] t = new double[b * b];
        double[] pm = new double[b * b];
        double[] mm = new double[b * b];
        double[] tmp = new double[b];
        double[][] tiles = new double[threads][];
        for (int i = 0; i < threads; i++)
        {
            tiles[i] = new double[2 * b * 16];
        }

        for (int j = 0; j + b < n; j += b)
        {
            int s = j + b;          // first row/column of the trailing block
            int m = n - s;          // its order
            int kmax = Math.Min(b, m);

            // Gather the panel (columns j..j+b−1, rows s..n−1) transposed, so each column is a contiguous row.
            for (int q = 0; q < m; q++)
            {
                ReadOnlySpan<double> src = a.Slice((s + q) * n + j, b);
                for (int k = 0; k < b; k++)
                {
                    pt[k * n + q] = src[k];
                }
            }

            // LQ of Pt (b × m) by Householder: reflector k zeroes Pt[k][k+1..m).
            Array.Clear(t);
            for (int k = 0; k < kmax; k++)
            {
                Span<double> x = pt.AsSpan(k * n + k, m - k);
                double tau = MakeReflectorFirst(x, out double beta);
                Span<double> yk = yt.AsSpan(k * n, m);
                yk[..k].Clear();
                yk[k] = 1;
                x[1..].CopyTo(yk[(k + 1)..]);
                x[0] = beta;
                x[1..].Clear();
                t[k * b + k] = tau;
                if (tau != 0)
                {
                    ReadOnlySpan<double> v = yk[k..];
                    for (int kk = k + 1; kk < b; kk++)
                    {
                        Span<double> r = pt.AsSpan(kk * n + k, m - k);
                        double c = tau * TensorPrimitives.Dot(r, v);
                        TensorPrimitives.MultiplyAdd(v, -c, r, r);
                    }

                    // T[0:k, k] = −τ T[0:k, 0:k] (Y[:, 0:k]ᵀ v)  (forward, column-wise; LAPACK dlarft).
                    for (int i = 0; i < k; i++)
                    {
                        tmp[i] = TensorPrimitives.Dot(yt.AsSpan(i * n + k, m - k), v);
                    }

                    for (int i = 0; i < k; i++)
                    {
                        double sum = 0;
                        for (int l = i; l < k; l++)
                        {
                            sum += t[i * b + l] * tmp[l];
                        }

                        t[i * b + k] = -tau * sum;
                    }
                }
            }

            for (int k = kmax; k < b; k++)
            {
                yt.AsSpan(k * n, m).Clear(); // unused reflectors (m < b): zero, with τ = 0
            }

            // Scatter the panel back: lower-triangular L in the band, zeros below.
            for (int q = 0; q < m; q++)
            {
                Span<double> dst = a.Slice((s + q) * n + j, b);
                for (int k = 0; k < b; k++)
                {
                    dst[k] = pt[k * n + q];
                }
            }

            if (m <= 1)
            {
                continue;
            }

            // Trailing block A22 ← Qᵀ A22 Q with Q = I − Y T Yᵀ:
            // G = A22 Y, X = G T, M = Tᵀ Yᵀ X, W = X − ½ Y M, A22 −= Y Wᵀ + W Yᵀ.
            Span<double> a22 = a[(s * n + s)..];
            Span<double> g = gt.AsSpan(0, b * n);
            SymmLower(a22, n, m, yt, b, gt, threads);

            // Xt = Tᵀ Gt (rows of Wt in z[0..b)).
            for (int k = 0; k < b; k++)
            {
                Span<double> xk = z.AsSpan(k * n, m);
                xk.Clear();
                for (int i = 0; i <= k; i++)
                {
                    double tik = t[i * b + k];
                    if (tik != 0)
                    {
                        TensorPrimitives.MultiplyAdd(g.Slice(i * n, m), tik, xk, xk);
                    }
                }
            }

            // P = Yᵀ X (b×b), M = Tᵀ P.
            for (int i = 0; i < b; i++)
            {
                for (int l = 0; l < b; l++)
                {
                    pm[i * b + l] = TensorPrimitives.Dot(yt.AsSpan(i * n, m), z.AsSpan(l * n, m));
                }
            }

            for (int k = 0; k < b; k++)
            {
                for (int l = 0; l < b; l++)
                {
                    double sum = 0;
                    for (int i = 0; i <= k; i++)
                    {
                        sum += t[i * b + k] * pm[i * b + l];
                    }

                    mm[k * b + l] = sum;
                }
            }

            // Wt[k] = Xt[k] − ½ Σ_l M[l][k] Yt[l].
            for (int k = 0; k < b; k++)
            {
                Span<double> wk = z.AsSpan(k * n, m);
                for (int l = 0; l < b; l++)
                {
                    double c = -0.5 * mm[l * b + k];
                    if (c != 0)
                    {
                        TensorPrimitives.MultiplyAdd(yt.AsSpan(l * n, m), c, wk, wk);
                    }
                }

                yt.AsSpan(k * n, m).CopyTo(z.AsSpan((b + k) * n, m));
            }

            // U[r] = (Y[r, ·], W[r, ·]) so that U · [Wt; Yt] = Y Wᵀ + W Yᵀ.
            int k2 = 2 * b;
            for (int r = 0; r < m; r++)
            {
                Span<double> ur = u.AsSpan(r * k2, k2);
                for (int q = 0; q < b; q++)
                {
                    ur[q] = yt[q * n + r];
                    ur[b + q] = z[q * n + r];
                }
            }

            HouseholderTridiagonal.Rank2kUpdate(a22, n, m, u, z, k2, tiles, threads);
            progress?.Advance(b);
        }
    }

    /// <summary>
    /// Gt = Yt A (b × m) for the symmetric m×m A given by its lower triangle (leading dimension ld). Column chunks
    /// of A are dealt round-robin to workers; each lower entry contributes to both its row and its column, and each
    /// worker accumulates into its own copy of Gt, summed in a fixed order afterwards.
    /// </summary>
    private static void SymmLower(Span<double> a, int ld, int m, double[] yt, int b, double[] gt, int threads)
    {
        int chunks = (m + SymmChunk - 1) / SymmChunk;
        int workers = threads > 1 && m >= 512 ? threads : 1;
        unsafe
        {
            fixed (double* pa = a)
            {
                nint addr = (nint)pa;
                int len = a.Length;
                Action<int> body = w =>
                {
                    var mat = new Span<double>((double*)addr, len);
                    Span<double> g = gt.AsSpan(w * b * ld, b * ld);
                    for (int k = 0; k < b; k++)
                    {
                        g.Slice(k * ld, m).Clear();
                    }

                    for (int ch = w; ch < chunks; ch += workers)
                    {
                        int c0 = ch * SymmChunk, c1 = Math.Min(m, c0 + SymmChunk);
                        // Rows below the chunk, four at a time: each load/store of Gt[k] serves four rows.
                        int below = c1;
                        int cntFull = c1 - c0;
                        for (; below + 4 <= m; below += 4)
                        {
                            ReadOnlySpan<double> s0 = mat.Slice(below * ld + c0, cntFull);
                            ReadOnlySpan<double> s1 = mat.Slice((below + 1) * ld + c0, cntFull);
                            ReadOnlySpan<double> s2 = mat.Slice((below + 2) * ld + c0, cntFull);
                            ReadOnlySpan<double> s3 = mat.Slice((below + 3) * ld + c0, cntFull);
                            for (int k = 0; k < b; k++)
                            {
                                ReadOnlySpan<double> yrow = yt.AsSpan(k * ld, m);
                                Span<double> gk = g.Slice(k * ld, m);
                                var dots = FusedDotAxpy4(s0, s1, s2, s3, yrow.Slice(c0, cntFull), gk.Slice(c0, cntFull),
                                    yrow[below], yrow[below + 1], yrow[below + 2], yrow[below + 3]);
                                gk[below] += dots.D0;
                                gk[below + 1] += dots.D1;
                                gk[below + 2] += dots.D2;
                                gk[below + 3] += dots.D3;
                            }
                        }

                        for (int q = c0; q < m; q++)
                        {
                            if (q == c1)
                            {
                                q = below; // rows [c1, below) were done above
                                if (q >= m)
                                {
                                    break;
                                }
                            }

                            int cend = Math.Min(c1, q); // strictly below the diagonal
                            int cnt = cend - c0;
                            ReadOnlySpan<double> seg = mat.Slice(q * ld + c0, cnt);
                            bool diag = q < c1;
                            double aqq = diag ? mat[q * ld + q] : 0;
                            for (int k = 0; k < b; k++)
                            {
                                double ykq = yt[k * ld + q];
                                Span<double> gk = g.Slice(k * ld, m);
                                ReadOnlySpan<double> yk = yt.AsSpan(k * ld + c0, cnt);
                                double dot = cnt > 0 ? FusedDotAxpy(seg, yk, gk.Slice(c0, cnt), ykq) : 0;
                                gk[q] += dot + aqq * ykq;
                            }
                        }
                    }
                };

                if (workers == 1)
                {
                    body(0);
                }
                else
                {
                    Parallel.For(0, workers, body);
                }
            }
        }

        for (int w = 1; w < workers; w++)
        {
            for (int k = 0; k < b; k++)
            {
                Span<double> g0 = gt.AsSpan(k * ld, m);
                TensorPrimitives.Add(g0, gt.AsSpan(w * b * ld + k * ld, m), g0);
            }
        }
    }

    /// <summary>g += s0·x0 + s1·x1 + s2·x2 + s3·x3; returns (x0·y, x1·y, x2·y, x3·y).</summary>
    private static (double D0, double D1, double D2, double D3) FusedDotAxpy4(ReadOnlySpan<double> x0s, ReadOnlySpan<double> x1s,
        ReadOnlySpan<double> x2s, ReadOnlySpan<double> x3s, ReadOnlySpan<double> ys, Span<double> gs, double s0, double s1, double s2, double s3)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return FusedDotAxpy4<Vector512<double>, Simd512>(x0s, x1s, x2s, x3s, ys, gs, s0, s1, s2, s3);
        }

        return Vector256.IsHardwareAccelerated
            ? FusedDotAxpy4<Vector256<double>, Simd256>(x0s, x1s, x2s, x3s, ys, gs, s0, s1, s2, s3)
            : FusedDotAxpy4<Vector128<double>, Simd128>(x0s, x1s, x2s, x3s, ys, gs, s0, s1, s2, s3);
    }

    /// <summary><see cref="FusedDotAxpy4(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, double, double, double, double)"/> at one vector width.</summary>
    internal static (double D0, double D1, double D2, double D3) FusedDotAxpy4<TVector, TSimd>(ReadOnlySpan<double> x0s, ReadOnlySpan<double> x1s,
        ReadOnlySpan<double> x2s, ReadOnlySpan<double> x3s, ReadOnlySpan<double> ys, Span<double> gs, double s0, double s1, double s2, double s3)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref double x0 = ref MemoryMarshal.GetReference(x0s);
        ref double x1 = ref MemoryMarshal.GetReference(x1s);
        ref double x2 = ref MemoryMarshal.GetReference(x2s);
        ref double x3 = ref MemoryMarshal.GetReference(x3s);
        ref double y0 = ref MemoryMarshal.GetReference(ys);
        ref double g0 = ref MemoryMarshal.GetReference(gs);
        int len = x0s.Length, j = 0, width = TSimd.Count;
        TVector a0 = TSimd.Zero, a1 = TSimd.Zero, a2 = TSimd.Zero, a3 = TSimd.Zero;
        var b0 = TSimd.Create(s0);
        var b1 = TSimd.Create(s1);
        var b2 = TSimd.Create(s2);
        var b3 = TSimd.Create(s3);
        for (; j <= len - width; j += width)
        {
            var y = TSimd.Load(ref y0, (nuint)j);
            var v0 = TSimd.Load(ref x0, (nuint)j);
            var v1 = TSimd.Load(ref x1, (nuint)j);
            var v2 = TSimd.Load(ref x2, (nuint)j);
            var v3 = TSimd.Load(ref x3, (nuint)j);
            a0 = TSimd.FusedMultiplyAdd(v0, y, a0);
            a1 = TSimd.FusedMultiplyAdd(v1, y, a1);
            a2 = TSimd.FusedMultiplyAdd(v2, y, a2);
            a3 = TSimd.FusedMultiplyAdd(v3, y, a3);
            var g = TSimd.Load(ref g0, (nuint)j);
            g = TSimd.FusedMultiplyAdd(v0, b0, g);
            g = TSimd.FusedMultiplyAdd(v1, b1, g);
            g = TSimd.FusedMultiplyAdd(v2, b2, g);
            g = TSimd.FusedMultiplyAdd(v3, b3, g);
            TSimd.Store(g, ref g0, (nuint)j);
        }

        double d0 = TSimd.Sum(a0), d1 = TSimd.Sum(a1), d2 = TSimd.Sum(a2), d3 = TSimd.Sum(a3);
        for (; j < len; j++)
        {
            double y = Unsafe.Add(ref y0, j);
            double v0 = Unsafe.Add(ref x0, j);
            double v1 = Unsafe.Add(ref x1, j);
            double v2 = Unsafe.Add(ref x2, j);
            double v3 = Unsafe.Add(ref x3, j);
            d0 += v0 * y;
            d1 += v1 * y;
            d2 += v2 * y;
            d3 += v3 * y;
            Unsafe.Add(ref g0, j) += v0 * s0 + v1 * s1 + v2 * s2 + v3 * s3;
        }

        return (d0, d1, d2, d3);
    }

    /// <summary>g += s·x; returns x·y.</summary>
    private static double FusedDotAxpy(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> g, double s)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return FusedDotAxpy<Vector512<double>, Simd512>(x, y, g, s);
        }

        return Vector256.IsHardwareAccelerated
            ? FusedDotAxpy<Vector256<double>, Simd256>(x, y, g, s)
            : FusedDotAxpy<Vector128<double>, Simd128>(x, y, g, s);
    }

    /// <summary><see cref="FusedDotAxpy(ReadOnlySpan{double}, ReadOnlySpan{double}, Span{double}, double)"/> at one vector width.</summary>
    internal static double FusedDotAxpy<TVector, TSimd>(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> g, double s)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        ref double g0 = ref MemoryMarshal.GetReference(g);
        int len = x.Length, j = 0, width = TSimd.Count;
        var acc = TSimd.Zero;
        var bs = TSimd.Create(s);
        for (; j <= len - width; j += width)
        {
            var xv = TSimd.Load(ref x0, (nuint)j);
            acc = TSimd.FusedMultiplyAdd(xv, TSimd.Load(ref y0, (nuint)j), acc);
            TSimd.Store(TSimd.FusedMultiplyAdd(xv, bs, TSimd.Load(ref g0, (nuint)j)), ref g0, (nuint)j);
        }

        double dot = TSimd.Sum(acc);
        for (; j < len; j++)
        {
            double xj = Unsafe.Add(ref x0, j);
            dot += xj * Unsafe.Add(ref y0, j);
            Unsafe.Add(ref g0, j) += xj * s;
        }

        return dot;
    }

    /// <summary>
    /// Stage 2: lower band of half-width b → tridiagonal by Householder bulge chasing. Sweep j zeroes column j
    /// below the subdiagonal with a reflector on rows j+1..j+b, then chases the bulge down the band one b-block at
    /// a time, annihilating only the first column of each bulge (the rest is removed by the following sweeps).
    /// Works in place in the dense array, touching entries within 2b of the diagonal.
    /// </summary>
    /// <remarks>
    /// Step t of sweep j shares entries with steps t − 1 … t + 2 of sweep j − 1 and with no others, so it may run once
    /// sweep j − 1 has done step t + 2. Sweeps go in groups of <see cref="SweepGroup"/> run as one wavefront (step t of
    /// the group's g-th sweep beside step t + 3g of its first), so a block of the band is used by every sweep of the
    /// group while it is in cache instead of once per pass over the band. With several threads the groups are dealt
    /// round-robin to workers, each group's first sweep waiting on the last of the group before (Haidar, Ltaief &amp;
    /// Dongarra, SC'11, pipeline the sweeps the same way). Every entry sees the serial order of operations, so the
    /// result has the bits of sweeping one sweep after another, whatever the grouping and thread count.
    /// </remarks>
    internal static void BandToTridiagonal(Span<double> a, int n, int b, ReductionProgress? progress = null, int threads = 1,
        int group = SweepGroup)
    {
        if (b <= 1)
        {
            return;
        }

        int sweeps = n - 2;
        int groups = (sweeps + group - 1) / group;
        int workers = Math.Clamp(Math.Min(threads, groups / 4), 1, threads);
        if (workers <= 1)
        {
            var chase = new Chase(b, group);
            for (int g0 = 0; g0 < sweeps; g0 += group)
            {
                progress?.ThrowIfCancellationRequested();
                chase.Group(a, n, g0, Math.Min(group, sweeps - g0), null);
            }

            return;
        }

        var pipeline = new SweepPipeline(sweeps);
        unsafe
        {
            fixed (double* pa = a)
            {
                nint addr = (nint)pa;
                int length = a.Length;
                void Work(int first)
                {
                    try
                    {
                        var mat = new Span<double>((double*)addr, length);
                        var chase = new Chase(b, group);
                        for (int g0 = first * group; g0 < sweeps; g0 += workers * group)
                        {
                            progress?.ThrowIfCancellationRequested();
                            chase.Group(mat, n, g0, Math.Min(group, sweeps - g0), pipeline);
                        }
                    }
                    catch (Exception e)
                    {
                        pipeline.Fail(e);
                    }
                }

                // Dedicated threads, not the pool: every worker waits on its neighbour, so all must run at once.
                var helpers = new Thread[workers - 1];
                for (int w = 1; w < workers; w++)
                {
                    int first = w;
                    helpers[w - 1] = new Thread(() => Work(first)) { IsBackground = true, Name = "InfoTheory band to tridiagonal" };
                    helpers[w - 1].Start();
                }

                Work(0);
                foreach (var helper in helpers)
                {
                    helper.Join();
                }
            }
        }

        pipeline.ThrowIfFailed();
    }

    /// <summary>Sweeps per wavefront group of <see cref="BandToTridiagonal"/>: 8 steps 3b apart span about 24b rows of the
    /// band (at b = 32, 768 rows × 64 columns, 400 KB: within a core's L2). Measured at N = 10,000 on 2 threads
    /// (<c>EigenStageBenchmarks</c>): groups of 2, 4, 8, 16, 64 took 1.87, 1.61, 1.63, 1.95, 2.71 s; one thread 2.9 s.</summary>
    internal const int SweepGroup = 8;

    /// <summary>One worker's state: the sweeps of a group in flight and the reflector scratch.</summary>
    private sealed class Chase(int b, int group)
    {
        private readonly int[] _col = new int[group];
        private readonly int[] _s = new int[group];
        private readonly int[] _len = new int[group];
        private readonly int[] _steps = new int[group];
        private readonly double[] _v = new double[b];
        private readonly double[] _w = new double[b];
        private readonly double[] _acc = new double[b];

        /// <summary>Sweeps g0 … g0 + count − 1 as one wavefront; with a pipeline, the first waits on sweep g0 − 1 and the
        /// last publishes its progress.</summary>
        public void Group(Span<double> a, int n, int g0, int count, SweepPipeline? pipeline)
        {
            for (int g = 0; g < count; g++)
            {
                _col[g] = g0 + g;
                _s[g] = g0 + g + 1;
                _len[g] = Math.Min(b, n - _s[g]);
                _steps[g] = 0;
            }

            int active = count;
            for (int tau = 0; active > 0; tau++)
            {
                for (int g = 0; g < count && tau - 3 * g >= 0; g++)
                {
                    if (_len[g] <= 1)
                    {
                        continue;
                    }

                    if (g == 0)
                    {
                        pipeline?.WaitFor(g0 - 1, _steps[0] + 3);
                    }

                    Step(a, n, _col[g], _s[g], _len[g], first: _steps[g] == 0);
                    _col[g] = _s[g];
                    _s[g] += _len[g];
                    _len[g] = Math.Min(b, n - _s[g]);
                    _steps[g]++;
                    if (_len[g] <= 1)
                    {
                        active--;
                    }

                    if (g == count - 1)
                    {
                        pipeline?.Publish(g0 + g, _len[g] <= 1 ? int.MaxValue : _steps[g]);
                    }
                }
            }

            // Finished (every sweep has at least one step, so this only repeats the last publish).
            pipeline?.Publish(g0 + count - 1, int.MaxValue);
        }

        /// <summary>One step: annihilates column <paramref name="col"/> on rows [s, s + len) and applies the reflector.</summary>
        private void Step(Span<double> a, int n, int col, int s, int len, bool first)
        {
            Span<double> vv = _v.AsSpan(0, len);
            for (int p = 0; p < len; p++)
            {
                vv[p] = a[(s + p) * n + col];
            }

            double tau = MakeReflectorFirst(vv, out double beta);
            a[s * n + col] = beta;
            for (int p = 1; p < len; p++)
            {
                a[(s + p) * n + col] = 0;
            }

            vv[0] = 1;
            if (tau == 0)
            {
                return;
            }

            // Left application to the rest of the previous block: rows [s, s+len), columns (col, s).
            if (!first)
            {
                int c0 = col + 1, cn = s - c0;
                if (cn > 0)
                {
                    Span<double> sum = _acc.AsSpan(0, cn);
                    sum.Clear();
                    for (int p = 0; p < len; p++)
                    {
                        Axpy(a.Slice((s + p) * n + c0, cn), vv[p], sum);
                    }

                    for (int p = 0; p < len; p++)
                    {
                        Axpy(sum, -tau * vv[p], a.Slice((s + p) * n + c0, cn));
                    }
                }
            }

            // Two-sided on the diagonal block [s, s+len)².
            Span<double> ww = _w.AsSpan(0, len);
            ww.Clear();
            Span<double> block = a[(s * n + s)..];
            HouseholderTridiagonal.SymmetricMatVecRows(block, n, 0, len, vv, ww);
            HouseholderTridiagonal.FinishW(ww, vv, tau);
            for (int r = 0; r < len; r++)
            {
                HouseholderTridiagonal.Rank2Row(block.Slice(r * n, r + 1), ww, vv, vv[r], ww[r]);
            }

            // Right application to the block below: rows [s+len, s+len+b), columns [s, s+len).
            int r0 = s + len, r1 = Math.Min(n, s + len + b);
            for (int r = r0; r < r1; r++)
            {
                ApplyRight(a.Slice(r * n + s, len), vv, tau);
            }
        }
    }

    /// <summary>The steps each sweep has done (int.MaxValue once finished), one cache line apart, and the first failure.</summary>
    private sealed class SweepPipeline(int sweeps)
    {
        private const int Stride = 16; // ints per 64-byte line: neighbouring sweeps run on different cores
        private readonly int[] _done = new int[sweeps * Stride];
        private Exception? _failure;

        /// <summary>Waits until <paramref name="sweep"/> has done <paramref name="steps"/> steps or finished (no wait
        /// for sweep −1); gives up once a worker has failed.</summary>
        public void WaitFor(int sweep, int steps)
        {
            if (sweep < 0 || Volatile.Read(ref _done[sweep * Stride]) >= steps)
            {
                return;
            }

            var spin = default(SpinWait);
            while (Volatile.Read(ref _done[sweep * Stride]) < steps)
            {
                if (Volatile.Read(ref _failure) is not null)
                {
                    throw new OperationCanceledException("Another worker of the band reduction failed.");
                }

                spin.SpinOnce(sleep1Threshold: -1); // yields, never sleeps: a step takes microseconds
            }
        }

        public void Publish(int sweep, int steps) => Volatile.Write(ref _done[sweep * Stride], steps);

        /// <summary>Keeps the first failure; the others (workers released by it) are dropped.</summary>
        public void Fail(Exception e) => Interlocked.CompareExchange(ref _failure, e, null);

        public void ThrowIfFailed()
        {
            if (_failure is { } e)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
            }
        }
    }

    /// <summary>row ← row (I − τ v vᵀ) for a short row (length ≤ b): one dot, one axpy, no library-call overhead.</summary>
    private static void ApplyRight(Span<double> row, ReadOnlySpan<double> v, double tau)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ApplyRight<Vector512<double>, Simd512>(row, v, tau);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ApplyRight<Vector256<double>, Simd256>(row, v, tau);
        }
        else
        {
            ApplyRight<Vector128<double>, Simd128>(row, v, tau);
        }
    }

    /// <summary><see cref="ApplyRight(Span{double}, ReadOnlySpan{double}, double)"/> at one vector width.</summary>
    internal static void ApplyRight<TVector, TSimd>(Span<double> row, ReadOnlySpan<double> v, double tau)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int len = row.Length, j = 0, width = TSimd.Count;
        ref double r0 = ref MemoryMarshal.GetReference(row);
        ref double v0 = ref MemoryMarshal.GetReference(v);
        double dot = 0;
        if (len >= width)
        {
            var acc = TSimd.Zero;
            for (; j <= len - width; j += width)
            {
                acc = TSimd.FusedMultiplyAdd(TSimd.Load(ref r0, (nuint)j), TSimd.Load(ref v0, (nuint)j), acc);
            }

            dot = TSimd.Sum(acc);
        }

        for (; j < len; j++)
        {
            dot += Unsafe.Add(ref r0, j) * Unsafe.Add(ref v0, j);
        }

        Axpy<TVector, TSimd>(v, -tau * dot, row);
    }

    /// <summary>y += s·x for short spans.</summary>
    private static void Axpy(ReadOnlySpan<double> x, double s, Span<double> y)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            Axpy<Vector512<double>, Simd512>(x, s, y);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Axpy<Vector256<double>, Simd256>(x, s, y);
        }
        else
        {
            Axpy<Vector128<double>, Simd128>(x, s, y);
        }
    }

    /// <summary><see cref="Axpy(ReadOnlySpan{double}, double, Span{double})"/> at one vector width (element-wise: the
    /// same bits at every width).</summary>
    internal static void Axpy<TVector, TSimd>(ReadOnlySpan<double> x, double s, Span<double> y)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int len = y.Length, j = 0, width = TSimd.Count;
        ref double x0 = ref MemoryMarshal.GetReference(x);
        ref double y0 = ref MemoryMarshal.GetReference(y);
        var bs = TSimd.Create(s);
        for (; j <= len - width; j += width)
        {
            TSimd.Store(TSimd.FusedMultiplyAdd(TSimd.Load(ref x0, (nuint)j), bs, TSimd.Load(ref y0, (nuint)j)), ref y0, (nuint)j);
        }

        for (; j < len; j++)
        {
            Unsafe.Add(ref y0, j) += Unsafe.Add(ref x0, j) * s;
        }
    }

    /// <summary>
    /// Householder vector in place: x becomes v with v[0] = 1 (stored from index 1) so that
    /// (I − τ v vᵀ) x = β e₀; returns τ (0 when x[1..] is zero).
    /// </summary>
    private static double MakeReflectorFirst(Span<double> x, out double beta)
    {
        double alpha = x[0];
        double xnorm = x.Length > 1 ? HouseholderTridiagonal.Norm(x[1..]) : 0;
        if (xnorm == 0)
        {
            beta = alpha;
            return 0;
        }

        beta = -Math.CopySign(double.Hypot(alpha, xnorm), alpha);
        double tau = (beta - alpha) / beta;
        HouseholderTridiagonal.ScaleBy(x[1..], alpha - beta);
        x[0] = 1;
        return tau;
    }
}
