using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace InfoTheory.Compute;

/// <summary>
/// Eigenvalues of <see cref="BatchedTridiagonal.Lanes"/> symmetric tridiagonal matrices at once, one per lane of a
/// <see cref="Vector512{T}"/>, by the same root-free implicit QL iteration (Pal–Walker–Kahan) as <see cref="TridiagonalQL"/>.
/// </summary>
/// <remarks>
/// Why: one QL sweep is a chain of dependent operations with a division in every step, so a single matrix runs at the
/// division's latency, not at the machine's throughput; eight independent matrices in the lanes of one vector share
/// that latency. Each lane keeps its own active block [l, m] and shift; a sweep runs from the largest m down to the
/// smallest l, and a lane takes part only while the row index lies in its own block (elsewhere its state and its
/// entries are left unchanged by lane masks). Deflation tests, 2×2 blocks and shifts are per lane, in scalar code,
/// with the same criteria as <see cref="TridiagonalQL"/>.
/// </remarks>
internal static class BatchedTridiagonalQL
{
    private const double Eps = 1.1102230246251565e-16;
    private const double Eps2 = Eps * Eps;
    private const double AbsoluteFloor2 = Eps2 * 1e-6;
    private const int L = BatchedTridiagonal.Lanes;

    /// <summary>
    /// Eigenvalues (unsorted) of the lane-wise tridiagonals with diagonal <paramref name="d"/> (n vectors) and
    /// off-diagonal <paramref name="e"/> (n − 1 vectors; destroyed); lane l's eigenvalues are written to
    /// <c>output[l·n .. (l+1)·n)</c> for l &lt; <paramref name="used"/>.
    /// </summary>
    public static void Eigenvalues(Span<V> d, Span<V> e, int n, int used, Span<double> output)
    {
        if (n == 1)
        {
            for (int k = 0; k < used; k++)
            {
                output[k * n] = d[0][k];
            }

            return;
        }

        // Per-lane power-of-two scale so that max |entry| ∈ [1, 2); e is squared afterwards (root-free form).
        var anorm = V.Zero;
        for (int k = 0; k < n; k++)
        {
            anorm = Vector512.Max(anorm, Vector512.Abs(d[k]));
        }

        for (int k = 0; k < n - 1; k++)
        {
            anorm = Vector512.Max(anorm, Vector512.Abs(e[k]));
        }

        Span<int> exponent = stackalloc int[L];
        Span<double> down = stackalloc double[L];
        for (int k = 0; k < L; k++)
        {
            exponent[k] = anorm[k] == 0 ? 0 : Math.ILogB(anorm[k]);
            down[k] = Math.ScaleB(1.0, -exponent[k]);
        }

        var scale = Vector512.Create((ReadOnlySpan<double>)down);
        for (int k = 0; k < n; k++)
        {
            d[k] *= scale;
        }

        for (int k = 0; k < n - 1; k++)
        {
            var s = e[k] * scale;
            e[k] = s * s;
        }

        // The lane-wise arrays as scalars: element i of lane k at [i·L + k].
        Span<double> ds = System.Runtime.InteropServices.MemoryMarshal.Cast<V, double>(d[..n]);
        Span<double> es = System.Runtime.InteropServices.MemoryMarshal.Cast<V, double>(e[..(n - 1)]);

        Span<int> l = stackalloc int[L];
        Span<int> m = stackalloc int[L];
        Span<double> shift = stackalloc double[L];
        Span<long> lo = stackalloc long[L];
        Span<long> hi = stackalloc long[L];
        for (int k = 0; k < L; k++)
        {
            l[k] = k < used ? 0 : n; // unused lanes are done from the start
        }

        int iterations = 0, maxIterations = 30 * n;
        while (true)
        {
            int top = -1, bottom = n;
            for (int k = 0; k < L; k++)
            {
                lo[k] = -1;
                hi[k] = -1;
                while (l[k] < n)
                {
                    int lk = l[k], mk = lk;
                    while (mk < n - 1)
                    {
                        double e2 = es[mk * L + k];
                        if (e2 <= Eps2 * Math.Abs(ds[mk * L + k] * ds[(mk + 1) * L + k]) || e2 <= AbsoluteFloor2)
                        {
                            es[mk * L + k] = 0;
                            break;
                        }

                        mk++;
                    }

                    if (mk == lk)
                    {
                        l[k] = lk + 1;
                        continue;
                    }

                    if (mk == lk + 1)
                    {
                        (ds[lk * L + k], ds[(lk + 1) * L + k]) =
                            TridiagonalQL.Eigenvalues2x2(ds[lk * L + k], Math.Sqrt(es[lk * L + k]), ds[(lk + 1) * L + k]);
                        es[lk * L + k] = 0;
                        l[k] = lk + 2;
                        continue;
                    }

                    // A sweep on [lk, mk] with a Wilkinson-type shift from the block's leading 2×2.
                    m[k] = mk;
                    double rte = Math.Sqrt(es[lk * L + k]);
                    double sg = (ds[(lk + 1) * L + k] - ds[lk * L + k]) / (2 * rte);
                    double rr = Math.Sqrt(sg * sg + 1);
                    shift[k] = ds[lk * L + k] - rte / (sg + Math.CopySign(rr, sg));
                    lo[k] = lk;
                    hi[k] = mk - 1;
                    top = Math.Max(top, mk - 1);
                    bottom = Math.Min(bottom, lk);
                    break;
                }
            }

            if (top < 0)
            {
                break;
            }

            if (++iterations > maxIterations)
            {
                throw new InvalidOperationException(
                    $"The tridiagonal QL iteration did not converge in {maxIterations} sweeps (n = {n}); the matrix may contain values near the floating-point limits.");
            }

            Sweep(d, e, top, bottom, Vector512.Create((ReadOnlySpan<long>)lo), Vector512.Create((ReadOnlySpan<long>)hi),
                Vector512.Create((ReadOnlySpan<double>)shift), out V gammaEnd, out V sEnd, out V pEnd);
            for (int k = 0; k < L; k++)
            {
                if (lo[k] >= 0)
                {
                    int lk = l[k];
                    es[lk * L + k] = sEnd[k] * pEnd[k];
                    ds[lk * L + k] = shift[k] + gammaEnd[k];
                }
            }
        }

        for (int k = 0; k < used; k++)
        {
            for (int i = 0; i < n; i++)
            {
                output[k * n + i] = Math.ScaleB(ds[i * L + k], exponent[k]);
            }
        }
    }

    /// <summary>
    /// One implicit QL sweep per lane over rows i ∈ [lo, hi] (hi = m − 1), all lanes in step from <paramref name="top"/>
    /// down to <paramref name="bottom"/>; lanes outside their range are masked.
    /// </summary>
    private static void Sweep(Span<V> d, Span<V> e, int top, int bottom, Vector512<long> lo, Vector512<long> hi, V sigma,
        out V gamma, out V s, out V p)
    {
        V one = Vector512<double>.One;
        V c = one;
        s = V.Zero;
        gamma = V.Zero;
        p = V.Zero;
        for (int i = top; i >= bottom; i--)
        {
            var iv = Vector512.Create((long)i);
            V inRange = (Vector512.GreaterThanOrEqual(iv, lo) & Vector512.LessThanOrEqual(iv, hi)).AsDouble();
            V start = Vector512.Equals(iv, hi).AsDouble() & inRange;

            // Lanes whose sweep starts here: c = 1, s = 0, γ = d[m] − σ, p = γ².
            V gStart = d[i + 1] - sigma;
            gamma = Vector512.ConditionalSelect(start, gStart, gamma);
            p = Vector512.ConditionalSelect(start, gStart * gStart, p);
            c = Vector512.ConditionalSelect(start, one, c);
            s = Vector512.ConditionalSelect(start, V.Zero, s);

            V bb = e[i];
            V r = p + bb;
            if (i < top)
            {
                // e[i+1] = s·r for lanes past their first step (i < m − 1).
                e[i + 1] = Vector512.ConditionalSelect(inRange & ~start, s * r, e[i + 1]);
            }

            V invR = one / r;
            V rOverP = r * (one / p);
            V cNew = p * invR;
            V sNew = bb * invR;
            V alpha = d[i];
            V gNew = cNew * (alpha - sigma) - sNew * gamma;
            d[i + 1] = Vector512.ConditionalSelect(inRange, gamma + (alpha - gNew), d[i + 1]);
            V pNew = Vector512.ConditionalSelect(Vector512.Equals(cNew, V.Zero), c * bb, gNew * gNew * rOverP);
            c = Vector512.ConditionalSelect(inRange, cNew, c);
            s = Vector512.ConditionalSelect(inRange, sNew, s);
            gamma = Vector512.ConditionalSelect(inRange, gNew, gamma);
            p = Vector512.ConditionalSelect(inRange, pNew, p);
        }
    }
}
