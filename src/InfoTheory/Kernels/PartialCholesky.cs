using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

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
/// fell below 10⁻¹² of the largest diagonal — a near-duplicate of another — is dropped). LᵀL (r×r), whose eigenvalues
/// are those of L·Lᵀ, is kept up to date block by block. The N·r² work of both passes runs as 64-wide row-by-block
/// products with the block in L1, so it is bound by arithmetic, not by memory.
/// </remarks>
internal sealed class PartialCholesky
{
    /// <summary>Candidate pivots per block.</summary>
    public const int BlockSize = 64;

    private readonly double[] _transposed; // d × N: each coordinate's values across the observations
    private readonly int _n;
    private readonly int _d;
    private readonly double[] _residual;   // diag(E)
    private readonly List<double[]> _blocks = []; // N × BlockSize row-major blocks of L (the first width columns used)
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
        8L * ((long)n * (d + 1 + 3 * BlockSize) + (long)n * BlockSize * ((rank + BlockSize - 1) / BlockSize) + 2L * rank * rank);

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
        // Residual columns E[:, candidates], row-major N × BlockSize (columns beyond b stay 0).
        var columns = new double[(long)n * BlockSize];
        For(b, c =>
        {
            var column = new double[n];
            KernelColumn(candidates[c], column);
            for (int i = 0; i < n; i++)
            {
                columns[(long)i * BlockSize + c] = column[i];
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        for (int k = 0; k < _blocks.Count; k++)
        {
            SubtractEarlierBlock(_blocks[k], _widths[k], candidates, columns);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var taken = FactorBlock(candidates, columns, largest);
        int w = taken.Count;
        if (w == 0)
        {
            return 0;
        }

        var block = new double[(long)n * BlockSize];
        ForChunks(n, (start, end) =>
        {
            for (int i = start; i < end; i++)
            {
                double removed = 0;
                for (int c = 0; c < w; c++)
                {
                    double v = columns[(long)i * BlockSize + taken[c]];
                    block[(long)i * BlockSize + c] = v;
                    removed += v * v;
                }

                _residual[i] = Math.Max(0, _residual[i] - removed);
            }
        });

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

    /// <summary>
    /// Pivoted Cholesky of the candidates' residual columns in place: each step takes the candidate with the largest
    /// remaining residual, scales its column to a column of L and removes it from the others. A candidate whose residual
    /// fell below 10⁻¹² of the largest diagonal (a near-duplicate of one taken) is left out. Returns the columns taken, in order.
    /// </summary>
    private List<int> FactorBlock(int[] candidates, double[] columns, double largest)
    {
        int n = _n, b = candidates.Length;
        var taken = new List<int>(b);
        var remaining = Enumerable.Range(0, b).ToList();
        var pivotValues = new double[BlockSize];
        while (remaining.Count > 0)
        {
            int best = -1;
            double pivot = 0;
            foreach (int c in remaining)
            {
                double v = columns[(long)candidates[c] * BlockSize + c];
                if (v > pivot)
                {
                    (pivot, best) = (v, c);
                }
            }

            if (best < 0 || pivot <= 1e-12 * largest)
            {
                break;
            }

            remaining.Remove(best);
            double scale = 1 / Math.Sqrt(pivot);
            // l = E[:, best]/√pivot; every other remaining column c loses l·l[candidate c].
            Array.Clear(pivotValues);
            foreach (int c in remaining)
            {
                pivotValues[c] = columns[(long)candidates[c] * BlockSize + best] * scale;
            }

            ForChunks(n, (start, end) =>
            {
                var update = MemoryMarshal.Cast<double, Vector<double>>(pivotValues.AsSpan());
                for (int i = start; i < end; i++)
                {
                    var row = columns.AsSpan((int)((long)i * BlockSize), BlockSize);
                    double l = row[best] * scale;
                    var vectors = MemoryMarshal.Cast<double, Vector<double>>(row);
                    var factor = new Vector<double>(l);
                    for (int v = 0; v < vectors.Length; v++)
                    {
                        vectors[v] -= factor * update[v];
                    }

                    row[best] = l;
                }
            });
            taken.Add(best);
        }

        return taken;
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

    /// <summary>
    /// columns[i, :] −= Σₐ L_k[i, a]·L_k[candidate, a] for one earlier block L_k: a GEMM (N × w)·(w × 64) with the
    /// 64-wide right factor in L1 and each output row in registers, rows in parallel chunks.
    /// </summary>
    private void SubtractEarlierBlock(double[] block, int w, int[] candidates, double[] columns)
    {
        // right[a, c] = L_k[candidate c, a].
        var right = new double[BlockSize * BlockSize];
        for (int c = 0; c < candidates.Length; c++)
        {
            for (int a = 0; a < w; a++)
            {
                right[a * BlockSize + c] = block[(long)candidates[c] * BlockSize + a];
            }
        }

        ForChunks(_n, (start, end) =>
        {
            var rightVectors = MemoryMarshal.Cast<double, Vector<double>>(right.AsSpan());
            int perRow = BlockSize / Vector<double>.Count;
            for (int i = start; i < end; i++)
            {
                var output = MemoryMarshal.Cast<double, Vector<double>>(columns.AsSpan((int)((long)i * BlockSize), BlockSize));
                var left = block.AsSpan((int)((long)i * BlockSize), w);
                for (int a = 0; a < w; a++)
                {
                    var factor = new Vector<double>(left[a]);
                    var r = rightVectors.Slice(a * perRow, perRow);
                    for (int v = 0; v < perRow; v++)
                    {
                        output[v] -= factor * r[v];
                    }
                }
            }
        });
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

        const int Chunk = 2048;
        int chunks = (n + Chunk - 1) / Chunk;
        int offset = 0;
        var all = _blocks.Append(block).ToArray();
        var widths = _widths.Append(w).ToArray();
        int perRow = BlockSize / Vector<double>.Count;
        for (int k = 0; k < all.Length; k++)
        {
            var other = all[k];
            int wk = widths[k];
            // Σᵢ other[i, a]·block[i, :] per row chunk, then the chunks summed in order (same bits whatever the cores).
            var partial = new double[chunks * BlockSize * BlockSize];
            For(chunks, ch =>
            {
                var acc = MemoryMarshal.Cast<double, Vector<double>>(partial.AsSpan(ch * BlockSize * BlockSize, BlockSize * BlockSize));
                int end = Math.Min(n, (ch + 1) * Chunk);
                for (int i = ch * Chunk; i < end; i++)
                {
                    var right = MemoryMarshal.Cast<double, Vector<double>>(block.AsSpan((int)((long)i * BlockSize), BlockSize));
                    var left = other.AsSpan((int)((long)i * BlockSize), wk);
                    for (int a = 0; a < wk; a++)
                    {
                        var factor = new Vector<double>(left[a]);
                        var row = acc.Slice(a * perRow, perRow);
                        for (int v = 0; v < perRow; v++)
                        {
                            row[v] += factor * right[v];
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
                        sum += partial[(long)ch * BlockSize * BlockSize + a * BlockSize + c];
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
