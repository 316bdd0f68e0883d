using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using InfoTheory.Internal;
using InfoTheory.Numerics;

namespace InfoTheory;

/// <summary>
/// Squared Euclidean distances between the observations of one variable, row by row of the lower triangle.
/// </summary>
/// <remarks>
/// Low dimension (d ≤ 32): the differences are formed directly from a transposed copy (d × N), vectorised across
/// observations: exact, no cancellation. High dimension: ‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ with vectorised dot products,
/// clamped at 0 (the cancellation error is far below any kernel width in use).
/// </remarks>
internal sealed class PairwiseDistances
{
    private const int DirectMaxDimensions = 32;
    private readonly double[] _data;   // d × N (direct) or N × d (dot form)
    private readonly double[] _norms;  // ‖xᵢ‖², dot form only
    private readonly int _dimensions;

    public PairwiseDistances(Samples samples)
    {
        Count = samples.Count;
        _dimensions = samples.Dimensions;
        int n = Count, d = _dimensions;
        if (d <= DirectMaxDimensions)
        {
            _data = new double[d * n];
            _norms = [];
            var row = new double[d];
            for (int i = 0; i < n; i++)
            {
                samples.CopyRowTo(i, row);
                for (int k = 0; k < d; k++)
                {
                    _data[k * n + i] = row[k];
                }
            }
        }
        else
        {
            _data = samples.ToArray();
            _norms = new double[n];
            for (int i = 0; i < n; i++)
            {
                _norms[i] = Dot(i, i);
            }
        }
    }

    /// <summary>
    /// Rows per block of <see cref="LowerBlock"/>: a block of rows and a tile of earlier rows (2 × 32 × d doubles, 400 KB
    /// at d = 784) stay in a core's L2 cache while every pair between them is formed.
    /// </summary>
    public const int BlockRows = 32;

    /// <summary>
    /// Whether the distances come from dot products (d &gt; 32). Rows are then best filled a block at a time
    /// (<see cref="LowerBlock"/>): row by row, every earlier observation is read from memory once per row, which at
    /// N = 10,000, d = 784 is 300 GB of traffic and most of the Gram's time.
    /// </summary>
    public bool UsesDotProducts => _norms.Length != 0;

    /// <summary>Number of observations N.</summary>
    public int Count { get; }

    /// <summary>The full N×N matrix of squared distances (zero diagonal, symmetric).</summary>
    public static double[] Squared(Samples samples, bool parallel)
    {
        var distances = new PairwiseDistances(samples);
        int n = distances.Count;
        var result = new double[(long)n * n];
        Rows(n, parallel, i => distances.LowerRow(i, result.AsSpan(i * n, i)));
        MirrorLower(result, n);
        return result;
    }

    /// <summary>D[i, 0..i): the squared distances of observation i to every earlier one.</summary>
    public void LowerRow(int i, Span<double> destination)
    {
        if (_norms.Length == 0)
        {
            DirectLowerRow(i, destination);
            return;
        }

        for (int j = 0; j < i; j++)
        {
            destination[j] = FromDot(i, j, Dot(i, j));
        }
    }

    /// <summary>
    /// D[i, 0..i) for the rows i of the block starting at <paramref name="start"/> (a multiple of <see cref="BlockRows"/>),
    /// written into <paramref name="matrix"/> (row-major, N columns); dot-product form only. The earlier rows come in
    /// tiles of <see cref="BlockRows"/>, and each 4 × 4 group of pairs below the diagonal is one register-blocked kernel
    /// (8 loads for 16 FMAs). Every pair is summed in the same order whichever kernel forms it (<see cref="Dot"/>), so
    /// the bits do not depend on the blocking.
    /// </summary>
    public void LowerBlock(int start, Span<double> matrix)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            LowerBlock<Vector512<double>, Simd512>(start, matrix);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            LowerBlock<Vector256<double>, Simd256>(start, matrix);
        }
        else
        {
            LowerBlock<Vector128<double>, Simd128>(start, matrix);
        }
    }

    /// <summary><see cref="LowerBlock(int, Span{double})"/> at one vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void LowerBlock<TVector, TSimd>(int start, Span<double> matrix)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int n = Count, end = Math.Min(start + BlockRows, n);
        Span<double> dots = stackalloc double[16];
        for (int tile = 0; tile < end; tile += BlockRows)
        {
            int tileEnd = Math.Min(tile + BlockRows, end);
            for (int i = start; i < end; i += 4)
            {
                int rows = Math.Min(4, end - i);
                for (int j = tile; j < tileEnd; j += 4)
                {
                    if (rows == 4 && j + 4 <= tileEnd && j + 4 <= i)
                    {
                        Dot4x4<TVector, TSimd>(i, j, dots);
                        for (int a = 0; a < 4; a++)
                        {
                            for (int b = 0; b < 4; b++)
                            {
                                matrix[(i + a) * n + j + b] = FromDot(i + a, j + b, dots[a * 4 + b]);
                            }
                        }

                        continue;
                    }

                    // The diagonal groups and the ragged edges, one pair at a time.
                    for (int a = i; a < i + rows; a++)
                    {
                        for (int b = j; b < Math.Min(j + 4, Math.Min(tileEnd, a)); b++)
                        {
                            matrix[a * n + b] = FromDot(a, b, Dot<TVector, TSimd>(a, b));
                        }
                    }
                }
            }
        }
    }

    /// <summary>‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ, clamped at 0 (cancellation can leave a tiny negative for near-duplicates).</summary>
    private double FromDot(int i, int j, double dot) => Math.Max(0, _norms[i] + _norms[j] - 2 * dot);

    /// <summary>xᵢ·xⱼ at the widest accelerated vector width.</summary>
    private double Dot(int i, int j)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            return Dot<Vector512<double>, Simd512>(i, j);
        }

        return Vector256.IsHardwareAccelerated ? Dot<Vector256<double>, Simd256>(i, j) : Dot<Vector128<double>, Simd128>(i, j);
    }

    /// <summary>
    /// xᵢ·xⱼ in the one summation order every kernel here uses: a vector of partial sums over whole vectors of
    /// coordinates (one FMA chain per lane), their lane sum, then the remaining coordinates one FMA at a time. Norms use
    /// it too, so duplicate observations are exactly 0 apart.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal double Dot<TVector, TSimd>(int i, int j)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int d = _dimensions, width = TSimd.Count, k = 0;
        ref double x = ref MemoryMarshal.GetArrayDataReference(_data);
        nuint ai = (nuint)((long)i * d), aj = (nuint)((long)j * d);
        var acc = TSimd.Zero;
        for (; k + width <= d; k += width)
        {
            acc = TSimd.FusedMultiplyAdd(TSimd.Load(ref x, ai + (nuint)k), TSimd.Load(ref x, aj + (nuint)k), acc);
        }

        double sum = TSimd.Sum(acc);
        for (; k < d; k++)
        {
            sum = Math.FusedMultiplyAdd(Unsafe.Add(ref x, ai + (nuint)k), Unsafe.Add(ref x, aj + (nuint)k), sum);
        }

        return sum;
    }

    /// <summary>
    /// The 16 dot products x_{i+a}·x_{j+b} (a, b &lt; 4) into <paramref name="dots"/>[4a + b], each in
    /// <see cref="Dot{TVector, TSimd}"/>'s order: 16 accumulators, 8 vector loads per 16 FMAs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Dot4x4<TVector, TSimd>(int i, int j, Span<double> dots)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int d = _dimensions, width = TSimd.Count, k = 0;
        ref double x = ref MemoryMarshal.GetArrayDataReference(_data);
        nuint i0 = (nuint)((long)i * d), i1 = i0 + (nuint)d, i2 = i1 + (nuint)d, i3 = i2 + (nuint)d;
        nuint j0 = (nuint)((long)j * d), j1 = j0 + (nuint)d, j2 = j1 + (nuint)d, j3 = j2 + (nuint)d;
        TVector c00 = TSimd.Zero, c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        TVector c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        for (; k + width <= d; k += width)
        {
            nuint o = (nuint)k;
            var b0 = TSimd.Load(ref x, j0 + o);
            var b1 = TSimd.Load(ref x, j1 + o);
            var b2 = TSimd.Load(ref x, j2 + o);
            var b3 = TSimd.Load(ref x, j3 + o);
            var a = TSimd.Load(ref x, i0 + o);
            c00 = TSimd.FusedMultiplyAdd(a, b0, c00);
            c01 = TSimd.FusedMultiplyAdd(a, b1, c01);
            c02 = TSimd.FusedMultiplyAdd(a, b2, c02);
            c03 = TSimd.FusedMultiplyAdd(a, b3, c03);
            a = TSimd.Load(ref x, i1 + o);
            c10 = TSimd.FusedMultiplyAdd(a, b0, c10);
            c11 = TSimd.FusedMultiplyAdd(a, b1, c11);
            c12 = TSimd.FusedMultiplyAdd(a, b2, c12);
            c13 = TSimd.FusedMultiplyAdd(a, b3, c13);
            a = TSimd.Load(ref x, i2 + o);
            c20 = TSimd.FusedMultiplyAdd(a, b0, c20);
            c21 = TSimd.FusedMultiplyAdd(a, b1, c21);
            c22 = TSimd.FusedMultiplyAdd(a, b2, c22);
            c23 = TSimd.FusedMultiplyAdd(a, b3, c23);
            a = TSimd.Load(ref x, i3 + o);
            c30 = TSimd.FusedMultiplyAdd(a, b0, c30);
            c31 = TSimd.FusedMultiplyAdd(a, b1, c31);
            c32 = TSimd.FusedMultiplyAdd(a, b2, c32);
            c33 = TSimd.FusedMultiplyAdd(a, b3, c33);
        }

        dots[0] = TSimd.Sum(c00); dots[1] = TSimd.Sum(c01); dots[2] = TSimd.Sum(c02); dots[3] = TSimd.Sum(c03);
        dots[4] = TSimd.Sum(c10); dots[5] = TSimd.Sum(c11); dots[6] = TSimd.Sum(c12); dots[7] = TSimd.Sum(c13);
        dots[8] = TSimd.Sum(c20); dots[9] = TSimd.Sum(c21); dots[10] = TSimd.Sum(c22); dots[11] = TSimd.Sum(c23);
        dots[12] = TSimd.Sum(c30); dots[13] = TSimd.Sum(c31); dots[14] = TSimd.Sum(c32); dots[15] = TSimd.Sum(c33);
        for (; k < d; k++)
        {
            for (int a = 0; a < 4; a++)
            {
                double xa = Unsafe.Add(ref x, i0 + (nuint)(a * d + k));
                for (int b = 0; b < 4; b++)
                {
                    dots[a * 4 + b] = Math.FusedMultiplyAdd(xa, Unsafe.Add(ref x, j0 + (nuint)(b * d + k)), dots[a * 4 + b]);
                }
            }
        }
    }

    /// <summary>
    /// Σ_{j&lt;i} exp(−D[i, j]): the Gaussian-kernel row sum on data already divided by the width, with no row stored
    /// (distances, exponentials and the sum stay in registers). <paramref name="scratch"/> (length ≥ i) is only used
    /// by the high-dimension form.
    /// </summary>
    public double SumOfNegativeExponentials(int i, Span<double> scratch)
    {
        if (_norms.Length != 0)
        {
            var row = scratch[..i];
            LowerRow(i, row);
            TensorPrimitives.Negate(row, row);
            TensorPrimitives.Exp(row, row);
            return TensorPrimitives.Sum(row);
        }

        if (Vector512.IsHardwareAccelerated)
        {
            return SumOfNegativeExponentials<Vector512<double>, Simd512>(i);
        }

        return Vector256.IsHardwareAccelerated
            ? SumOfNegativeExponentials<Vector256<double>, Simd256>(i)
            : SumOfNegativeExponentials<Vector128<double>, Simd128>(i);
    }

    /// <summary>The direct form (d ≤ 32) of <see cref="SumOfNegativeExponentials(int, Span{double})"/> at one vector width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // full optimisation at once; dynamic PGO slowed this loop ~1.6× here
    internal double SumOfNegativeExponentials<TVector, TSimd>(int i)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int n = Count, d = _dimensions, j = 0, width = TSimd.Count;
        ref double xt = ref MemoryMarshal.GetArrayDataReference(_data);
        Span<double> xi = stackalloc double[d];
        for (int k = 0; k < d; k++)
        {
            xi[k] = _data[k * n + i];
        }

        // Four independent accumulators: the FMA chain is latency-bound otherwise.
        var total = TSimd.Zero;
        for (; j + 4 * width <= i; j += 4 * width)
        {
            var a0 = TSimd.Zero;
            var a1 = a0;
            var a2 = a0;
            var a3 = a0;
            for (int k = 0; k < d; k++)
            {
                var c = TSimd.Create(xi[k]);
                nuint at = (nuint)(k * n + j);
                var d0 = TSimd.Subtract(TSimd.Load(ref xt, at), c);
                var d1 = TSimd.Subtract(TSimd.Load(ref xt, at + (nuint)width), c);
                var d2 = TSimd.Subtract(TSimd.Load(ref xt, at + (nuint)(2 * width)), c);
                var d3 = TSimd.Subtract(TSimd.Load(ref xt, at + (nuint)(3 * width)), c);
                a0 = TSimd.FusedMultiplyAdd(d0, d0, a0);
                a1 = TSimd.FusedMultiplyAdd(d1, d1, a1);
                a2 = TSimd.FusedMultiplyAdd(d2, d2, a2);
                a3 = TSimd.FusedMultiplyAdd(d3, d3, a3);
            }

            var e01 = TSimd.Add(FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a0)), FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a1)));
            var e23 = TSimd.Add(FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a2)), FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(a3)));
            total = TSimd.Add(total, TSimd.Add(e01, e23));
        }

        for (; j + width <= i; j += width)
        {
            var acc = TSimd.Zero;
            for (int k = 0; k < d; k++)
            {
                var diff = TSimd.Subtract(TSimd.Load(ref xt, (nuint)(k * n + j)), TSimd.Create(xi[k]));
                acc = TSimd.FusedMultiplyAdd(diff, diff, acc);
            }

            total = TSimd.Add(total, FastExp.NonPositive<TVector, TSimd>(TSimd.Negate(acc)));
        }

        double sum = TSimd.Sum(total);
        for (; j < i; j++)
        {
            double acc = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = _data[k * n + j] - xi[k];
                acc = Math.FusedMultiplyAdd(diff, diff, acc);
            }

            sum += Math.Exp(-acc);
        }

        return sum;
    }

    /// <summary>
    /// Runs <paramref name="row"/> for every i in [0, n), rows interleaved across cores to balance the triangle; each row
    /// done is counted to <paramref name="work"/> (which throws there once the operation is cancelled).
    /// </summary>
    internal static void Rows(int n, bool parallel, Action<int> row, WorkTracker? work = null)
    {
        if (!parallel || n < 256)
        {
            for (int i = 0; i < n; i++)
            {
                row(i);
                work?.Advance(1);
            }

            return;
        }

        int workers = Math.Min(Environment.ProcessorCount * 4, n);
        Parallel.For(0, workers, work?.ParallelOptions ?? DefaultLoop, w =>
        {
            for (int i = w; i < n; i += workers)
            {
                row(i);
                work?.Advance(1);
            }
        });
    }

    private static readonly ParallelOptions DefaultLoop = new();

    /// <summary>
    /// Fills D[i, 0..i) for every i into <paramref name="matrix"/> (row-major N×N; the upper triangle and the diagonal
    /// are left alone): the dot-product form a block of rows at a time, blocks interleaved across cores, the direct form
    /// row by row. Each row done is counted to <paramref name="work"/>.
    /// </summary>
    internal unsafe void FillLower(Span<double> matrix, bool parallel, WorkTracker? work)
    {
        int n = Count;
        fixed (double* start = matrix)
        {
            nint address = (nint)start;
            int length = matrix.Length;
            if (!UsesDotProducts)
            {
                Rows(n, parallel, i => LowerRow(i, new Span<double>((void*)address, length).Slice(i * n, i)), work);
                return;
            }

            int blocks = (n + BlockRows - 1) / BlockRows;
            void Block(int b)
            {
                LowerBlock(b * BlockRows, new Span<double>((void*)address, length));
                work?.Advance(Math.Min(BlockRows, n - b * BlockRows));
            }

            if (!parallel || blocks < 8)
            {
                for (int b = 0; b < blocks; b++)
                {
                    Block(b);
                }

                return;
            }

            // Interleaved, so each worker gets short and long blocks of the triangle alike.
            int workers = Math.Min(Environment.ProcessorCount * 4, blocks);
            Parallel.For(0, workers, work?.ParallelOptions ?? DefaultLoop, w =>
            {
                for (int b = w; b < blocks; b += workers)
                {
                    Block(b);
                }
            });
        }
    }

    /// <summary>Copies the strict lower triangle onto the upper one, in cache-sized tiles.</summary>
    internal static void MirrorLower(Span<double> matrix, int n)
    {
        const int Tile = 64;
        for (int bi = 0; bi < n; bi += Tile)
        {
            int iEnd = Math.Min(bi + Tile, n);
            for (int bj = bi; bj < n; bj += Tile)
            {
                int jEnd = Math.Min(bj + Tile, n);
                for (int i = bi; i < iEnd; i++)
                {
                    for (int j = Math.Max(bj, i + 1); j < jEnd; j++)
                    {
                        matrix[i * n + j] = matrix[j * n + i];
                    }
                }
            }
        }
    }

    /// <summary>D[i, j] for j &lt; i from the transposed copy, at the widest accelerated vector width.</summary>
    private void DirectLowerRow(int i, Span<double> destination)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            DirectLowerRow<Vector512<double>, Simd512>(i, destination);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            DirectLowerRow<Vector256<double>, Simd256>(i, destination);
        }
        else
        {
            DirectLowerRow<Vector128<double>, Simd128>(i, destination);
        }
    }

    /// <summary>
    /// D[i, j] for j &lt; i from the transposed copy: a vector of j at a time, all d coordinates summed in a register,
    /// so each distance is written once. Each distance is one FMA chain over the coordinates whatever the width, so
    /// every width gives the same bits.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void DirectLowerRow<TVector, TSimd>(int i, Span<double> destination)
        where TVector : struct
        where TSimd : struct, ISimd<TVector>
    {
        int n = Count, d = _dimensions, j = 0;
        ref double xt = ref MemoryMarshal.GetArrayDataReference(_data);
        ref double dst = ref MemoryMarshal.GetReference(destination[..i]);
        Span<double> xi = stackalloc double[d];
        for (int k = 0; k < d; k++)
        {
            xi[k] = _data[k * n + i];
        }

        for (; j + TSimd.Count <= i; j += TSimd.Count)
        {
            var acc = TSimd.Zero;
            for (int k = 0; k < d; k++)
            {
                var diff = TSimd.Subtract(TSimd.Load(ref xt, (nuint)(k * n + j)), TSimd.Create(xi[k]));
                acc = TSimd.FusedMultiplyAdd(diff, diff, acc);
            }

            TSimd.Store(acc, ref dst, (nuint)j);
        }

        for (; j < i; j++)
        {
            double acc = 0;
            for (int k = 0; k < d; k++)
            {
                double diff = _data[k * n + j] - xi[k];
                acc = Math.FusedMultiplyAdd(diff, diff, acc);
            }

            destination[j] = acc;
        }
    }
}
