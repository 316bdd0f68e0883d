using System.Numerics;
using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal form with the
/// reflectors accumulated, then the implicit QL algorithm with Wilkinson-type shifts, the rotations applied to the
/// accumulated basis (Golub &amp; Van Loan, Matrix Computations, 4th ed., §8.3; the tred2/tql2 scheme of Wilkinson &amp;
/// Reinsch, Handbook for Automatic Computation II, 1971). O(n³); n = 1024 takes about a second.
/// </summary>
/// <remarks>
/// The basis is stored transposed (row j is the j-th vector), so every Householder product and every plane rotation
/// works on contiguous rows (SIMD); the rotations of one QL sweep are recorded and applied to column blocks in parallel.
/// Only the lower triangle of the input is read.
/// </remarks>
internal static class SymmetricEigendecomposition
{
    /// <summary>The eigenpairs of the symmetric n×n row-major <paramref name="matrix"/>, eigenvalues in descending order.</summary>
    /// <param name="matrix">n×n values, row-major (only the lower triangle is read).</param>
    /// <param name="n">The order n ≥ 1.</param>
    /// <returns>The eigenvalues (descending) and the eigenvectors, row-major n×n with row j the unit eigenvector of value j.</returns>
    /// <exception cref="ArgumentException">The size does not match, or an entry is not finite.</exception>
    /// <exception cref="ArithmeticException">QL did not converge (30 iterations for one eigenvalue; not seen for finite input).</exception>
    public static (double[] Values, double[] Vectors) Compute(ReadOnlySpan<double> matrix, int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"matrix has {matrix.Length} entries but n = {n} needs n² = {n * n}.", nameof(matrix));
        }

        // Full symmetric copy from the lower triangle.
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double v = matrix[i * n + j];
                if (!double.IsFinite(v))
                {
                    throw new ArgumentException($"matrix[{i},{j}] = {v} is not finite; an eigendecomposition needs finite entries.", nameof(matrix));
                }

                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }

        var d = new double[n];
        var e = new double[n];
        var qt = Tridiagonalise(a, n, d, e);
        QL(d, e, qt, n);
        return Sort(d, qt, n);
    }

    /// <summary>Reduces the full symmetric <paramref name="a"/> to T = Qᵀ A Q; returns Qᵀ (row-major). e[k] couples d[k] and d[k+1].</summary>
    private static double[] Tridiagonalise(double[] a, int n, double[] d, double[] e)
    {
        // Reflectors H_k = I − β_k v_k v_kᵀ acting on coordinates k+1..n−1 (v_k stored in row k of a, right of the diagonal).
        var betas = new double[n];
        for (int k = 0; k < n - 2; k++)
        {
            int m = n - k - 1;
            var x = a.AsSpan(k * n + k + 1, m); // A[k, k+1..] = A[k+1.., k]
            double alpha = InfoTheory.Compute.HouseholderTridiagonal.Norm(x);
            double x0 = x[0];
            if (alpha == 0 || TensorPrimitives.MaxMagnitude((ReadOnlySpan<double>)x[1..]) == 0)
            {
                betas[k] = 0;
                e[k] = x0;
                continue;
            }

            alpha = x0 > 0 ? -alpha : alpha;  // v = x − α e₁ with α of the opposite sign to x₀: no cancellation
            double beta;
            if (Math.Abs(alpha) >= InfoTheory.Compute.HouseholderTridiagonal.TinyEntry)
            {
                x[0] = x0 - alpha;                // x now holds v
                beta = 1 / (alpha * (alpha - x0)); // 2/(vᵀv) with vᵀv = 2α(α − x₀)
            }
            else
            {
                // Tiny x: 1/(α(α − x₀)) would be +∞, so v is scaled to v₀ = 1 (as LAPACK's dlarfg) and β = (α − x₀)/α ∈ [1, 2].
                double v0 = x0 - alpha;
                x[0] = 1;
                TensorPrimitives.Divide(x[1..], v0, x[1..]);
                beta = -v0 / alpha;
            }

            betas[k] = beta;
            e[k] = alpha;

            // Trailing block B = A[k+1.., k+1..]; p = β B v; w = p − (β pᵀv/2) v; B −= v wᵀ + w vᵀ.
            int o = k + 1;
            var v = x.ToArray();
            var w = new double[m];
            ForRows(m, i => w[i] = beta * TensorPrimitives.Dot(a.AsSpan((o + i) * n + o, m), v));
            double kk = 0.5 * beta * TensorPrimitives.Dot(w, v);
            TensorPrimitives.MultiplyAdd(v, -kk, w, w);
            ForRows(m, i =>
            {
                var row = a.AsSpan((o + i) * n + o, m);
                TensorPrimitives.MultiplyAdd(w, -v[i], row, row);
                TensorPrimitives.MultiplyAdd(v, -w[i], row, row);
            });
        }

        for (int k = 0; k < n; k++)
        {
            d[k] = a[k * n + k];
        }

        if (n >= 2)
        {
            e[n - 2] = a[(n - 2) * n + n - 1];
        }

        e[n - 1] = 0;

        // Q = H_0 H_1 … H_{n−3}, built backwards: Q ← H_k Q touches only the block of rows and columns k+1.. .
        var q = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            q[i * n + i] = 1;
        }

        var s = new double[n];
        for (int k = n - 3; k >= 0; k--)
        {
            if (betas[k] == 0)
            {
                continue;
            }

            int o = k + 1, m = n - o;
            var v = a.AsSpan(k * n + o, m);
            var sv = s.AsSpan(0, m);
            sv.Clear();
            // s = vᵀ Q[o.., o..]: a combination of rows.
            for (int i = 0; i < m; i++)
            {
                TensorPrimitives.MultiplyAdd(q.AsSpan((o + i) * n + o, m), v[i], sv, sv);
            }

            double beta = betas[k];
            var vArr = v.ToArray();
            var sArr = sv.ToArray();
            ForRows(m, i =>
            {
                var row = q.AsSpan((o + i) * n + o, m);
                TensorPrimitives.MultiplyAdd(sArr, -beta * vArr[i], row, row);
            });
        }

        // Transpose in place to Qᵀ.
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                (q[i * n + j], q[j * n + i]) = (q[j * n + i], q[i * n + j]);
            }
        }

        return q;
    }

    /// <summary>Implicit QL on the tridiagonal (d, e); rotations mix rows i, i+1 of <paramref name="zt"/> (= columns of Z).</summary>
    private static void QL(double[] d, double[] e, double[] zt, int n)
    {
        var cs = new double[n];
        var sn = new double[n];
        // Deflate when an off-diagonal is negligible next to its diagonal neighbours or to the whole matrix: the second,
        // absolute test (ε‖T‖, as in EISPACK's tql2) is what lets clusters of tiny eigenvalues (rank-deficient covariances)
        // converge; it is backward stable, so those eigenvalues carry an absolute error of order ε‖T‖.
        double norm = 0;
        for (int i = 0; i < n; i++)
        {
            norm = Math.Max(norm, Math.Abs(d[i]) + Math.Abs(e[i]));
        }

        double absolute = 2.220446049250313e-16 * norm;
        for (int l = 0; l < n; l++)
        {
            int iterations = 0;
            while (true)
            {
                int m = l;
                for (; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= absolute || Math.Abs(e[m]) <= 1.1102230246251565e-16 * dd)
                    {
                        break;
                    }
                }

                if (m == l)
                {
                    break;
                }

                if (++iterations > 60)
                {
                    throw new ArithmeticException($"The QL iteration did not converge for eigenvalue {l} of {n}.");
                }

                // Shift from the leading 2×2 block (Wilkinson's choice, as in tql2).
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = double.Hypot(g, 1);
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r));
                double s = 1, c = 1, p = 0;
                int i = m - 1;
                bool underflow = false;
                int first = l;
                for (; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = double.Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        // Deflate: the rotation chain stops here.
                        d[i + 1] -= p;
                        e[m] = 0;
                        underflow = true;
                        first = i + 1;
                        break;
                    }

                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = (d[i] - g) * s + 2 * c * b;
                    p = s * r;
                    d[i + 1] = g + p;
                    g = c * r - b;
                    cs[i] = c;
                    sn[i] = s;
                }

                ApplyRotations(zt, n, first, m - 1, cs, sn);
                if (underflow)
                {
                    continue;
                }

                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
        }
    }

    /// <summary>For i = hi down to lo: (z_i, z_{i+1}) ← (c z_i − s z_{i+1}, s z_i + c z_{i+1}) on whole rows, in column blocks.</summary>
    private static void ApplyRotations(double[] zt, int n, int lo, int hi, double[] cs, double[] sn)
    {
        if (hi < lo)
        {
            return;
        }

        int rotations = hi - lo + 1;
        const int block = 256;
        int blocks = (n + block - 1) / block;
        void Run(int bIndex)
        {
            int c0 = bIndex * block, len = Math.Min(block, n - c0);
            for (int i = hi; i >= lo; i--)
            {
                Rotate(zt.AsSpan(i * n + c0, len), zt.AsSpan((i + 1) * n + c0, len), cs[i], sn[i]);
            }
        }

        if ((long)rotations * n >= 1 << 16 && blocks > 1)
        {
            Parallel.For(0, blocks, Run);
        }
        else
        {
            for (int b = 0; b < blocks; b++)
            {
                Run(b);
            }
        }
    }

    private static void Rotate(Span<double> zi, Span<double> zj, double c, double s)
    {
        int k = 0;
        if (Vector.IsHardwareAccelerated && zi.Length >= Vector<double>.Count)
        {
            var vc = new Vector<double>(c);
            var vs = new Vector<double>(s);
            for (; k <= zi.Length - Vector<double>.Count; k += Vector<double>.Count)
            {
                var a = new Vector<double>(zi[k..]);
                var b = new Vector<double>(zj[k..]);
                (vc * a - vs * b).CopyTo(zi[k..]);
                (vs * a + vc * b).CopyTo(zj[k..]);
            }
        }

        for (; k < zi.Length; k++)
        {
            double a = zi[k], b = zj[k];
            zi[k] = c * a - s * b;
            zj[k] = s * a + c * b;
        }
    }

    private static (double[] Values, double[] Vectors) Sort(double[] d, double[] zt, int n)
    {
        var order = Enumerable.Range(0, n).OrderByDescending(i => d[i]).ToArray();
        var values = new double[n];
        var vectors = new double[n * n];
        for (int j = 0; j < n; j++)
        {
            values[j] = d[order[j]];
            zt.AsSpan(order[j] * n, n).CopyTo(vectors.AsSpan(j * n, n));
        }

        return (values, vectors);
    }

    private static void ForRows(int m, Action<int> body)
    {
        if ((long)m * m >= 1 << 16)
        {
            Parallel.For(0, m, body);
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                body(i);
            }
        }
    }
}
