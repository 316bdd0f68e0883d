using System.Numerics.Tensors;

namespace InfoTheory;

/// <summary>
/// A pivoted partial Cholesky factorisation K ≈ L·Lᵀ of the Gaussian kernel matrix Kᵢⱼ = exp(−‖uᵢ − uⱼ‖²) of samples u
/// (already divided by σ·√2), grown a block of columns at a time from kernel columns computed on demand: memory O(N·r),
/// no N×N matrix. The residual E = K − L·Lᵀ is the Schur complement of the pivot block, so E ⪰ 0 and its diagonal is
/// tracked; the pivots are the largest residual diagonals (greedy, deterministic), the factorisation of Harbrecht,
/// Peters &amp; Schneider (Appl. Numer. Math. 62(4), 2012, doi:10.1016/j.apnum.2011.10.001) done in blocks.
/// </summary>
/// <remarks>
/// A block takes the <see cref="BlockSize"/> largest residual diagonals as candidates, removes the earlier columns from
/// their kernel columns with one pass over L, then factors them with pivoting inside the block (a candidate whose residual
/// fell below a relative 10⁻¹² of the first pivot — a near-duplicate of another — is dropped). LᵀL (r×r), whose eigenvalues
/// are those of L·Lᵀ, is kept up to date block by block.
/// </remarks>
internal sealed class PartialCholesky
{
    /// <summary>Candidate pivots per block.</summary>
    public const int BlockSize = 64;

    private readonly double[] _transposed; // d × N: each coordinate's values across the observations
    private readonly int _n;
    private readonly int _d;
    private readonly double[] _residual;   // diag(E)
    private readonly List<double[]> _blocks = []; // N × width row-major blocks of L
    private readonly List<int> _widths = [];
    private readonly List<int> _pivots = [];
    private double[] _gram = [];                 // LᵀL, rank × rank row-major
    private readonly bool _parallel;

    /// <summary>Starts a factorisation of rank 0 (E = K).</summary>
    public PartialCholesky(Samples scaled, bool parallel)
    {
        _n = scaled.Count;
        _d = scaled.Dimensions;
        _parallel = parallel;
        _transposed = new double[(long)_d * _n];
        var row = new double[_d];
        for (int i = 0; i < _n; i++)
        {
            scaled.CopyRowTo(i, row);
            for (int k = 0; k < _d; k++)
            {
                _transposed[(long)k * _n + i] = row[k];
            }
        }

        _residual = new double[_n];
        Array.Fill(_residual, 1.0);
    }

    /// <summary>The rank r so far.</summary>
    public int Rank => _pivots.Count;

    /// <summary>The bytes held for a factorisation of rank r on N observations of d coordinates.</summary>
    public static long Bytes(int n, int d, int rank) =>
        8L * ((long)n * (d + 1 + rank) + (long)rank * rank + (long)n * BlockSize);

    /// <summary>tr E = N − ‖L‖²_F, from the tracked residual diagonal (each entry ≥ 0).</summary>
    public double ResidualTrace
    {
        get
        {
            double sum = 0;
            foreach (double v in _residual)
            {
                sum += v;
            }

            return sum;
        }
    }

    /// <summary>The eigenvalues of L·Lᵀ (those of the r×r LᵀL), descending order not guaranteed.</summary>
    public double[] LeadingEigenvalues()
    {
        int r = Rank;
        return r == 0 ? [] : SymmetricEigenvalues.Compute(_gram, r);
    }

    /// <summary>
    /// Adds up to <see cref="BlockSize"/> columns (fewer when the residual is exhausted or <paramref name="maxRank"/> is
    /// reached). Returns the number added; 0 means E is 0 to round-off.
    /// </summary>
    public int Grow(int maxRank, CancellationToken cancellationToken)
    {
        int n = _n, want = Math.Min(BlockSize, maxRank - Rank);
        double largest = _residual.Max();
        if (want <= 0 || !(largest > 1e-14))
        {
            return 0;
        }

        var candidates = LargestResidual(want);
        int b = candidates.Length;
        // Residual columns E[:, candidates], column-major (b × N).
        var columns = new double[(long)b * n];
        For(b, c => KernelColumn(candidates[c], columns.AsSpan((int)((long)c * n), n)));
        cancellationToken.ThrowIfCancellationRequested();
        RemoveEarlierColumns(candidates, columns);
        cancellationToken.ThrowIfCancellationRequested();

        // Pivoted Cholesky inside the block.
        var taken = new List<int>(b);
        var remaining = Enumerable.Range(0, b).ToList();
        double first = 0;
        while (remaining.Count > 0)
        {
            int best = -1;
            double pivot = 0;
            foreach (int c in remaining)
            {
                double v = columns[(long)c * n + candidates[c]];
                if (v > pivot)
                {
                    (pivot, best) = (v, c);
                }
            }

            if (best < 0 || pivot <= 1e-12 * Math.Max(first, largest))
            {
                break;
            }

            first = Math.Max(first, pivot);
            remaining.Remove(best);
            var l = columns.AsSpan((int)((long)best * n), n);
            TensorPrimitives.Divide(l, Math.Sqrt(pivot), l);
            // Exact zeros at the pivots already taken keep E's Schur structure.
            foreach (int p in taken)
            {
                l[candidates[p]] = 0;
            }

            foreach (int c in remaining)
            {
                var other = columns.AsSpan((int)((long)c * n), n);
                TensorPrimitives.MultiplyAdd(l, -l[candidates[c]], other, other);
            }

            taken.Add(best);
        }

        int w = taken.Count;
        if (w == 0)
        {
            return 0;
        }

        var block = new double[(long)n * w];
        for (int i = 0; i < n; i++)
        {
            double removed = 0;
            for (int c = 0; c < w; c++)
            {
                double v = columns[(long)taken[c] * n + i];
                block[(long)i * w + c] = v;
                removed += v * v;
            }

            _residual[i] = Math.Max(0, _residual[i] - removed);
        }

        foreach (int c in taken)
        {
            _residual[candidates[c]] = 0;
            _pivots.Add(candidates[c]);
        }

        ExtendGram(block, w);
        _blocks.Add(block);
        _widths.Add(w);
        return w;
    }

    /// <summary>The <paramref name="count"/> observations with the largest residual diagonal (ties by index).</summary>
    private int[] LargestResidual(int count)
    {
        var order = Enumerable.Range(0, _n).Where(i => _residual[i] > 0).ToArray();
        var keys = order.Select(i => -_residual[i]).ToArray();
        Array.Sort(keys, order);
        return order.Take(count).ToArray();
    }

    /// <summary>Kᵢⱼ = exp(−‖uᵢ − uⱼ‖²) for every i, column j.</summary>
    private void KernelColumn(int j, Span<double> destination)
    {
        int n = _n;
        destination.Clear();
        var diff = new double[n];
        for (int k = 0; k < _d; k++)
        {
            var values = _transposed.AsSpan((int)((long)k * n), n);
            TensorPrimitives.Subtract(values, values[j], diff);
            TensorPrimitives.FusedMultiplyAdd(diff, diff, destination, destination);
        }

        TensorPrimitives.Negate(destination, destination);
        TensorPrimitives.Exp(destination, destination);
        destination[j] = 1;
    }

    /// <summary>columns[c] −= L·L[candidate c, :]ᵀ for every earlier block, rows in parallel chunks.</summary>
    private void RemoveEarlierColumns(int[] candidates, double[] columns)
    {
        int n = _n, b = candidates.Length;
        for (int k = 0; k < _blocks.Count; k++)
        {
            var block = _blocks[k];
            int w = _widths[k];
            var pivotRows = new double[b * w];
            for (int c = 0; c < b; c++)
            {
                block.AsSpan((int)((long)candidates[c] * w), w).CopyTo(pivotRows.AsSpan(c * w, w));
            }

            ForChunks(n, (start, end) =>
            {
                for (int i = start; i < end; i++)
                {
                    var row = block.AsSpan((int)((long)i * w), w);
                    for (int c = 0; c < b; c++)
                    {
                        columns[(long)c * n + i] -= TensorPrimitives.Dot(row, pivotRows.AsSpan(c * w, w));
                    }
                }
            });
        }
    }

    /// <summary>LᵀL grows by the new block's products with every block (itself included).</summary>
    private void ExtendGram(double[] block, int w)
    {
        int r0 = Rank - w, r = Rank, n = _n;
        var gram = new double[r * r];
        for (int i = 0; i < r0; i++)
        {
            _gram.AsSpan(i * r0, r0).CopyTo(gram.AsSpan(i * r, r0));
        }

        int offset = 0;
        var all = _blocks.Append(block).ToArray();
        var widths = _widths.Append(w).ToArray();
        for (int k = 0; k < all.Length; k++)
        {
            var other = all[k];
            int wk = widths[k];
            // Σᵢ other[i, :]ᵀ · block[i, :], summed over row chunks in a fixed order (same bits whatever the cores).
            int chunks = (n + 4095) / 4096;
            var partial = new double[chunks * wk * w];
            For(chunks, ch =>
            {
                var acc = partial.AsSpan(ch * wk * w, wk * w);
                int end = Math.Min(n, (ch + 1) * 4096);
                for (int i = ch * 4096; i < end; i++)
                {
                    var right = block.AsSpan((int)((long)i * w), w);
                    for (int a = 0; a < wk; a++)
                    {
                        double left = other[(long)i * wk + a];
                        if (left != 0)
                        {
                            TensorPrimitives.MultiplyAdd(right, left, acc.Slice(a * w, w), acc.Slice(a * w, w));
                        }
                    }
                }
            });
            for (int a = 0; a < wk; a++)
            {
                for (int c = 0; c < w; c++)
                {
                    double sum = 0;
                    for (int ch = 0; ch < chunks; ch++)
                    {
                        sum += partial[ch * wk * w + a * w + c];
                    }

                    gram[(offset + a) * r + r0 + c] = sum;
                    gram[(r0 + c) * r + offset + a] = sum;
                }
            }

            offset += wk;
        }

        _gram = gram;
    }

    private void For(int count, Action<int> body)
    {
        if (_parallel && count > 1)
        {
            Parallel.For(0, count, body);
        }
        else
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
        }
    }

    private void ForChunks(int n, Action<int, int> body)
    {
        const int Chunk = 2048;
        int chunks = (n + Chunk - 1) / Chunk;
        For(chunks, ch => body(ch * Chunk, Math.Min(n, (ch + 1) * Chunk)));
    }
}
